import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevRuntime, startDevRuntime } from '#local/dev-runtime';
import { type ConsoleBrowser, openConsoleBrowser } from '#test/helpers/console-browser';

describe('console rules page for leads', () => {
  let runtime: DevRuntime;
  let browser: ConsoleBrowser;

  beforeAll(async () => {
    runtime = await startDevRuntime({ demo: true, port: 0, drainTimeoutMs: 1_000 });
    browser = await openConsoleBrowser('ja-JP');
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  it('shows a mistake at its line, then saves, back-tests, diffs, publishes and rolls back the fix', async () => {
    const { page } = browser;
    await page.goto(runtime.endpoints.api);
    await page.getByRole('button', { name: 'lead としてサインイン' }).click();
    await page.getByRole('link', { name: 'ルール' }).click();
    const editor = page.locator('#pack-editor');
    await editor.waitFor();
    await page.locator('#pack-file').selectOption('common.yaml');
    const original = await editor.inputValue();

    const broken = original.replace('severity: medium', 'severity: huge');
    const brokenLine = broken.split('\n').findIndex((line) => line.includes('severity: huge')) + 1;
    await editor.fill(broken);
    await page.locator('#save-version').click();
    await page.locator(`.gutter [data-line="${brokenLine}"].error`).waitFor();
    expect(await page.locator(`#pack-issues li[data-line="${brokenLine}"]`).textContent()).toContain(
      'severity',
    );
    await browser.screenshot('lead-rule-error');

    const fixed = original.replace(/(id: contact\.email-address[\s\S]*?status: )live/, '$1shadow');
    await editor.fill(fixed);
    await page.locator('#save-version').click();
    await page.locator('.version-button[data-version="2"][aria-current="true"]').waitFor();
    expect(await page.locator('.gutter .error').count()).toBe(0);

    await page.locator('#run-backtest').click();
    await page.locator('.backtest-summary').waitFor();
    await browser.screenshot('lead-backtest');
    await page.locator('#show-diff').click();
    await expect
      .poll(() => page.locator('pre.diff .diff-add').allTextContents())
      .toContainEqual(expect.stringContaining('status: shadow'));
    await browser.screenshot('lead-diff');

    await page.locator('#publish').click();
    await page.locator('.version-button[data-version="2"] .badge.live').waitFor();
    await page.locator('#roll-back').click();
    await page.locator('.version-button[data-version="1"] .badge.live').waitFor();
    await browser.screenshot('lead-rolled-back');

    const response = await fetch(`${runtime.endpoints.api}/v1/rule-sets`, {
      headers: { authorization: `Bearer ${runtime.tokens.lead}` },
    });
    const { active, audit } = (await response.json()) as {
      active: { active: number };
      audit: { action: string }[];
    };
    expect(active.active).toBe(1);
    expect(audit.map((entry) => entry.action).slice(0, 3)).toEqual(['rolled-back', 'published', 'saved']);
    expect(browser.problems).toEqual([]);
  });

  it('plots the dashboard when a lead opens it', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: 'ダッシュボード' }).click();
    await expect.poll(() => page.locator('svg.chart').count()).toBe(7);
    expect(
      await page.locator('svg.chart[aria-label="時間ごとの件数と自動判定"] rect').count(),
    ).toBeGreaterThan(0);
    await browser.screenshot('lead-dashboard');
    expect(browser.problems).toEqual([]);
  });
});
