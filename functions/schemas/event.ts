import { z } from 'zod';
import { VerdictSchema } from './verdict.ts';

/**
 * A verdict event as platforms receive it. `eventId` is stable across redeliveries, so a
 * platform de-duplicates on it: `{tenant}:{contentId}:{version}:{source}`.
 */
export const VerdictEventSchema = z
  .object({
    eventId: z.string().min(1),
    type: z.literal('verdict.decided'),
    occurredAt: z.iso.datetime({ offset: true }),
    tenant: z.string(),
    contentId: z.string(),
    version: z.number().int().nonnegative(),
    verdict: VerdictSchema,
  })
  .strict();
export type VerdictEvent = z.infer<typeof VerdictEventSchema>;
