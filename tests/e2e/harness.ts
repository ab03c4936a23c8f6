// Starts the built app and headless Debian Chromium for end-to-end tests and screenshots.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { preview } from 'vite';

/** Flags this machine needs: no sandbox as root, no GPU, and no background network (it is closed). */
export const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export interface Session {
  context: BrowserContext;
  page: Page;
  close: () => Promise<void>;
}

export interface Harness {
  baseUrl: string;
  /** A browser with a fresh, empty profile (its own --user-data-dir). */
  newSession: (viewport?: { width: number; height: number }) => Promise<Session>;
  close: () => Promise<void>;
}

/**
 * Serves dist/ (run `vite build` first; LANDCHECK_DIST names another build folder) on a free port;
 * browsers come from CHROME_PATH (default /usr/bin/chromium).
 */
export async function startHarness(): Promise<Harness> {
  const outDir = process.env.LANDCHECK_DIST ?? 'dist';
  const server = await preview({ build: { outDir }, preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'warn' });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('the preview server has no port');
  const sessions = new Set<Session>();
  return {
    baseUrl: `http://127.0.0.1:${address.port}/`,
    newSession: async (viewport = { width: 1280, height: 800 }) => {
      const userDataDir = mkdtempSync(join(tmpdir(), 'landcheck-chromium-'));
      const context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        // Playwright adds --headless itself (headless: true); the rest are passed as they are.
        headless: true,
        args: CHROMIUM_FLAGS.filter((flag) => flag !== '--headless'),
        viewport,
      });
      const page = context.pages()[0] ?? (await context.newPage());
      const session: Session = {
        context,
        page,
        close: async () => {
          sessions.delete(session);
          await context.close();
          rmSync(userDataDir, { recursive: true, force: true });
        },
      };
      sessions.add(session);
      return session;
    },
    close: async () => {
      for (const session of [...sessions]) await session.close();
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    },
  };
}
