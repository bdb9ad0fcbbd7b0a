import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevRuntime, startDevRuntime } from '#local/dev-runtime';
import { type ConsoleBrowser, openConsoleBrowser } from '#test/helpers/console-browser';
import { waitFor } from '#test/helpers/wait-for';

const RECALL_RULE = `
  - id: recall.oak-chair
    description: Oak chairs of a recalled batch, whose legs break.
    clause: "Community guidelines 5.1: no items under a safety recall"
    status: live
    severity: medium
    kinds: [listing]
    when: { phrase: "oak chair" }
    action: { type: review, queue: prohibited-items, priority: P3 }
`;

describe('console re-patrol', () => {
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

  const lead = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${runtime.endpoints.api}${path}`, {
      method,
      headers: { authorization: `Bearer ${runtime.tokens.lead}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return (await response.json()) as Record<string, unknown>;
  };

  it('runs a re-patrol to completion and opens a case for published content the new rule hits', async () => {
    await postListing(
      runtime,
      'e2e-chair-1',
      'Vintage oak chair in good condition, a few scratches on one leg',
    );
    const published = await waitFor('the listing decided', async () => {
      const body = await lead('GET', '/v1/verdicts/acme-market/e2e-chair-1');
      return body.latest as { decision: string; reasons: unknown } | undefined;
    });
    expect(published, JSON.stringify(published)).toMatchObject({ decision: 'allow' });
    const { version } = (await lead('GET', '/v1/rule-sets/1')) as {
      version: { packs: Record<string, string> };
    };
    const packs = { ...version.packs, 'common.yaml': `${version.packs['common.yaml']}${RECALL_RULE}` };
    const saved = (await lead('POST', '/v1/rule-sets', { basedOn: 1, packs })) as {
      version: { number: number };
    };
    await lead('POST', `/v1/rule-sets/${saved.version.number}/publish`, { expectedActive: 1 });

    const { page } = browser;
    await page.goto(runtime.endpoints.api);
    await page.getByRole('button', { name: 'Sign in as lead' }).click();
    await page.getByRole('link', { name: 'Rules' }).click();
    await page.locator('#repatrol-rule').selectOption('recall.oak-chair');
    await page.locator('#start-repatrol').click();
    const status = page.locator('#repatrol-status[data-status="done"]');
    await status.waitFor();
    expect(
      await page.locator('#repatrol-progress').evaluate((element) => {
        const bar = element as unknown as { value: number; max: number };
        return bar.value === bar.max;
      }),
    ).toBe(true);
    expect(await status.textContent()).toMatch(/[1-9]\d* new hits/);
    await browser.screenshot('lead-repatrol-done');

    const opened = await waitFor('the re-patrol case', async () => {
      const { cases } = (await lead('GET', '/v1/cases?queue=prohibited-items')) as {
        cases: { subject: { contentId?: string } }[];
      };
      return cases.find((reviewCase) => reviewCase.subject.contentId === 'e2e-chair-1');
    });
    expect(opened).toBeDefined();
    expect(browser.problems).toEqual([]);
  });
});

async function postListing(runtime: DevRuntime, contentId: string, body: string): Promise<void> {
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
        author: { userId: 'e2e-chair-seller' },
        locale: 'en',
        title: 'Oak chair',
        body,
        postedAt: new Date().toISOString(),
      }),
    }),
  );
  sqs.destroy();
}
