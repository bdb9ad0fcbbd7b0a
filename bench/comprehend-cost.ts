import {
  ComprehendClient,
  DetectDominantLanguageCommand,
  DetectPiiEntitiesCommand,
  DetectToxicContentCommand,
  type DetectToxicContentRequest,
} from '@aws-sdk/client-comprehend';
import { mockClient } from 'aws-sdk-client-mock';
import { ComprehendClassifier } from '#adapters/comprehend/comprehend-classifier';
import { primaryLanguage } from '#adapters/comprehend/languages';
import type { ComprehendClassifierSettingsInput } from '#adapters/comprehend/settings';
import { MemoryMlBudget } from '#adapters/memory/memory-ml-budget';
import { MemoryMlMetrics } from '#adapters/memory/memory-ml-metrics';
import { nextDemoMessage } from '#local/demo-content';
import type { ClassifierInput } from '#ports/classifier';
import type { BenchSection, Figures } from './section.ts';

const ITEMS = 2_000;
/** Kana or kanji: what the stubbed language detection takes for Japanese. */
const JAPANESE_SCRIPT = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;
const SEED = 20_261_120;

/** A repeatable uniform source, so every run prices the same feed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** The demo feed's well-formed items as classifier inputs: title, body and tags in reading order. */
function demoItems(): ClassifierInput[] {
  const random = seededRandom(SEED);
  const now = new Date('2026-11-20T09:00:00.000Z');
  const items: ClassifierInput[] = [];
  for (let sequence = 0; items.length < ITEMS; sequence += 1) {
    const message = nextDemoMessage(sequence, now, random);
    if (message.theme === 'malformed') continue;
    const submission = JSON.parse(message.body) as {
      tenant: string;
      locale?: string;
      title?: string;
      body?: string;
      tags?: string[];
    };
    items.push({
      tenant: submission.tenant,
      segments: [submission.title ?? '', submission.body ?? '', (submission.tags ?? []).join('\n')],
      ...(submission.locale === undefined ? {} : { locale: submission.locale }),
    });
  }
  return items;
}

/** Prices the feed through the classifier against a stubbed Comprehend that answers like the real one. */
async function priceFeed(
  items: readonly ClassifierInput[],
  settings: ComprehendClassifierSettingsInput,
): Promise<Figures> {
  const metrics = new MemoryMlMetrics();
  const classifier = new ComprehendClassifier(
    {
      client: new ComprehendClient({ region: 'ap-northeast-1' }),
      budget: new MemoryMlBudget({ dailyUnits: Number.MAX_SAFE_INTEGER }),
      metrics,
    },
    settings,
  );
  let called = 0;
  let costUsd = 0;
  for (const item of items) {
    const before = metrics.requests.length;
    costUsd += (await classifier.classify(item)).costUsd;
    if (metrics.requests.length > before) called += 1;
  }
  return {
    itemsCallingComprehendPct: Math.round((called / items.length) * 1_000) / 10,
    unitsPerCallingItem: called === 0 ? 0 : Math.round((metrics.units() / called) * 100) / 100,
    usdPer1000Items: Math.round((costUsd / items.length) * 1_000 * 10_000) / 10_000,
  };
}

/**
 * What Comprehend would cost on the demo feed (Japanese and English, as `patrol dev --demo` posts it):
 * the share of items that reach Comprehend at all, the units each of those is billed, and US dollars per
 * 1,000 items, with locales as sent, with PII detection on, and with no locales (detection first).
 */
export const comprehendCost: BenchSection = {
  name: 'comprehendCost',
  run: async (progress) => {
    const comprehend = mockClient(ComprehendClient);
    comprehend.on(DetectToxicContentCommand).callsFake(async (input: DetectToxicContentRequest) => ({
      ResultList: (input.TextSegments ?? []).map(() => ({ Labels: [], Toxicity: 0.01 })),
    }));
    comprehend.on(DetectPiiEntitiesCommand).resolves({ Entities: [] });
    comprehend.on(DetectDominantLanguageCommand).callsFake(async (input: { Text?: string }) => ({
      Languages: [{ LanguageCode: JAPANESE_SCRIPT.test(input.Text ?? '') ? 'ja' : 'en', Score: 0.99 }],
    }));
    try {
      const items = demoItems();
      const english = items.filter(
        (item) => item.locale !== undefined && primaryLanguage(item.locale) === 'en',
      );
      progress(`${items.length} demo items, ${english.length} in English`);
      const withoutLocales = items.map(({ locale: _locale, ...item }) => item);
      return {
        englishSharePct: Math.round((english.length / items.length) * 1_000) / 10,
        toxicity: await priceFeed(items, {}),
        toxicityAndPii: await priceFeed(items, { detectPii: true }),
        toxicityWithoutLocales: await priceFeed(withoutLocales, {}),
      };
    } finally {
      comprehend.restore();
    }
  },
};
