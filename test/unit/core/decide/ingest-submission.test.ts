import { describe, expect, it } from 'vitest';
import { MemoryTenantSecrets } from '#adapters/memory/memory-tenant-secrets';
import { MemoryVerdictStore } from '#adapters/memory/memory-verdict-store';
import {
  IngestUnavailableError,
  InvalidSubmissionError,
  RejectedSubmissionError,
  RulesUnavailableError,
  TenantSecretsUnavailableError,
  UnknownTenantError,
  VerdictStoreUnavailableError,
} from '#core/decide/errors';
import { type IngestDependencies, ingestSubmission } from '#core/decide/ingest-submission';
import { ContentKinds } from '#schemas/submission';
import { ManualClock } from '#test/helpers/manual-clock';
import { aRuleSetSource } from '#test/helpers/rule-sets';
import { aSubmission, aSubmissionBody } from '#test/helpers/submissions';

const NOW = '2026-11-20T00:05:00.000Z';

function dependencies(
  overrides: Partial<IngestDependencies> = {},
): IngestDependencies & { verdicts: MemoryVerdictStore } {
  return {
    ruleSets: aRuleSetSource(),
    secrets: new MemoryTenantSecrets({ 'acme-market': new Uint8Array(32).fill(3) }),
    verdicts: new MemoryVerdictStore(),
    clock: new ManualClock(NOW),
    ...overrides,
  } as IngestDependencies & { verdicts: MemoryVerdictStore };
}

async function refusal(body: string, deps = dependencies()): Promise<RejectedSubmissionError> {
  const error = await ingestSubmission(body, deps).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(RejectedSubmissionError);
  return error as RejectedSubmissionError;
}

describe('ingestSubmission', () => {
  it('stores an automatic allow verdict stamped with the clock and rule set when the content is clean', async () => {
    const deps = dependencies();
    const submission = aSubmission('listing');

    const recorded = await ingestSubmission(aSubmissionBody(submission), deps);

    expect(recorded.created).toBe(true);
    expect(recorded.verdict).toEqual({
      tenant: 'acme-market',
      contentId: submission.contentId,
      version: 1,
      kind: 'listing',
      decision: 'allow',
      reasons: [],
      shadowReasons: [],
      labels: [],
      decidedBy: { type: 'auto' },
      decidedAt: NOW,
      ruleSetVersion: (deps.ruleSets as ReturnType<typeof aRuleSetSource>).ruleSet.version,
    });
    expect((await deps.verdicts.get('acme-market', submission.contentId))?.latest).toEqual(recorded.verdict);
  });

  it('blocks with the rule and the matched span when a message moves the buyer to LINE', async () => {
    const body = 'ご購入希望の方はLINE交換してから詳細をお伝えします。';
    const submission = aSubmission('message', { body });

    const { verdict } = await ingestSubmission(aSubmissionBody(submission), dependencies());

    expect(verdict.decision).toBe('block');
    expect(verdict.reasons.map((reason) => reason.ruleId)).toEqual(['contact.off-platform-line']);
    const [span] = verdict.reasons[0]?.spans ?? [];
    expect(span?.field).toBe('body');
    expect(body.slice(span?.start, span?.end)).toBe('LINE交換');
  });

  it('sends a listing to its review queue when a kind field matches', async () => {
    const submission = aSubmission('listing', { price: { amount: 1_500, currency: 'JPY' } });

    const { verdict } = await ingestSubmission(aSubmissionBody(submission), dependencies());

    expect(verdict.decision).toBe('review');
    expect(verdict.review).toEqual({ queue: 'scam-prices', priority: 'P2' });
  });

  it('decides a valid submission of every kind when written in Japanese or English', async () => {
    const deps = dependencies();
    const submissions = ContentKinds.flatMap((kind) => [
      aSubmission(kind),
      aSubmission(kind, { locale: 'en-US' }),
    ]);

    const results = await Promise.all(
      submissions.map((submission) => ingestSubmission(aSubmissionBody(submission), deps)),
    );

    expect(results.map((result) => [result.verdict.kind, result.created])).toEqual(
      submissions.map((submission) => [submission.kind, true]),
    );
  });

  it('records one verdict and returns it again when the same version is delivered twice', async () => {
    const deps = dependencies();
    const body = aSubmissionBody(aSubmission('listing', { contentId: 'listing-7001' }));

    const first = await ingestSubmission(body, deps);
    (deps.clock as ManualClock).advanceDays(1);
    const second = await ingestSubmission(body, deps);

    expect(second).toEqual({ created: false, verdict: first.verdict });
    expect((await deps.verdicts.get('acme-market', 'listing-7001'))?.history).toHaveLength(1);
  });

  it('decides an edit again and makes it the latest when a newer version arrives', async () => {
    const deps = dependencies();
    await ingestSubmission(
      aSubmissionBody(aSubmission('listing', { contentId: 'listing-7002', version: 1 })),
      deps,
    );
    const edited = aSubmission('listing', {
      contentId: 'listing-7002',
      version: 2,
      body: '値下げしました。詳しくはLINE交換でお願いします。',
    });

    const recorded = await ingestSubmission(aSubmissionBody(edited), deps);

    expect(recorded.created).toBe(true);
    const stored = await deps.verdicts.get('acme-market', 'listing-7002');
    expect(stored?.latest).toMatchObject({ version: 2, decision: 'block' });
    expect(stored?.history.map((verdict) => verdict.version)).toEqual([1, 2]);
  });

  it('keeps the newer verdict as latest when an older version is delivered late', async () => {
    const deps = dependencies();
    const newer = aSubmission('listing', { contentId: 'listing-7003', version: 3 });
    const older = aSubmission('listing', {
      contentId: 'listing-7003',
      version: 2,
      body: 'LINE交換しましょう',
    });

    await ingestSubmission(aSubmissionBody(newer), deps);
    await ingestSubmission(aSubmissionBody(older), deps);

    const stored = await deps.verdicts.get('acme-market', 'listing-7003');
    expect(stored?.latest).toMatchObject({ version: 3, decision: 'allow' });
    expect(stored?.history.map((verdict) => verdict.version)).toEqual([2, 3]);
  });

  it('refuses a body that is not JSON without quoting it', async () => {
    const error = await refusal('{"tenant":"acme-market","body":"call 090-1234-5678" oops}');

    expect(error).toBeInstanceOf(InvalidSubmissionError);
    expect(error.message).toBe('message body is not valid JSON');
    expect(JSON.stringify({ message: error.message, issues: error.issues })).not.toContain('090-1234-5678');
  });

  it('refuses JSON that is not an object', async () => {
    const error = await refusal('[{"schemaVersion":1}]');

    expect(error.message).toBe('message body must be a JSON object');
  });

  it('names the supported versions when schemaVersion is unsupported, before checking anything else', async () => {
    const error = await refusal(
      JSON.stringify({ schemaVersion: 2, tenant: 'acme-market', contentId: 'listing-9' }),
    );

    expect(error.message).toBe('schemaVersion 2 is not supported; supported: 1');
    expect(error.issues).toEqual([{ path: 'schemaVersion', message: error.message }]);
    expect(error).toMatchObject({ tenant: 'acme-market', contentId: 'listing-9' });
  });

  it('says schemaVersion is missing when the body has none', async () => {
    const { schemaVersion: _, ...withoutVersion } = aSubmission('profile');

    const error = await refusal(JSON.stringify(withoutVersion));

    expect(error.message).toBe('schemaVersion is missing; supported: 1');
  });

  it.each([
    [
      'a required field is missing',
      { author: { accountCreatedAt: '2025-04-01T10:00:00+09:00' } },
      'author.userId',
    ],
    ['a nested field has the wrong type', { price: { amount: 'free', currency: 'JPY' } }, 'price.amount'],
    ['an array item has the wrong type', { tags: ['ゲーム', 42] }, 'tags.1'],
    ['a field is not part of the contract', { shippingNote: '送料無料' }, 'shippingNote'],
    ['a timestamp is not ISO 8601', { postedAt: '2026/11/20 09:00' }, 'postedAt'],
    ['the version is negative', { version: -1 }, 'version'],
  ])('names the field path when %s', async (_case, overrides, path) => {
    const submission = { ...aSubmission('listing'), ...overrides };

    const error = await refusal(JSON.stringify(submission));

    expect(error).toBeInstanceOf(InvalidSubmissionError);
    expect(error.issues.map((issue) => issue.path)).toEqual([path]);
    expect(error.message).toContain(`${path}: `);
    expect(error).toMatchObject({ tenant: 'acme-market', contentId: submission.contentId });
  });

  it('lists the known kinds when the kind is unknown', async () => {
    const error = await refusal(JSON.stringify({ ...aSubmission('listing'), kind: 'podcast' }));

    expect(error.issues).toEqual([
      { path: 'kind', message: expect.stringContaining('listing, message, profile') },
    ]);
  });

  it('names each malformed raw signal without echoing it', async () => {
    const submission = aSubmission('message', {
      author: { userId: 'user-31337', signals: { phone: '090-1234-5678', email: 'hanako at example.jp' } },
    });

    const error = await refusal(aSubmissionBody(submission));

    expect(error.issues.map((issue) => issue.path).sort()).toEqual([
      'author.signals.email',
      'author.signals.phone',
    ]);
    expect(error.message).not.toContain('090-1234-5678');
    expect(error.message).not.toContain('hanako at example.jp');
  });

  it('refuses the message permanently when its tenant has no signal key', async () => {
    const submission = aSubmission('listing', { tenant: 'ghost-shop' });

    const error = await refusal(aSubmissionBody(submission));

    expect(error).toBeInstanceOf(UnknownTenantError);
    expect(error.message).toContain('ghost-shop');
  });

  it('stores nothing when a message is refused', async () => {
    const deps = dependencies();
    const submission = { ...aSubmission('listing'), price: { amount: -5, currency: 'JPY' } };

    await refusal(JSON.stringify(submission), deps);

    expect(await deps.verdicts.get('acme-market', submission.contentId)).toBeUndefined();
  });

  it.each([
    [
      'the verdict store fails',
      {
        verdicts: {
          record: () => Promise.reject(new Error('throttled')),
          get: () => Promise.resolve(undefined),
        },
      },
      VerdictStoreUnavailableError,
    ],
    [
      'the signal keys cannot be read',
      { secrets: { signalKey: () => Promise.reject(new Error('timeout')) } },
      TenantSecretsUnavailableError,
    ],
    [
      'the rule set cannot be loaded',
      { ruleSets: { active: () => Promise.reject(new Error('no packs')) } },
      RulesUnavailableError,
    ],
  ] as [string, Partial<IngestDependencies>, typeof IngestUnavailableError][])(
    'fails as retryable, not as a refusal, when %s',
    async (_case, overrides, errorClass) => {
      const error = await ingestSubmission(
        aSubmissionBody(aSubmission('listing')),
        dependencies(overrides),
      ).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(errorClass);
      expect(error).toBeInstanceOf(IngestUnavailableError);
      expect(error).not.toBeInstanceOf(RejectedSubmissionError);
      expect((error as Error).cause).toBeInstanceOf(Error);
    },
  );
});
