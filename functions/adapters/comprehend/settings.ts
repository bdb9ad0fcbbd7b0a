import * as z from 'zod';
import { ComprehendSettingsError } from './errors.ts';
import { CUSTOM_CLASSIFICATION_LANGUAGES } from './languages.ts';

/** Retries of throttled, timed-out and 5xx calls, with full-jitter exponential back-off. */
export const RetrySettingsSchema = z
  .object({
    /** Attempts per call, the first included. */
    maxAttempts: z.number().int().min(1).max(10).default(3),
    /** The back-off ceiling of the first retry, doubled for each further one. */
    baseDelayMs: z.number().int().nonnegative().default(50),
    maxDelayMs: z.number().int().nonnegative().default(1_000),
  })
  .strict();
export type RetrySettings = z.infer<typeof RetrySettingsSchema>;

/** When the breaker opens and how long it stays open. */
export const BreakerSettingsSchema = z
  .object({
    failureThreshold: z.number().int().min(1).default(5),
    failureWindowMs: z.number().int().positive().default(30_000),
    coolDownMs: z.number().int().positive().default(30_000),
  })
  .strict();

/** A custom classification endpoint and the languages its model was trained on. */
export const CustomClassifierSettingsSchema = z
  .object({
    endpointArn: z
      .string()
      .regex(
        /^arn:aws[a-z-]*:comprehend:[a-z0-9-]+:\d{12}:document-classifier-endpoint\/[a-zA-Z0-9](-*[a-zA-Z0-9])*$/,
        'expected a document-classifier-endpoint ARN',
      ),
    languages: z.array(z.enum(CUSTOM_CLASSIFICATION_LANGUAGES)).min(1).default(['en']),
  })
  .strict();

/**
 * What the Comprehend classifier calls and how it behaves when Comprehend is slow or failing.
 * Example: `{"detectPii":true,"customClassifier":{"endpointArn":"arn:aws:comprehend:...","languages":["en"]}}`.
 */
export const ComprehendClassifierSettingsSchema = z
  .object({
    /** Scores PII entities (`pii.email`, `pii.phone`, ...) for English and Spanish. */
    detectPii: z.boolean().default(false),
    customClassifier: CustomClassifierSettingsSchema.optional(),
    /** How long one attempt of a call may take before it is abandoned (and retried). */
    attemptTimeoutMs: z.number().int().positive().default(1_000),
    retry: RetrySettingsSchema.prefault({}),
    breaker: BreakerSettingsSchema.prefault({}),
  })
  .strict();
export type ComprehendClassifierSettings = z.infer<typeof ComprehendClassifierSettingsSchema>;
export type ComprehendClassifierSettingsInput = z.input<typeof ComprehendClassifierSettingsSchema>;

/** Parses settings, filling defaults; an invalid field fails with its path named. */
export function parseComprehendSettings(input: unknown): ComprehendClassifierSettings {
  const parsed = ComprehendClassifierSettingsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ComprehendSettingsError(
    parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message })),
  );
}
