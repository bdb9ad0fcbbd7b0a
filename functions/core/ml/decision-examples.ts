import type { LabelledExample } from '#schemas/labelled-example';
import type { ReviewCase } from '#schemas/review-case';

/**
 * The label a removal in each review queue teaches: the starter model's labels, mirroring the queues
 * policies/ml.yaml sends them to. A removal in a queue not listed here is labelled with the queue's name.
 */
export const DEFAULT_QUEUE_LABELS: Readonly<Record<string, string>> = {
  'contact-exchange': 'contact-exchange',
  payments: 'off-platform-payment',
  counterfeit: 'counterfeit',
  'prohibited-items': 'prohibited-item',
  'academic-fraud': 'academic-fraud',
  harassment: 'harassment',
  'sexual-content': 'sexual-solicitation',
  scams: 'scam',
};

/** The label Comprehend custom classification needs for content a moderator approved (it has no empty class). */
export const COMPREHEND_CLEAN_LABEL = 'clean';

/**
 * A moderator's decision as a training example: the content as the moderator saw it (title, body and
 * tags, joined by newlines as the classifiers read them), no label when approved, its queue's label when
 * removed. Cases not decided, or without text (a report on a user), give nothing.
 */
export function decisionExample(
  reviewCase: ReviewCase,
  queueLabels: Readonly<Record<string, string>> = DEFAULT_QUEUE_LABELS,
): LabelledExample | undefined {
  const { outcome, snapshot } = reviewCase;
  if (outcome === undefined || snapshot === undefined) return undefined;
  const text = [snapshot.title, snapshot.body, snapshot.tags?.join('\n')]
    .filter((field): field is string => field !== undefined && field.trim() !== '')
    .join('\n');
  if (text === '') return undefined;
  const labels = outcome.action === 'remove' ? [queueLabels[reviewCase.queue] ?? reviewCase.queue] : [];
  return { text, labels };
}

/** JSON Lines as `patrol train` reads them: one `{"text", "labels"}` per line. */
export function toTrainerJsonl(examples: readonly LabelledExample[]): string {
  return examples.map(({ text, labels }) => `${JSON.stringify({ text, labels })}\n`).join('');
}

/**
 * Comprehend custom classification CSV: one `label,text` line per document, no header, several labels
 * joined by `|` (multi-label mode), approved content as `clean`. Comprehend reads one document per line,
 * so line breaks inside a text become spaces; a text is quoted, with inner quotes doubled.
 */
export function toComprehendCsv(examples: readonly LabelledExample[]): string {
  return examples
    .map(({ text, labels }) => {
      const label = labels.length === 0 ? COMPREHEND_CLEAN_LABEL : labels.join('|');
      const oneLine = text.replace(/\s*[\r\n]+\s*/g, ' ');
      return `${label},"${oneLine.replaceAll('"', '""')}"\n`;
    })
    .join('');
}
