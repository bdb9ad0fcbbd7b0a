import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevRuntime, startDevRuntime } from '#local/dev-runtime';
import { type ConsoleBrowser, openConsoleBrowser } from '#test/helpers/console-browser';
import { waitFor } from '#test/helpers/wait-for';

describe('console for moderators', () => {
  let runtime: DevRuntime;
  let browser: ConsoleBrowser;

  beforeAll(async () => {
    runtime = await startDevRuntime({ demo: true, port: 0, drainTimeoutMs: 1_000 });
    browser = await openConsoleBrowser('en-US');
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  const api = async (path: string) => {
    const response = await fetch(`${runtime.endpoints.api}${path}`, {
      headers: { authorization: `Bearer ${runtime.tokens.moderator}` },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('removes the next case with the keyboard when a moderator signs in with a dev token', async () => {
    await postContactDetails(runtime, 'e2e-listing-1');
    await waitFor('a case in contact-exchange', async () => {
      const { body } = await api('/v1/cases?queue=contact-exchange');
      return (body.cases as unknown[]).length > 0 ? true : undefined;
    });
    const { page } = browser;

    await page.goto(runtime.endpoints.api);
    await page.getByRole('button', { name: 'Sign in as moderator' }).click();
    await page.getByRole('button', { name: /contact-exchange/ }).waitFor();
    await page.locator('.sla').first().waitFor();
    await browser.screenshot('moderator-queues');

    await page.getByRole('button', { name: /Next case/ }).click();
    const content = page.locator('[data-content-id]');
    await content.waitFor();
    await expect.poll(() => page.locator('.content mark').count()).toBeGreaterThan(0);
    const marked = await page.locator('.content mark').first().getAttribute('data-rules');
    expect(await page.locator('.matched-rules').textContent()).toContain(marked?.split(' ')[0]);
    await page.locator('.lease').waitFor();
    await browser.screenshot('moderator-case');
    const contentId = (await content.getAttribute('data-content-id')) as string;

    await page.locator('h1').click();
    await page.keyboard.press('r');

    const verdict = await waitFor('the moderator verdict', async () => {
      const { body } = await api(`/v1/verdicts/acme-market/${encodeURIComponent(contentId)}`);
      const latest = body.latest as { decidedBy?: { type?: string } } | undefined;
      return latest?.decidedBy?.type === 'moderator' ? latest : undefined;
    });
    expect(verdict).toMatchObject({
      decision: 'block',
      decidedBy: { type: 'moderator', moderatorId: 'mod-aiko' },
    });
    await page.waitForURL((url) => !url.hash.endsWith(encodeURIComponent(contentId)));
    await browser.screenshot('moderator-after-remove');
    expect(browser.problems).toEqual([]);
  });
});

/** Posts a listing with a LINE ID in its body, which the contact-details rules send to review. */
async function postContactDetails(runtime: DevRuntime, contentId: string): Promise<void> {
  const sqs = new SQSClient({
    endpoint: runtime.endpoints.sqs,
    region: 'ap-northeast-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: runtime.queues.ingest?.url,
      MessageBody: JSON.stringify({
        schemaVersion: 1,
        tenant: 'acme-market',
        contentId,
        version: 1,
        kind: 'listing',
        author: { userId: 'e2e-seller' },
        locale: 'ja',
        title: 'iPhone 13 128GB',
        body: '値下げ交渉はLINEでお願いします。ID: yuki_0821',
        postedAt: new Date().toISOString(),
      }),
    }),
  );
  sqs.destroy();
}
