import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTableName } from '#adapters/dynamodb/table-definitions';
import { MemoryVerdictStore } from '#adapters/memory/memory-verdict-store';
import { toVerdictEvent } from '#core/decide/verdict-event';
import { getHealthRoute } from '#local/api/get-health';
import { getVerdictRoute } from '#local/api/get-verdict';
import { listEventsRoute } from '#local/api/list-events';
import { type ApiServer, startApiServer } from '#local/api-server';
import { type DynamoDbLocal, startDynamoDbLocal } from '#local/dynamodb-local';
import { DynamoDbOutbox } from '#local/dynamodb-outbox';
import { OutboxTable } from '#local/outbox-table';
import type { VerdictEvent } from '#schemas/event';
import type { Verdict } from '#schemas/verdict';
import { aVerdict } from '#test/helpers/verdicts';

/** Any of the API's answers. */
interface Answer {
  status?: string;
  error?: string;
  latest?: Verdict;
  history?: Verdict[];
  events?: VerdictEvent[];
  nextCursor?: string;
}

describe('startApiServer', () => {
  let dynamo: DynamoDbLocal;
  let api: ApiServer;
  const verdicts = new MemoryVerdictStore();
  const appended: VerdictEvent[] = [];

  beforeAll(async () => {
    dynamo = await startDynamoDbLocal({ tables: [OutboxTable] });
    const outbox = new DynamoDbOutbox(dynamo.documentClient, localTableName(OutboxTable));
    for (const verdict of [
      aVerdict({ contentId: 'listing-1', version: 1, decision: 'allow' }),
      aVerdict({
        contentId: 'listing-1',
        version: 2,
        decision: 'block',
        decidedAt: '2026-11-21T09:00:00.000Z',
      }),
      aVerdict({ contentId: 'プロフィール 7', kind: 'profile' }),
    ]) {
      await verdicts.record(verdict);
      const event = toVerdictEvent(verdict);
      await outbox.append(event);
      appended.push(event);
    }
    api = await startApiServer({
      routes: [getHealthRoute(), getVerdictRoute(verdicts), listEventsRoute(outbox)],
    });
  });

  afterAll(async () => {
    await api.stop();
    await dynamo.stop();
  });

  async function get(
    path: string,
    method = 'GET',
  ): Promise<{ status: number; body: Answer; headers: Headers }> {
    const response = await fetch(`${api.url}${path}`, { method });
    return { status: response.status, body: (await response.json()) as Answer, headers: response.headers };
  }

  it('answers the health check', async () => {
    expect(await get('/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('returns the latest verdict and the history, oldest first, when the content is known', async () => {
    const { status, body } = await get('/v1/verdicts/acme-market/listing-1');

    expect(status).toBe(200);
    expect(body.latest).toMatchObject({ version: 2, decision: 'block' });
    expect(body.history?.map((verdict) => verdict.version)).toEqual([1, 2]);
  });

  it('decodes percent-encoded content ids', async () => {
    const { status, body } = await get(`/v1/verdicts/acme-market/${encodeURIComponent('プロフィール 7')}`);

    expect(status).toBe(200);
    expect(body.latest?.contentId).toBe('プロフィール 7');
  });

  it('answers 404 with a message naming the content when there is no verdict', async () => {
    const { status, body } = await get('/v1/verdicts/acme-market/listing-404');

    expect(status).toBe(404);
    expect(body.error).toContain('listing-404');
  });

  it('answers 400 naming the tenant when the tenant cannot exist', async () => {
    const { status, body } = await get('/v1/verdicts/Acme_Market/listing-1');

    expect(status).toBe(400);
    expect(body.error).toMatch(/^tenant: /);
  });

  it('lists events in order and pages with the returned cursor', async () => {
    const first = await get('/v1/events?limit=2');
    const rest = await get(`/v1/events?after=${first.body.nextCursor}&limit=2`);
    const caughtUp = await get(`/v1/events?after=${rest.body.nextCursor}`);

    expect(first.status).toBe(200);
    expect([...(first.body.events ?? []), ...(rest.body.events ?? [])]).toEqual(appended);
    expect(caughtUp.body).toEqual({ events: [], nextCursor: rest.body.nextCursor });
  });

  it.each([
    ['a cursor it did not hand out', '/v1/events?after=abc', /^after: /],
    ['a negative cursor', '/v1/events?after=-3', /^after: /],
    ['a zero limit', '/v1/events?limit=0', /^limit: /],
    ['a limit above the maximum', '/v1/events?limit=1001', /^limit: /],
    ['a limit that is not a number', '/v1/events?limit=ten', /^limit: /],
    ['an unknown parameter', '/v1/events?since=0', /since/],
    ['broken percent-encoding', '/v1/verdicts/acme-market/%E0%A4%A', /percent-encoding/],
  ])('answers 400 with a message for %s', async (_, path, message) => {
    const { status, body } = await get(path);

    expect(status).toBe(400);
    expect(body.error).toMatch(message);
  });

  it('answers 404 with a message for an unknown route', async () => {
    const { status, body } = await get('/v1/cases');

    expect(status).toBe(404);
    expect(body.error).toContain('/v1/cases');
  });

  it('answers 405 with the allowed methods when the method does not fit the route', async () => {
    const { status, body, headers } = await get('/v1/events', 'DELETE');

    expect(status).toBe(405);
    expect(headers.get('allow')).toBe('GET');
    expect(body.error).toContain('DELETE');
  });
});
