import {
  ClassifyDocumentCommand,
  type ClassifyDocumentResponse,
  ComprehendClient,
  DetectDominantLanguageCommand,
  DetectPiiEntitiesCommand,
  type DetectPiiEntitiesResponse,
  DetectToxicContentCommand,
  type DetectToxicContentRequest,
  InternalServerException,
  InvalidRequestException,
  TooManyRequestsException,
  type ToxicContentType,
  type ToxicLabels,
} from '@aws-sdk/client-comprehend';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ComprehendClassifier } from '#adapters/comprehend/comprehend-classifier';
import {
  ComprehendSettingsError,
  ComprehendTimeoutError,
  MlBudgetExceededError,
  MlUnavailableError,
} from '#adapters/comprehend/errors';
import { type ComprehendApi, USD_PER_UNIT } from '#adapters/comprehend/pricing';
import type { ComprehendClassifierSettingsInput } from '#adapters/comprehend/settings';
import { MemoryMlBudget } from '#adapters/memory/memory-ml-budget';
import { MemoryMlMetrics } from '#adapters/memory/memory-ml-metrics';
import { budgetDay } from '#core/budget/daily-budget';
import type { ClassifierInput } from '#ports/classifier';
import type { MlBudgetCaps } from '#ports/ml-budget';
import { FakeTime } from '#test/helpers/fake-time';

const comprehend = mockClient(ComprehendClient);
const ENDPOINT_ARN =
  'arn:aws:comprehend:ap-northeast-1:123456789012:document-classifier-endpoint/patrol-scam';
const TOXIC_TYPES: ToxicContentType[] = [
  'PROFANITY',
  'HATE_SPEECH',
  'INSULT',
  'GRAPHIC',
  'HARASSMENT_OR_ABUSE',
  'SEXUAL',
  'VIOLENCE_OR_THREAT',
];

/** One segment's result as DetectToxicContent returns it: all seven labels and an overall toxicity. */
function toxicLabels(toxicity: number, scores: Partial<Record<ToxicContentType, number>> = {}): ToxicLabels {
  return {
    Labels: TOXIC_TYPES.map((Name) => ({ Name, Score: scores[Name] ?? 0.0004 })),
    Toxicity: toxicity,
  };
}

/** Answers every DetectToxicContent call with a harmless result per segment. */
function answerToxicityWithCleanResults(): void {
  comprehend.on(DetectToxicContentCommand).callsFake(async (input: DetectToxicContentRequest) => ({
    ResultList: (input.TextSegments ?? []).map(() => toxicLabels(0.0387)),
  }));
}

function toxicitySegments(): string[][] {
  return comprehend
    .commandCalls(DetectToxicContentCommand)
    .map((call) => (call.args[0].input.TextSegments ?? []).map((segment) => segment.Text ?? ''));
}

function setup(
  settings: ComprehendClassifierSettingsInput = {},
  caps: MlBudgetCaps = { dailyUnits: 1_000_000 },
  random: () => number = () => 0.5,
) {
  const time = new FakeTime('2026-11-20T09:00:00.000Z');
  const metrics = new MemoryMlMetrics();
  const budget = new MemoryMlBudget(caps, time);
  const classifier = new ComprehendClassifier(
    {
      client: new ComprehendClient({ region: 'ap-northeast-1' }),
      budget,
      metrics,
      clock: time,
      delays: time,
      random,
    },
    settings,
  );
  return { time, metrics, budget, classifier };
}

function anItem(overrides: Partial<ClassifierInput> = {}): ClassifierInput {
  return {
    tenant: 'acme-market',
    segments: ['Vintage road bike', 'Barely used, collection only. Message me with offers.'],
    locale: 'en',
    ...overrides,
  };
}

/** The cost of one request of `units` to `api`, from the price table. */
function priced(api: ComprehendApi, units: number): number {
  return units * USD_PER_UNIT[api];
}

afterEach(() => {
  comprehend.reset();
});

describe('ComprehendClassifier', () => {
  describe('which content reaches which API', () => {
    it('sends only English content to DetectToxicContent when items come in several languages', async () => {
      answerToxicityWithCleanResults();
      const { classifier } = setup();
      const english = anItem({ locale: 'en-US', segments: ['Selling my old guitar, works fine'] });

      const results = await Promise.all([
        classifier.classify(english),
        classifier.classify(anItem({ locale: 'es', segments: ['Vendo mi guitarra vieja, funciona bien'] })),
        classifier.classify(anItem({ locale: 'fr', segments: ['Je vends ma vieille guitare'] })),
        classifier.classify(anItem({ locale: 'ja', segments: ['古いギターを売ります。動作良好です。'] })),
      ]);

      expect(toxicitySegments()).toEqual([english.segments]);
      expect(results.map((result) => result.skipped)).toEqual([
        undefined,
        'unsupported_language',
        'unsupported_language',
        'unsupported_language',
      ]);
    });

    it('makes no call and costs nothing when the content is Japanese, with or without a locale', async () => {
      const { classifier, metrics } = setup({
        detectPii: true,
        customClassifier: { endpointArn: ENDPOINT_ARN },
      });
      const japanese = ['中古の自転車', 'ほとんど使っていません。LINEで連絡ください。'];

      const withLocale = await classifier.classify(anItem({ locale: 'ja', segments: japanese }));
      const withoutLocale = await classifier.classify(anItem({ locale: undefined, segments: japanese }));

      expect(comprehend.calls()).toHaveLength(0);
      for (const result of [withLocale, withoutLocale]) {
        expect(result).toMatchObject({ scores: {}, costUsd: 0, skipped: 'unsupported_language' });
      }
      expect(metrics.requests).toHaveLength(0);
    });

    it('detects the language and then scores the text when no locale is given and the text is English', async () => {
      comprehend
        .on(DetectDominantLanguageCommand)
        .resolves({ Languages: [{ LanguageCode: 'en', Score: 0.9793661236763 }] });
      answerToxicityWithCleanResults();
      const { classifier } = setup();

      const result = await classifier.classify(anItem({ locale: undefined }));

      expect(comprehend.commandCalls(DetectDominantLanguageCommand)).toHaveLength(1);
      expect(toxicitySegments()).toHaveLength(1);
      expect(result.language).toBe('en');
      expect(result.skipped).toBeUndefined();
    });

    it('skips language detection when the locale is given', async () => {
      answerToxicityWithCleanResults();
      const { classifier } = setup();

      await classifier.classify(anItem({ locale: 'en-GB' }));

      expect(comprehend.commandCalls(DetectDominantLanguageCommand)).toHaveLength(0);
      expect(toxicitySegments()).toHaveLength(1);
    });

    it('reports the language as unknown without a call when there is no locale and under 20 characters', async () => {
      const { classifier } = setup();

      const result = await classifier.classify(anItem({ locale: undefined, segments: ['idiot', 'lol'] }));

      expect(comprehend.calls()).toHaveLength(0);
      expect(result).toMatchObject({ skipped: 'language_unknown', costUsd: 0 });
    });

    it('skips scoring but counts the detection when Comprehend detects a language it cannot score', async () => {
      comprehend
        .on(DetectDominantLanguageCommand)
        .resolves({ Languages: [{ LanguageCode: 'de', Score: 0.99 }] });
      const { classifier } = setup();

      const result = await classifier.classify(
        anItem({ locale: undefined, segments: ['Gebrauchtes Fahrrad, kaum benutzt, nur Abholung'] }),
      );

      expect(comprehend.commandCalls(DetectToxicContentCommand)).toHaveLength(0);
      expect(result).toMatchObject({ language: 'de', skipped: 'unsupported_language', scores: {} });
      expect(result.costUsd).toBeCloseTo(priced('DetectDominantLanguage', 3), 12);
    });
  });

  describe('segments', () => {
    it('sends segments of at most 1 KB and at most 10 per call, in reading order, when the text is long and multibyte', async () => {
      answerToxicityWithCleanResults();
      const { classifier } = setup();
      const title = 'Café sofa 🛋️ — great condition';
      const body = Array.from(
        { length: 600 },
        (_, index) => `Line ${index}: naïve crème brûlée 😀👍🏽 𠮷`,
      ).join(' ');
      const tags = 'furniture\nsofa\ncafé';

      await classifier.classify(anItem({ segments: [title, body, tags] }));

      const calls = toxicitySegments();
      expect(calls.length).toBeGreaterThan(1);
      for (const segments of calls) {
        expect(segments.length).toBeLessThanOrEqual(10);
        for (const segment of segments) expect(Buffer.byteLength(segment)).toBeLessThanOrEqual(1_000);
      }
      const sent = calls.flat().join('').replace(/\s/gu, '');
      expect(sent).toBe([title, body, tags].join('').replace(/\s/gu, ''));
      expect(sent).not.toContain('\uFFFD');
    });

    it('keeps the highest score of each label across segments and calls', async () => {
      const { classifier } = setup();
      const segments = Array.from({ length: 12 }, (_, index) => `Segment number ${index} of a long thread`);
      comprehend
        .on(DetectToxicContentCommand)
        .resolvesOnce({
          ResultList: segments
            .slice(0, 10)
            .map((_, index) => toxicLabels(index === 3 ? 0.71 : 0.02, { INSULT: index === 3 ? 0.64 : 0.01 })),
        })
        .resolvesOnce({
          ResultList: [
            toxicLabels(0.05, { INSULT: 0.02 }),
            toxicLabels(0.88, { INSULT: 0.12, VIOLENCE_OR_THREAT: 0.93 }),
          ],
        });

      const result = await classifier.classify(anItem({ segments }));

      expect(result.scores).toMatchObject({ toxic: 0.88, insult: 0.64, violence_threat: 0.93 });
    });
  });

  describe('labels', () => {
    it("maps the overall toxicity and Comprehend's seven labels to Patrol's label names", async () => {
      const segment = toxicLabels(0.8571, {
        PROFANITY: 0.9115,
        HATE_SPEECH: 0.1204,
        INSULT: 0.7746,
        GRAPHIC: 0.0103,
        HARASSMENT_OR_ABUSE: 0.5231,
        SEXUAL: 0.0387,
        VIOLENCE_OR_THREAT: 0.2466,
      });
      comprehend.on(DetectToxicContentCommand).resolves({ ResultList: [segment] });
      const { classifier } = setup();

      const result = await classifier.classify(anItem({ segments: ['You are a worthless idiot'] }));

      const score = (name: ToxicContentType) => segment.Labels?.find((label) => label.Name === name)?.Score;
      expect(result.scores).toEqual({
        toxic: segment.Toxicity,
        profanity: score('PROFANITY'),
        hate_speech: score('HATE_SPEECH'),
        insult: score('INSULT'),
        graphic: score('GRAPHIC'),
        harassment: score('HARASSMENT_OR_ABUSE'),
        sexual: score('SEXUAL'),
        violence_threat: score('VIOLENCE_OR_THREAT'),
      });
      expect(result).toMatchObject({ modelId: 'amazon-comprehend', language: 'en' });
    });

    it('scores PII entity types as pii.<type> for English and Spanish when PII detection is on', async () => {
      answerToxicityWithCleanResults();
      const english: DetectPiiEntitiesResponse = {
        Entities: [
          { Score: 0.9999, Type: 'EMAIL', BeginOffset: 23, EndOffset: 41 },
          { Score: 0.9121, Type: 'PHONE', BeginOffset: 45, EndOffset: 57 },
          { Score: 0.9978, Type: 'PHONE', BeginOffset: 61, EndOffset: 73 },
        ],
      };
      const spanish: DetectPiiEntitiesResponse = {
        Entities: [{ Score: 0.9954, Type: 'PHONE', BeginOffset: 19, EndOffset: 31 }],
      };
      comprehend.on(DetectPiiEntitiesCommand, { LanguageCode: 'en' }).resolves(english);
      comprehend.on(DetectPiiEntitiesCommand, { LanguageCode: 'es' }).resolves(spanish);
      const { classifier } = setup({ detectPii: true });

      const englishResult = await classifier.classify(
        anItem({
          segments: ['Bike for sale', 'email me at kenji@example.com or 090-1234-5678 / 080-8765-4321'],
        }),
      );
      const spanishResult = await classifier.classify(
        anItem({ locale: 'es-MX', segments: ['Bicicleta en venta', 'llámame al 55 1234 5678'] }),
      );

      expect(englishResult.scores).toMatchObject({ 'pii.email': 0.9999, 'pii.phone': 0.9978 });
      expect(spanishResult.scores).toEqual({ 'pii.phone': 0.9954 });
      expect(toxicitySegments()).toHaveLength(1);
    });

    it('calls no PII detection when it is not switched on', async () => {
      answerToxicityWithCleanResults();
      const { classifier } = setup();

      await classifier.classify(anItem());

      expect(comprehend.commandCalls(DetectPiiEntitiesCommand)).toHaveLength(0);
    });

    it('scores a custom classifier as custom.<name> for its languages when an endpoint is configured', async () => {
      answerToxicityWithCleanResults();
      const multiClass: ClassifyDocumentResponse = {
        Classes: [
          { Name: 'SCAM', Score: 0.9312 },
          { Name: 'LEGIT', Score: 0.0688 },
        ],
      };
      comprehend.on(ClassifyDocumentCommand).resolves(multiClass);
      const { classifier } = setup({
        customClassifier: { endpointArn: ENDPOINT_ARN, languages: ['en', 'es'] },
      });

      const english = await classifier.classify(anItem());
      const spanish = await classifier.classify(anItem({ locale: 'es', segments: ['Gana dinero rápido'] }));
      const french = await classifier.classify(
        anItem({ locale: 'fr', segments: ['Gagnez de l’argent vite'] }),
      );

      expect(english.scores).toMatchObject({ 'custom.scam': 0.9312, 'custom.legit': 0.0688 });
      expect(spanish.scores).toEqual({ 'custom.scam': 0.9312, 'custom.legit': 0.0688 });
      expect(french.skipped).toBe('unsupported_language');
      const calls = comprehend.commandCalls(ClassifyDocumentCommand).map((call) => call.args[0].input);
      expect(calls).toHaveLength(2);
      expect(calls.every((input) => input.EndpointArn === ENDPOINT_ARN)).toBe(true);
    });

    it('scores a multi-label custom classifier by its labels', async () => {
      answerToxicityWithCleanResults();
      comprehend.on(ClassifyDocumentCommand).resolves({
        Labels: [
          { Name: 'off_platform_payment', Score: 0.81 },
          { Name: 'spam', Score: 0.44 },
        ],
      });
      const { classifier } = setup({ customClassifier: { endpointArn: ENDPOINT_ARN } });

      const result = await classifier.classify(anItem());

      expect(result.scores).toMatchObject({ 'custom.off_platform_payment': 0.81, 'custom.spam': 0.44 });
    });
  });

  describe('cost', () => {
    it('charges the 3-unit minimum when an item is under 300 characters', async () => {
      answerToxicityWithCleanResults();
      const { classifier, metrics } = setup();

      const result = await classifier.classify(anItem({ segments: ['Vintage road bike'] }));

      expect(result.costUsd).toBeCloseTo(priced('DetectToxicContent', 3), 12);
      expect(metrics.units({ api: 'DetectToxicContent' })).toBe(3);
    });

    it('charges a unit per 100 characters of each request, detection included, when the item is long', async () => {
      comprehend
        .on(DetectDominantLanguageCommand)
        .resolves({ Languages: [{ LanguageCode: 'en', Score: 0.98 }] });
      answerToxicityWithCleanResults();
      const { classifier, metrics } = setup();
      const body = 'Solid oak table, seats six. '.repeat(44).trim();

      const result = await classifier.classify(anItem({ locale: undefined, segments: [body] }));

      const detected = comprehend.commandCalls(DetectDominantLanguageCommand)[0]?.args[0].input.Text ?? '';
      const detectionUnits = Math.max(3, Math.ceil(detected.length / 100));
      const toxicityUnits = Math.ceil(body.length / 100);
      expect(metrics.units({ api: 'DetectDominantLanguage' })).toBe(detectionUnits);
      expect(metrics.units({ api: 'DetectToxicContent' })).toBe(toxicityUnits);
      expect(result.costUsd).toBeCloseTo(
        priced('DetectDominantLanguage', detectionUnits) + priced('DetectToxicContent', toxicityUnits),
        12,
      );
    });

    it('meters each API for each tenant when items use several APIs', async () => {
      answerToxicityWithCleanResults();
      comprehend.on(DetectPiiEntitiesCommand).resolves({ Entities: [] });
      comprehend.on(ClassifyDocumentCommand).resolves({ Classes: [{ Name: 'LEGIT', Score: 0.97 }] });
      const { classifier, metrics } = setup({
        detectPii: true,
        customClassifier: { endpointArn: ENDPOINT_ARN },
      });

      const acme = await classifier.classify(anItem());
      await classifier.classify(anItem({ tenant: 'sakura-jobs' }));

      expect(metrics.units({ tenant: 'acme-market' })).toBe(9);
      expect(metrics.units({ tenant: 'sakura-jobs', api: 'ClassifyDocument' })).toBe(3);
      expect(metrics.costUsd({ tenant: 'acme-market' })).toBeCloseTo(acme.costUsd, 12);
      expect(acme.costUsd).toBeCloseTo(
        priced('DetectToxicContent', 3) + priced('DetectPiiEntities', 3) + priced('ClassifyDocument', 3),
        12,
      );
    });
  });

  describe('when Comprehend is slow or failing', () => {
    const throttled = () =>
      new TooManyRequestsException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });
    const serverError = () =>
      new InternalServerException({
        message: 'An internal error occurred',
        $metadata: { httpStatusCode: 500 },
      });

    it('retries a throttled call after a jittered back-off and returns its scores', async () => {
      comprehend
        .on(DetectToxicContentCommand)
        .rejectsOnce(throttled())
        .resolves({ ResultList: [toxicLabels(0.91, { INSULT: 0.87 })] });
      const { classifier, time } = setup({ retry: { baseDelayMs: 100 } });

      const result = await classifier.classify(anItem({ segments: ['You absolute clown'] }));

      expect(result.scores).toMatchObject({ toxic: 0.91, insult: 0.87 });
      expect(comprehend.commandCalls(DetectToxicContentCommand)).toHaveLength(2);
      expect(time.sleeps).toHaveLength(1);
      expect(time.sleeps[0]).toBeLessThan(100);
    });

    it('waits a random share of a doubling ceiling, capped at maxDelayMs, before each retry', async () => {
      comprehend.on(DetectToxicContentCommand).rejects(throttled());
      const retry = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 300 };
      const draws = [0.999, 0.5, 0.999, 0.25];
      let draw = 0;
      const { classifier, time } = setup({ retry }, undefined, () => draws[draw++ % draws.length] ?? 0);

      await expect(classifier.classify(anItem())).rejects.toThrow(MlUnavailableError);

      const ceilings = [1, 2, 3, 4].map((retryNumber) =>
        Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (retryNumber - 1)),
      );
      expect(time.sleeps).toEqual(
        ceilings.map((ceiling, index) => Math.floor((draws[index] ?? 0) * ceiling)),
      );
      expect(time.now().getTime() - Date.parse('2026-11-20T09:00:00.000Z')).toBe(
        time.sleeps.reduce((total, ms) => total + ms, 0),
      );
    });

    it('throws MlUnavailableError for throttling when it outlasts the retries', async () => {
      comprehend.on(DetectToxicContentCommand).rejects(throttled());
      const { classifier, metrics } = setup({ retry: { maxAttempts: 3 } });

      const error = await classifier.classify(anItem()).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(MlUnavailableError);
      expect(error).toMatchObject({ reason: 'throttled', tenant: 'acme-market', api: 'DetectToxicContent' });
      expect(comprehend.commandCalls(DetectToxicContentCommand)).toHaveLength(3);
      expect(metrics.unavailableCount('throttled')).toBe(1);
    });

    it('throws MlUnavailableError carrying the cause when Comprehend has an outage', async () => {
      comprehend.on(DetectToxicContentCommand).rejects(serverError());
      const { classifier } = setup();

      const error = await classifier.classify(anItem()).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(MlUnavailableError);
      expect(error).toMatchObject({ reason: 'call_failed' });
      expect((error as Error).cause).toBeInstanceOf(InternalServerException);
    });

    it('does not retry a request Comprehend refuses as invalid', async () => {
      comprehend
        .on(DetectToxicContentCommand)
        .rejects(
          new InvalidRequestException({ message: 'Invalid request', $metadata: { httpStatusCode: 400 } }),
        );
      const { classifier, time } = setup();

      await expect(classifier.classify(anItem())).rejects.toThrow(MlUnavailableError);

      expect(comprehend.commandCalls(DetectToxicContentCommand)).toHaveLength(1);
      expect(time.sleeps).toHaveLength(0);
    });

    it('abandons an attempt that outlasts its timeout and reports a timeout', async () => {
      comprehend.on(DetectToxicContentCommand).callsFake(() => new Promise(() => {}));
      const { classifier, time } = setup({ attemptTimeoutMs: 800, retry: { maxAttempts: 1 } });

      const outcome = classifier.classify(anItem()).catch((caught: unknown) => caught);
      await vi.waitFor(() => expect(comprehend.commandCalls(DetectToxicContentCommand)).toHaveLength(1));
      time.advance(800);
      const error = await outcome;

      expect(error).toBeInstanceOf(MlUnavailableError);
      expect(error).toMatchObject({ reason: 'timeout' });
      expect((error as Error).cause).toBeInstanceOf(ComprehendTimeoutError);
    });

    it('stops calling Comprehend and spends no budget once repeated failures open the breaker', async () => {
      comprehend.on(DetectToxicContentCommand).rejects(serverError());
      const breaker = { failureThreshold: 3, failureWindowMs: 60_000, coolDownMs: 30_000 };
      const { classifier, metrics, budget, time } = setup({ retry: { maxAttempts: 1 }, breaker });
      for (let item = 0; item < breaker.failureThreshold; item += 1) {
        await expect(classifier.classify(anItem())).rejects.toMatchObject({ reason: 'call_failed' });
      }
      const spent = await budget.usedUnits('acme-market', budgetDay(time.now()));

      await expect(classifier.classify(anItem())).rejects.toMatchObject({ reason: 'circuit_open' });

      expect(comprehend.commandCalls(DetectToxicContentCommand)).toHaveLength(breaker.failureThreshold);
      expect(await budget.usedUnits('acme-market', budgetDay(time.now()))).toBe(spent);
      expect(metrics.unavailableCount('circuit_open')).toBe(1);
    });

    it('lets a trial call through after the cool-down and calls freely again when it succeeds', async () => {
      comprehend
        .on(DetectToxicContentCommand)
        .rejectsOnce(serverError())
        .rejectsOnce(serverError())
        .resolves({ ResultList: [toxicLabels(0.02)] });
      const breaker = { failureThreshold: 2, failureWindowMs: 60_000, coolDownMs: 30_000 };
      const { classifier, time } = setup({ retry: { maxAttempts: 1 }, breaker });
      await classifier.classify(anItem()).catch(() => undefined);
      await classifier.classify(anItem()).catch(() => undefined);
      await expect(classifier.classify(anItem())).rejects.toMatchObject({ reason: 'circuit_open' });

      time.advance(breaker.coolDownMs);
      const trial = await classifier.classify(anItem());
      const next = await classifier.classify(anItem());

      expect(trial.scores.toxic).toBe(0.02);
      expect(next.scores.toxic).toBe(0.02);
      expect(comprehend.commandCalls(DetectToxicContentCommand)).toHaveLength(4);
    });
  });

  describe('budget', () => {
    it("makes no call and throws MlBudgetExceededError when the tenant's daily budget is spent", async () => {
      answerToxicityWithCleanResults();
      const { classifier, metrics } = setup({}, { dailyUnits: 6 });
      await classifier.classify(anItem());
      await classifier.classify(anItem());

      const error = await classifier.classify(anItem()).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(MlBudgetExceededError);
      expect(error).toMatchObject({
        reason: 'budget_exceeded',
        tenant: 'acme-market',
        capUnits: 6,
        requestedUnits: 3,
      });
      expect(comprehend.commandCalls(DetectToxicContentCommand)).toHaveLength(2);
      expect(metrics.unavailableCount('budget_exceeded')).toBe(1);
      await expect(classifier.classify(anItem({ tenant: 'sakura-jobs' }))).resolves.toMatchObject({
        language: 'en',
      });
    });

    it('makes no language detection call when the budget has no room for it', async () => {
      const { classifier } = setup({}, { dailyUnits: 2 });

      await expect(classifier.classify(anItem({ locale: undefined }))).rejects.toThrow(MlBudgetExceededError);

      expect(comprehend.calls()).toHaveLength(0);
    });
  });

  describe('settings', () => {
    it('rejects a malformed endpoint ARN, naming the field', () => {
      expect(() => setup({ customClassifier: { endpointArn: 'patrol-scam' } })).toThrow(
        expect.objectContaining({
          name: ComprehendSettingsError.name,
          message: expect.stringContaining('customClassifier.endpointArn'),
        }),
      );
    });

    it('rejects a custom classifier language Comprehend cannot train, naming the field', () => {
      expect(() =>
        setup({ customClassifier: { endpointArn: ENDPOINT_ARN, languages: ['ja'] as unknown as ['en'] } }),
      ).toThrow(/customClassifier\.languages\.0/);
    });
  });
});
