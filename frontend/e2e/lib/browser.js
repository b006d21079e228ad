// Debian Chromium driven by playwright-core: no browser download, a fresh profile per launch.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { RESULTS_DIR } from './stack.js';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const BASE_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export function hasChromium() {
  return existsSync(CHROMIUM);
}

/** Returns { context, page, close } on a fresh user-data-dir. */
export async function launchBrowser({ extraArgs = [], viewport = { width: 1280, height: 900 } } = {}) {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'bsw-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...BASE_ARGS, ...extraArgs],
    viewport,
    locale: 'ko-KR',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors = [];
  page.on('console', (msg) => msg.type() === 'error' && consoleErrors.push(msg.text()));
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  return {
    context,
    page,
    consoleErrors,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page, name) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS_DIR, `${name}.png`) });
}
