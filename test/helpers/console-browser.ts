import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's chromium, never a downloaded browser. */
export const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = join('test-results', 'console');

/** A headless chromium page that records every console error, page error and failed request. */
export interface ConsoleBrowser {
  page: Page;
  /** Console errors, uncaught exceptions and failed or refused requests, in order. */
  problems: string[];
  /** Saves a screenshot of the page as test-results/console/<name>.png. */
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/** Launches headless chromium at a 1366x768 laptop's size, in the given browser language. */
export async function openConsoleBrowser(locale = 'en-US'): Promise<ConsoleBrowser> {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(
      `request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`,
    ),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await mkdir(SCREENSHOTS, { recursive: true });
  return {
    page,
    problems,
    async screenshot(name) {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    close: () => browser.close(),
  };
}
