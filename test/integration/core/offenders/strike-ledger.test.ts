import { afterEach, describe, expect, it } from 'vitest';
import { DynamoDbOffenderStore } from '#adapters/dynamodb/dynamodb-offender-store';
import { DynamoDbVerdictStore } from '#adapters/dynamodb/dynamodb-verdict-store';
import { localTableName, OffendersTable, VerdictsTable } from '#adapters/dynamodb/table-definitions';
import { MemoryTenantSecrets } from '#adapters/memory/memory-tenant-secrets';
import { type IngestDependencies, ingestSubmission } from '#core/decide/ingest-submission';
import { recordVerdictStrike } from '#core/offenders/record-verdict-strike';
import { activeStrikeTotal, decayMs } from '#core/offenders/strikes';
import { type DynamoDbLocal, startDynamoDbLocal } from '#local/dynamodb-local';
import type { RulePack } from '#schemas/rule';
import type { Submission } from '#schemas/submission';
import { FakeTime } from '#test/helpers/fake-time';
import { anOffenderPolicy } from '#test/helpers/offenders';
import { aRuleSetSource } from '#test/helpers/rule-sets';
import { aSubmission } from '#test/helpers/submissions';

const USER = 'user-40961';
const START = '2026-11-20T09:00:00.000Z';
const policy = anOffenderPolicy();

/** Blocks "super copy" (one strike each, severity medium) and reviews anything from an author with strikes. */
const pack: RulePack = {
  pack: 'ledger-test',
  description: 'Rules the strike ledger tests decide with.',
  rules: [
    {
      id: 'counterfeit.en.super-copy',
      description: 'A counterfeit trade term.',
      clause: 'Marketplace guidelines 4.1',
      status: 'live',
      severity: 'medium',
      when: { keywords: { words: ['super copy'] } },
      action: { type: 'block' },
    },
    {
      id: 'offenders.has-strikes',
      description: 'Anything from an author with an active strike.',
      clause: 'Community guidelines 7.2',
      status: 'live',
      severity: 'low',
      when: { 'author.strikes': { atLeast: 1 } },
      action: { type: 'review', queue: 'repeat-offenders', priority: 'P2' },
    },
  ],
};

const running: DynamoDbLocal[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((dynamodb) => dynamodb.stop()));
});

async function aPipeline(time = new FakeTime(START)) {
  const dynamodb = await startDynamoDbLocal({ tables: [VerdictsTable, OffendersTable] });
  running.push(dynamodb);
  const store = new DynamoDbOffenderStore(dynamodb.documentClient, localTableName(OffendersTable));
  const dependencies: IngestDependencies = {
    ruleSets: aRuleSetSource([pack]),
    secrets: new MemoryTenantSecrets({ 'acme-market': new Uint8Array(32).fill(7) }),
    verdicts: new DynamoDbVerdictStore(dynamodb.documentClient, localTableName(VerdictsTable)),
    clock: time,
    offenders: { store, policies: { forTenant: async () => policy } },
  };
  const ingest = (submission: Submission) => ingestSubmission(JSON.stringify(submission), dependencies);
  const strikes = async () => {
    const { strikes: all } = await store.readAuthor('acme-market', USER, Number.MAX_SAFE_INTEGER);
    return all;
  };
  return { store, dependencies, ingest, strikes, time };
}

function aCounterfeit(index: number): Submission {
  return aSubmission('listing', {
    locale: 'en-US',
    contentId: `counterfeit-${index}`,
    title: `Designer handbag ${index}`,
    body: 'Super copy, looks exactly like the real one. Ships tomorrow.',
    postedAt: START,
  });
}

describe('the strike ledger on DynamoDB', () => {
  it('counts exactly 10 strikes when 50 deliveries of the same 10 items arrive at once', async () => {
    const { store, ingest, strikes } = await aPipeline();
    const items = Array.from({ length: 10 }, (_, index) => aCounterfeit(index));

    const verdicts = await Promise.all(
      items.flatMap((item) => Array.from({ length: 5 }, () => ingest(item))),
    );

    expect(verdicts.filter((recorded) => recorded.created)).toHaveLength(10);
    expect(verdicts.every((recorded) => recorded.verdict.decision === 'block')).toBe(true);
    const counted = await strikes();
    expect(counted).toHaveLength(10);
    expect(new Set(counted.map((strike) => strike.contentId))).toEqual(
      new Set(items.map((item) => item.contentId)),
    );
    const history = await store.enforcementHistory('acme-market', USER);
    const actions = history.map((event) => event.action);
    expect(history.map((event) => event.sequence)).toEqual(actions.map((_, index) => index + 1));
    expect(new Set(actions).size).toBe(actions.length);
    expect(actions.at(-1)).toBe('suspend');
  });

  it('emits each rung once, in order, and nothing more when every item is delivered again', async () => {
    const { store, ingest } = await aPipeline();
    const items = Array.from({ length: 10 }, (_, index) => aCounterfeit(index));

    for (const item of items) await ingest(item);
    const first = await store.enforcementHistory('acme-market', USER);
    await Promise.all(items.map((item) => ingest(item)));

    expect(first.map((event) => [event.action, event.strikes, event.cause?.contentId])).toEqual([
      ['warn', 3, 'counterfeit-2'],
      ['restrict', 5, 'counterfeit-4'],
      ['suspend', 8, 'counterfeit-7'],
    ]);
    expect(first.map((event) => event.eventId)).toEqual([
      `acme-market:user:${USER}:enforcement:1`,
      `acme-market:user:${USER}:enforcement:2`,
      `acme-market:user:${USER}:enforcement:3`,
    ]);
    expect(await store.enforcementHistory('acme-market', USER)).toEqual(first);
  });

  it('removes the strike of a block a moderator overturns, so the author counts one less', async () => {
    const { store, dependencies, ingest, strikes, time } = await aPipeline();
    const blocked = await ingest(aCounterfeit(1));
    await ingest(aCounterfeit(2));
    time.advance(60_000);

    const outcome = await recordVerdictStrike(
      {
        ...blocked.verdict,
        decision: 'allow',
        decidedBy: { type: 'moderator', moderatorId: 'mod-yui' },
        decidedAt: time.now().toISOString(),
      },
      USER,
      { store: dependencies.offenders?.store ?? store, policy, now: time.now() },
    );

    expect(outcome.strike).toBe('removed');
    const counted = await strikes();
    expect(counted.find((strike) => strike.contentId === 'counterfeit-1')?.removed).toMatchObject({
      by: { type: 'moderator', moderatorId: 'mod-yui' },
    });
    expect(activeStrikeTotal(counted, time.now().getTime(), decayMs(policy.strikes))).toBe(1);
  });

  it('stops counting a strike exactly at the end of the decay window', async () => {
    const { ingest, time } = await aPipeline();
    await ingest(aCounterfeit(1));
    const clean = (contentId: string) =>
      aSubmission('listing', { locale: 'en-US', contentId, postedAt: time.now().toISOString() });

    time.advance(decayMs(policy.strikes) - 1);
    const lastMoment = await ingest(clean('camera-1'));
    time.advance(1);
    const windowEnd = await ingest(clean('camera-2'));

    expect(lastMoment.verdict.decision).toBe('review');
    expect(lastMoment.verdict.reasons.map((reason) => reason.ruleId)).toEqual(['offenders.has-strikes']);
    expect(windowEnd.verdict.decision).toBe('allow');
  });
});
