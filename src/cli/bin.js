#!/usr/bin/env node
// Runs the TypeScript CLI in place (tsx), so `npx landcheck …` works from the repo after npm install.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
