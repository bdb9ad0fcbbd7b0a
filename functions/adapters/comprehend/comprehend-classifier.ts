import {
  ClassifyDocumentCommand,
  type ComprehendClient,
  DetectDominantLanguageCommand,
  DetectPiiEntitiesCommand,
  DetectToxicContentCommand,
} from '@aws-sdk/client-comprehend';
import { SystemClock } from '#adapters/system/system-clock';
import { SystemDelays } from '#adapters/system/system-delays';
import { CircuitBreaker } from '#core/ml/circuit-breaker';
import type { Classifier, ClassifierInput, ClassifierResult, ClassifierSkipReason } from '#ports/classifier';
import type { Clock } from '#ports/clock';
import type { Delays } from '#ports/delays';
import type { MlBudget } from '#ports/ml-budget';
import type { MlMetrics } from '#ports/ml-metrics';
import { ComprehendTimeoutError, MlBudgetExceededError, MlUnavailableError } from './errors.ts';
import { isTransient, unavailableReason } from './failures.ts';
import { customScores, mergeScores, piiScores, type Scores, toxicityScores } from './labels.ts';
import { isMostlyLatinScript, primaryLanguage } from './languages.ts';
import { type ComprehendApi, unitsCostUsd } from './pricing.ts';
import {
  analysesLanguage,
  detectionSample,
  type PlannedRequest,
  planRequests,
  unitsOf,
} from './request-plan.ts';
import { withRetries } from './retry.ts';
import {
  type ComprehendClassifierSettings,
  type ComprehendClassifierSettingsInput,
  parseComprehendSettings,
} from './settings.ts';

/** The model id on every result; the version is Comprehend's API version. */
export const COMPREHEND_MODEL_ID = 'amazon-comprehend';
export const COMPREHEND_MODEL_VERSION = '2017-11-27';

/** What the classifier works with besides Comprehend itself. */
export interface ComprehendClassifierDependencies {
  /** Best made with `createComprehendClient`, which leaves retries to the classifier. */
  client: ComprehendClient;
  budget: MlBudget;
  metrics: MlMetrics;
  clock?: Clock;
  delays?: Delays;
  /** The jitter source, uniform in [0, 1). */
  random?: () => number;
}

interface LanguageOutcome {
  language?: string;
  skipped?: ClassifierSkipReason;
  costUsd: number;
}

/**
 * Scores content with Amazon Comprehend: the language when no locale is given, toxicity for English,
 * PII for English and Spanish when switched on, and a custom classifier where configured. Every call is
 * paid for from the tenant's daily budget first, timed out, retried with jitter and guarded by a breaker;
 * when Comprehend cannot answer it throws `MlUnavailableError`, never an empty result.
 */
export class ComprehendClassifier implements Classifier {
  readonly #client: ComprehendClient;
  readonly #budget: MlBudget;
  readonly #metrics: MlMetrics;
  readonly #delays: Delays;
  readonly #random: () => number;
  readonly #settings: ComprehendClassifierSettings;
  readonly #breaker: CircuitBreaker;

  constructor(
    dependencies: ComprehendClassifierDependencies,
    settings: ComprehendClassifierSettingsInput = {},
  ) {
    this.#client = dependencies.client;
    this.#budget = dependencies.budget;
    this.#metrics = dependencies.metrics;
    this.#delays = dependencies.delays ?? new SystemDelays();
    this.#random = dependencies.random ?? Math.random;
    this.#settings = parseComprehendSettings(settings);
    this.#breaker = new CircuitBreaker(this.#settings.breaker, dependencies.clock ?? new SystemClock());
  }

  async classify(input: ClassifierInput): Promise<ClassifierResult> {
    try {
      return await this.#classify(input);
    } catch (error) {
      if (error instanceof MlUnavailableError) this.#metrics.recordUnavailable(error.reason, error.tenant);
      throw error;
    }
  }

  async #classify({ tenant, segments, locale }: ClassifierInput): Promise<ClassifierResult> {
    const texts = segments.filter((segment) => segment.trim() !== '');
    const detected =
      locale === undefined
        ? await this.#detectLanguage(tenant, texts)
        : { language: primaryLanguage(locale), costUsd: 0 };
    const { language } = detected;
    if (language === undefined) return result({}, detected.costUsd, undefined, detected.skipped);
    if (!analysesLanguage(language, this.#settings)) {
      return result({}, detected.costUsd, language, 'unsupported_language');
    }
    const requests = planRequests(language, texts, this.#settings);
    if (requests.length === 0) return result({}, detected.costUsd, language);
    await this.#reserve(tenant, requests);
    const outcomes = await Promise.allSettled(requests.map((request) => this.#analyse(tenant, request)));
    const failure = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failure !== undefined) throw failure.reason;
    const scores: Scores = {};
    for (const outcome of outcomes) if (outcome.status === 'fulfilled') mergeScores(scores, outcome.value);
    const analysisCostUsd = requests.reduce(
      (total, request) => total + unitsCostUsd(request.api, request.units),
      0,
    );
    return result(scores, detected.costUsd + analysisCostUsd, language);
  }

  /** The dominant language, detected only when the text could be in a language Comprehend analyses. */
  async #detectLanguage(tenant: string, texts: readonly string[]): Promise<LanguageOutcome> {
    const latin = isMostlyLatinScript(texts.join('\n'));
    if (latin === undefined) return { skipped: 'language_unknown', costUsd: 0 };
    if (!latin) return { skipped: 'unsupported_language', costUsd: 0 };
    const Text = detectionSample(texts);
    if (Text === undefined) return { skipped: 'language_unknown', costUsd: 0 };
    const api = 'DetectDominantLanguage';
    const units = unitsOf([Text]);
    await this.#reserve(tenant, [{ api, units }]);
    const response = await this.#call(tenant, api, units, (abortSignal) =>
      this.#client.send(new DetectDominantLanguageCommand({ Text }), { abortSignal }),
    );
    const code = response.Languages?.[0]?.LanguageCode;
    const costUsd = unitsCostUsd(api, units);
    return code === undefined
      ? { skipped: 'language_unknown', costUsd }
      : { language: primaryLanguage(code), costUsd };
  }

  async #analyse(tenant: string, request: PlannedRequest): Promise<Scores> {
    const { api, units } = request;
    switch (request.api) {
      case 'DetectToxicContent':
        return toxicityScores(
          await this.#call(tenant, api, units, (abortSignal) =>
            this.#client.send(new DetectToxicContentCommand(request.input), { abortSignal }),
          ),
        );
      case 'DetectPiiEntities':
        return piiScores(
          await this.#call(tenant, api, units, (abortSignal) =>
            this.#client.send(new DetectPiiEntitiesCommand(request.input), { abortSignal }),
          ),
        );
      case 'ClassifyDocument':
        return customScores(
          await this.#call(tenant, api, units, (abortSignal) =>
            this.#client.send(new ClassifyDocumentCommand(request.input), { abortSignal }),
          ),
        );
    }
  }

  /** Counts the requests' units against the tenant's day, all at once, before any call; past the cap none is made. */
  async #reserve(tenant: string, requests: readonly { api: ComprehendApi; units: number }[]): Promise<void> {
    const apis = [...new Set(requests.map((request) => request.api))];
    // An open breaker would refuse the calls anyway, so their units are not taken from the budget.
    if (this.#breaker.state() === 'open')
      throw new MlUnavailableError('circuit_open', { tenant, api: apis[0] });
    const units = requests.reduce((total, request) => total + request.units, 0);
    const reservation = await this.#budget.reserve(tenant, units);
    if (reservation.granted) return;
    throw new MlBudgetExceededError({
      tenant,
      apis,
      day: reservation.day,
      requestedUnits: units,
      capUnits: reservation.capUnits,
    });
  }

  /** One metered call through the breaker, each attempt timed out, transient failures retried. */
  async #call<T>(
    tenant: string,
    api: ComprehendApi,
    units: number,
    send: (abortSignal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    if (!this.#breaker.tryAcquire()) throw new MlUnavailableError('circuit_open', { tenant, api });
    try {
      const output = await withRetries(() => this.#attempt(api, send), {
        settings: this.#settings.retry,
        delays: this.#delays,
        random: this.#random,
        isRetryable: isTransient,
      });
      this.#breaker.recordSuccess();
      this.#metrics.recordRequest({ api, tenant, units, costUsd: unitsCostUsd(api, units), succeeded: true });
      return output;
    } catch (error) {
      this.#breaker.recordFailure();
      this.#metrics.recordRequest({ api, tenant, units, costUsd: 0, succeeded: false });
      throw new MlUnavailableError(unavailableReason(error), { tenant, api }, { cause: error });
    }
  }

  /** One attempt, abandoned at the timeout even when the client does not heed the abort signal. */
  #attempt<T>(api: ComprehendApi, send: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
    const timeoutMs = this.#settings.attemptTimeoutMs;
    const deadline = this.#delays.timeout(timeoutMs);
    return new Promise<T>((resolve, reject) => {
      const abandon = () => reject(new ComprehendTimeoutError(api, timeoutMs, { cause: deadline.reason }));
      deadline.addEventListener('abort', abandon, { once: true });
      if (deadline.aborted) abandon();
      send(deadline)
        .then(resolve, reject)
        .finally(() => deadline.removeEventListener('abort', abandon));
    });
  }
}

function result(
  scores: Scores,
  costUsd: number,
  language: string | undefined,
  skipped?: ClassifierSkipReason,
): ClassifierResult {
  return {
    modelId: COMPREHEND_MODEL_ID,
    modelVersion: COMPREHEND_MODEL_VERSION,
    scores,
    costUsd,
    ...(language === undefined ? {} : { language }),
    ...(skipped === undefined ? {} : { skipped }),
  };
}
