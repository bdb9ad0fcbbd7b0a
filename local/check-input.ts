import { z } from 'zod';
import type { EvaluableItem } from '#core/rules/evaluate';
import { ContentKinds, MoneySchema, SubmissionSchema } from '#schemas/submission';

/** The short form `patrol check --input` accepts besides the full contract: enough to evaluate. */
export const CheckItemSchema = z
  .object({
    id: z.string().min(1),
    kind: z.enum(ContentKinds as [string, ...string[]]),
    locale: z.string().min(2).optional(),
    title: z.string().optional(),
    body: z.string(),
    tags: z.array(z.string()).optional(),
    price: MoneySchema.optional(),
    budget: MoneySchema.optional(),
    category: z.string().optional(),
  })
  .strict();

/** One line of a JSONL input: the item and its id, or what is wrong with it. */
export type CheckLine =
  | { readonly ok: true; readonly id: string; readonly item: EvaluableItem }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Reads one JSONL line as a full submission (it has `schemaVersion`) or the short form
 * `{id, kind, locale?, title?, body}`; problems name the field.
 */
export function parseCheckLine(line: string): CheckLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { ok: false, problems: [`not valid JSON (${(error as Error).message})`] };
  }
  if (typeof value === 'object' && value !== null && 'schemaVersion' in value) {
    const submission = SubmissionSchema.safeParse(value);
    if (!submission.success) return { ok: false, problems: describe(submission.error) };
    return { ok: true, id: submission.data.contentId, item: submission.data };
  }
  const short = CheckItemSchema.safeParse(value);
  if (!short.success) return { ok: false, problems: describe(short.error) };
  return { ok: true, id: short.data.id, item: short.data as EvaluableItem };
}

function describe(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const field = issue.path.length === 0 ? '(the line)' : issue.path.join('.');
    return `field ${field}: ${issue.message}`;
  });
}
