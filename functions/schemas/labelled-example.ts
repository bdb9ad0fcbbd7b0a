import * as z from 'zod';

/** A classifier label: what rules name in an ML condition and what a model file lists. */
export const ClassifierLabelSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/,
    'expected 1 to 100 letters, digits, dots, colons, hyphens or underscores, starting with a letter or digit',
  );

/**
 * One training or evaluation example: a text and the labels it carries (none for clean content).
 * Example: `{"text": "LINE交換しませんか？ID: yuki_0821", "labels": ["contact-exchange"]}`
 */
export const LabelledExampleSchema = z
  .object({
    text: z.string().min(1, 'expected a non-empty text'),
    labels: z.array(ClassifierLabelSchema),
  })
  .strict();
export type LabelledExample = z.infer<typeof LabelledExampleSchema>;
