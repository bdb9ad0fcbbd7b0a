import { seededRandom } from '#core/ml/seeded-random';
import type { LabelledExample } from '#schemas/labelled-example';
import { STARTER_TEMPLATES, type StarterTemplate } from './starter-templates.ts';
import { STARTER_VOCABULARY } from './starter-vocabulary.ts';

/** A generated example, with the template it came from so a split can hold whole templates out. */
export interface StarterExample extends LabelledExample {
  readonly template: number;
  readonly locale: 'ja' | 'en';
  readonly lookAlike: boolean;
}

/** Texts drawn per template: clean ones more often, since clean content is the bulk of any feed. */
const DRAWS_PER_VIOLATION_TEMPLATE = 14;
const DRAWS_PER_CLEAN_TEMPLATE = 22;
const SLOT = /\{([a-z_]+)\}/g;
const SENTENCE_END = /[。！？!?.」）)〜]$/u;

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

function fill(template: StarterTemplate, random: () => number): string {
  const body = template.text.replace(SLOT, (_, slot: string) => {
    const words = STARTER_VOCABULARY[slot];
    if (!words) throw new Error(`starter template uses an unknown slot {${slot}}: ${template.text}`);
    return pick(words, random);
  });
  const greeting = pick(STARTER_VOCABULARY[`greeting_${template.locale}`] ?? [''], random);
  const closing = pick(STARTER_VOCABULARY[`closing_${template.locale}`] ?? [''], random);
  const ended =
    closing.length === 0 || SENTENCE_END.test(body)
      ? body
      : `${body}${template.locale === 'ja' ? '。' : '.'}`;
  const space = template.locale === 'en' ? ' ' : '';
  return [greeting, ended, closing]
    .filter((part) => part.length > 0)
    .join(space)
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The starter corpus: Japanese and English texts drawn from the templates with a seeded generator,
 * duplicates dropped, in template order. Same seed, same corpus.
 */
export function generateStarterCorpus(seed: number): StarterExample[] {
  const random = seededRandom(seed);
  const seen = new Set<string>();
  const examples: StarterExample[] = [];
  STARTER_TEMPLATES.forEach((template, index) => {
    const draws = template.labels.length === 0 ? DRAWS_PER_CLEAN_TEMPLATE : DRAWS_PER_VIOLATION_TEMPLATE;
    for (let draw = 0; draw < draws; draw++) {
      const text = fill(template, random);
      if (seen.has(text)) continue;
      seen.add(text);
      examples.push({
        text,
        labels: [...template.labels],
        template: index,
        locale: template.locale,
        lookAlike: template.lookAlike === true,
      });
    }
  });
  return examples;
}
