import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { viteStaticCopy } from 'vite-plugin-static-copy';

// The sample county in data/sample is served at /data/sample/ in development and copied into dist/
// by the build, so the built app opens on it from any static file server.
export default defineConfig({
  base: './',
  plugins: [react(), viteStaticCopy({ targets: [{ src: 'data/sample/*', dest: 'data/sample' }] })],
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
});
