// Shared by the console's end-to-end tests: Debian's Chromium (installed by scripts/chromium.sh when
// missing), driven by playwright-core, one browser per test file.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

// this file runs as dist/test/ui/browser.js
const repo = fileURLToPath(new URL('../../../', import.meta.url));

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface Console {
  browser: Browser;
  page: Page;
  /** Uncaught errors and CSP violations seen by the page: a test ends with none. */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openConsole(origin: string): Promise<Console> {
  execFileSync('bash', [`${repo}scripts/chromium.sh`], { stdio: 'inherit' });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  const page = await browser.newPage({ baseURL: origin, viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(20_000); // generous: the whole suite may run beside it on two cores
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => { if (/Content Security Policy/i.test(msg.text())) pageErrors.push(msg.text()); });
  return { browser, page, pageErrors, close: () => browser.close() };
}

/** Saves /tmp/covalence-ui-<name>.png, to look at what an operator sees. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `/tmp/covalence-ui-${name}.png`, fullPage: true });
}

/** Polls a check (a few locator reads) until it holds; the picture redraws on its own schedule. */
export async function until(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
