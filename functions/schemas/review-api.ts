import * as z from 'zod';
import { CaseStatusSchema, DecisionActionSchema } from './review-case.ts';

const ReasonCodeSchema = z.string().min(1, 'expected a guideline clause').max(200);
const NoteSchema = z.string().max(2_000);
const CaseIdSchema = z.string().min(1).max(100);

/** `POST /v1/cases/{caseId}/claim`, `/renew`, `/release`: optionally the claim version (fencing token) held. */
export const ClaimBodySchema = z
  .object({ claimVersion: z.number().int().positive().optional() })
  .strict()
  .default({});
export type ClaimBody = z.infer<typeof ClaimBodySchema>;

/** `POST /v1/cases/next`: the queue to take from; every queue the caller works when absent. */
export const NextCaseBodySchema = z
  .object({ queue: z.string().min(1).optional() })
  .strict()
  .default({});

/**
 * `POST /v1/cases/{caseId}/decision`.
 * Example: `{"action":"remove","reasonCode":"guidelines 3.2","note":"LINE ID in the body","claimVersion":3}`.
 */
export const DecisionBodySchema = z
  .object({
    action: DecisionActionSchema,
    reasonCode: ReasonCodeSchema,
    note: NoteSchema.optional(),
    claimVersion: z.number().int().positive(),
    toQueue: z.string().min(1).optional(),
  })
  .strict()
  .refine((body) => body.action !== 'escalate' || body.toQueue !== undefined, {
    message: 'an escalation needs a queue',
    path: ['toQueue'],
  });
export type DecisionBody = z.infer<typeof DecisionBodySchema>;

/** `POST /v1/cases/bulk-decision`: one decision on up to 100 cases of one queue. */
export const BulkDecisionBodySchema = z
  .object({
    queue: z.string().min(1),
    caseIds: z.array(CaseIdSchema).min(1).max(100),
    action: DecisionActionSchema,
    reasonCode: ReasonCodeSchema,
    note: NoteSchema.optional(),
    toQueue: z.string().min(1).optional(),
  })
  .strict()
  .refine((body) => body.action !== 'escalate' || body.toQueue !== undefined, {
    message: 'an escalation needs a queue',
    path: ['toQueue'],
  });
export type BulkDecisionBody = z.infer<typeof BulkDecisionBodySchema>;

/** `POST /v1/appeals`: the content whose verdict is appealed, and the appellant's statement. */
export const AppealBodySchema = z
  .object({
    contentId: z.string().min(1).max(256),
    version: z.number().int().nonnegative().optional(),
    statement: z.string().max(5_000).optional(),
  })
  .strict();

/** `GET /v1/cases?queue=&status=&overdue=&limit=`. */
export const ListCasesQuerySchema = z
  .object({
    queue: z.string().min(1),
    status: CaseStatusSchema.optional(),
    overdue: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
