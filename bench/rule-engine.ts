import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type NormalisedText, normalise } from '#core/normalise/normalise';
import { MatchBuffer } from '#core/rules/automaton';
import { compileRuleSet } from '#core/rules/compile';
import { escapeRegExp } from '#core/rules/detectors/folded-terms';
import { type EvaluableItem, evaluate } from '#core/rules/evaluate';
import { itemsPerSecond } from './measure.ts';
import { generateCorpus, generatedKeywordPack, generateKeywords } from './rule-engine-corpus.ts';
import { benchPacks } from './rule-engine-packs.ts';
import type { BenchSection, Figures } from './section.ts';

const CORPUS_ITEMS = 2_000;
const SECONDS = 2;
const KEYWORD_COUNTS = [100, 10_000] as const;

/**
 * The rule engine on one core: the whole decision (normalise, match, evaluate) with the default
 * packs plus 100 or 10,000 generated keywords, the same without normalising (text normalised
 * beforehand), the automaton against one RegExp alternation of the same keywords, and the cold
 * build and retained heap of the 10,000-keyword set, measured in a separate process.
 */
export const ruleEngine: BenchSection = {
  name: 'ruleEngine',
  baselines: {
    'keywords10000.itemsPerSec': { value: 150_000, higherIsBetter: true, note: 'target: whole decision' },
    'keywords10000.engineItemsPerSec': {
      value: 150_000,
      higherIsBetter: true,
      note: 'target, normaliser excluded',
    },
    'keywords10000.slowdownVs100': { value: 1.5, higherIsBetter: false, note: 'target: within 1.5x of 100' },
    'keywords10000.scanItemsPerSec': {
      value: 'regexBaseline10000.itemsPerSec',
      higherIsBetter: true,
      note: 'one RegExp alternation of the same keywords, same text',
    },
    'normalise.itemsPerSec': { value: 150_000, higherIsBetter: true, note: 'bounds the whole decision' },
    'keywords10000.buildMs': { value: 1_000, higherIsBetter: false, note: 'target: under 1 s' },
    'keywords10000.heapMB': { value: 16, higherIsBetter: false, note: 'target: under 16 MB' },
  },
  async run(progress) {
    const { packs, note } = await benchPacks();
    progress(`rule engine: ${note}`);
    const keywords = generateKeywords(10_000);
    const corpus = generateCorpus(CORPUS_ITEMS, keywords.slice(0, 100));
    const prepared = new Map<string, NormalisedText>();
    const fieldsOf = (item: EvaluableItem): string[] =>
      [item.title, item.body, item.tags?.join('\n')].filter((text): text is string => text !== undefined);
    for (const item of corpus) for (const text of fieldsOf(item)) prepared.set(text, normalise(text));
    const alreadyNormalised = (text: string): NormalisedText => prepared.get(text) ?? normalise(text);
    const normalisedFields = corpus.map((item) => fieldsOf(item).map((text) => alreadyNormalised(text).text));
    const now = new Date();
    const figures: Figures = {
      corpus: {
        items: CORPUS_ITEMS,
        charactersPerItem: Math.round(
          corpus.reduce((total, item) => total + fieldsOf(item).join('').length, 0) / CORPUS_ITEMS,
        ),
      },
    };

    for (const count of KEYWORD_COUNTS) {
      const ruleSet = compileRuleSet([...packs, generatedKeywordPack(keywords.slice(0, count))]);
      const decided = corpus.filter((item) => evaluate(ruleSet, item, now).decision !== 'allow').length;
      progress(`rule engine: ${count} keywords, whole decision`);
      const whole = itemsPerSecond(corpus, (item) => evaluate(ruleSet, item, now), SECONDS);
      progress(`rule engine: ${count} keywords, text normalised beforehand`);
      const engine = itemsPerSecond(
        corpus,
        (item) => evaluate(ruleSet, item, now, { normalise: alreadyNormalised }),
        SECONDS,
      );
      figures[`keywords${count}`] = {
        itemsPerSec: whole,
        engineItemsPerSec: engine,
        notAllowedShare: round(decided / CORPUS_ITEMS, 3),
      };
      if (count === 10_000) {
        progress('rule engine: automaton scan alone, 10,000 keywords');
        const hits = new MatchBuffer();
        const { automaton } = ruleSet.matcher;
        const scan = itemsPerSecond(
          normalisedFields,
          (fields) => {
            hits.clear();
            for (const text of fields) automaton.scan(text, 0, hits);
            return hits.count;
          },
          SECONDS,
        );
        Object.assign(figures[`keywords${count}`] as Figures, { scanItemsPerSec: scan });
      }
    }
    const at100 = (figures.keywords100 as Figures).itemsPerSec as number;
    const at10000 = figures.keywords10000 as Figures;
    at10000.slowdownVs100 = round(at100 / (at10000.itemsPerSec as number), 2);
    at10000.engineSlowdownVs100 = round(
      ((figures.keywords100 as Figures).engineItemsPerSec as number) / (at10000.engineItemsPerSec as number),
      2,
    );

    progress('rule engine: RegExp alternation of the same 10,000 keywords');
    const alternation = new RegExp(
      [...new Set(keywords.map((keyword) => normalise(keyword).text))].map(escapeRegExp).join('|'),
      'g',
    );
    figures.regexBaseline10000 = {
      itemsPerSec: itemsPerSecond(
        normalisedFields,
        (fields) => {
          let matches = 0;
          for (const text of fields) {
            alternation.lastIndex = 0;
            while (alternation.exec(text) !== null) matches++;
          }
          return matches;
        },
        SECONDS,
      ),
    };

    progress('rule engine: normaliser alone');
    figures.normalise = {
      itemsPerSec: itemsPerSecond(
        corpus,
        (item) => fieldsOf(item).map((text) => normalise(text).text.length),
        SECONDS,
      ),
    };

    progress('rule engine: cold build and retained heap, in a separate process');
    Object.assign(at10000, await footprint());
    return figures;
  },
};

async function footprint(): Promise<Figures> {
  const script = fileURLToPath(new URL('./rule-engine-footprint.ts', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', script], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
  });
  return JSON.parse(stdout) as Figures;
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
