import * as z from 'zod';
import { CaseSourceSchema } from './review-policy.ts';
import { PrioritySchema, SeveritySchema } from './rule.ts';
import { TenantSchema } from './submission.ts';
import { DecisionSchema, ReasonSchema } from './verdict.ts';

/** A case's state: open (waiting), claimed (under a lease), escalated (waiting, after a breach or a hand-off), decided. */
export const CaseStatusSchema = z.enum(['open', 'claimed', 'escalated', 'decided']);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;

/** What a case is about: one content item, or a user. */
export const SubjectSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('content'), contentId: z.string().min(1).max(256) }).strict(),
  z.object({ type: z.literal('user'), userId: z.string().min(1).max(256) }).strict(),
]);
export type Subject = z.infer<typeof SubjectSchema>;

/** The content as it was when the case opened, for the moderator; never signals. */
export const ContentSnapshotSchema = z
  .object({
    kind: z.string(),
    version: z.number().int().nonnegative(),
    title: z.string().optional(),
    body: z.string().optional(),
    tags: z.array(z.string()).optional(),
    locale: z.string().optional(),
    postedAt: z.string().optional(),
  })
  .strict();
export type ContentSnapshot = z.infer<typeof ContentSnapshotSchema>;

/** The author as the moderator sees them: the id and account age, never the hashed signals. */
export const AuthorSummarySchema = z
  .object({ userId: z.string(), accountCreatedAt: z.string().optional() })
  .strict();
export type AuthorSummary = z.infer<typeof AuthorSummarySchema>;

/** One user report: its own content id identifies it, so a redelivered report merges once. */
export const ReportSchema = z
  .object({
    reportId: z.string().min(1),
    reporterId: z.string().min(1),
    reasonCode: z.string().min(1),
    reportedAt: z.string(),
    note: z.string().max(2_000).optional(),
  })
  .strict();
export type Report = z.infer<typeof ReportSchema>;

/** The moderator's choice: approve (allow), remove (block and a strike), escalate (to another queue). */
export const DecisionActionSchema = z.enum(['approve', 'remove', 'escalate']);
export type DecisionAction = z.infer<typeof DecisionActionSchema>;

/** A lease on a case; `version` is the fencing token a decision must present. */
export const ClaimSchema = z
  .object({
    moderatorId: z.string(),
    leaseExpiresAt: z.string(),
    version: z.number().int().positive(),
    claimedAt: z.string().optional(),
  })
  .strict();
export type Claim = z.infer<typeof ClaimSchema>;

/** The appealed verdict of an appeal case, and the appellant's statement. */
export const AppealSchema = z
  .object({
    appealedDecision: DecisionSchema,
    /** Who decided the appealed verdict: `auto` or a moderator id, who may not decide the appeal. */
    appealedDecider: z.string(),
    statement: z.string().max(5_000).optional(),
  })
  .strict();
export type Appeal = z.infer<typeof AppealSchema>;

/** How a case was closed. */
export const CaseOutcomeSchema = z
  .object({
    action: z.enum(['approve', 'remove']),
    moderatorId: z.string(),
    reasonCode: z.string(),
    note: z.string().optional(),
    decidedAt: z.string(),
    /** When the deciding moderator's claim began, for handling times. */
    claimedAt: z.string().optional(),
    /** For an appeal: whether the decision kept or reversed the appealed verdict. */
    appealOutcome: z.enum(['upheld', 'overturned']).optional(),
  })
  .strict();
export type CaseOutcome = z.infer<typeof CaseOutcomeSchema>;

/** A case as moderators see it: the projection of its events, never written except by applying one. */
export const ReviewCaseSchema = z
  .object({
    tenant: TenantSchema,
    caseId: z.string(),
    source: CaseSourceSchema,
    subject: SubjectSchema,
    queue: z.string(),
    priority: PrioritySchema,
    status: CaseStatusSchema,
    /** The sequence number of the last event applied; a claim's fencing token is this value at the claim. */
    version: z.number().int().positive(),
    createdAt: z.string(),
    dueAt: z.string(),
    warningAt: z.string(),
    /** Raised each time timers are re-armed, so a timer of an earlier arming fires nothing. */
    timerGeneration: z.number().int().nonnegative(),
    warned: z.boolean(),
    breached: z.boolean(),
    /** Set once the case has been escalated, by a breach or by a moderator. */
    escalated: z.boolean(),
    /** Set once a breach has escalated the case; a breach escalates once only. */
    breachEscalated: z.boolean(),
    severity: SeveritySchema.optional(),
    snapshot: ContentSnapshotSchema.optional(),
    author: AuthorSummarySchema.optional(),
    reasons: z.array(ReasonSchema),
    /** The automatic decision that sent the content here, when a verdict did. */
    verdictDecision: DecisionSchema.optional(),
    reportCount: z.number().int().nonnegative(),
    /** The first reporters (up to 100), for the moderator. */
    reporters: z.array(z.string()),
    appeal: AppealSchema.optional(),
    claim: ClaimSchema.optional(),
    outcome: CaseOutcomeSchema.optional(),
    escalationNote: z.string().optional(),
  })
  .strict();
export type ReviewCase = z.infer<typeof ReviewCaseSchema>;

/** Who did something to a case: a moderator, or Patrol itself (intake, timers). */
export const ActorSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('system') }).strict(),
  z.object({ type: z.literal('moderator'), moderatorId: z.string().min(1) }).strict(),
]);
export type Actor = z.infer<typeof ActorSchema>;

const eventBase = {
  tenant: TenantSchema,
  caseId: z.string(),
  seq: z.number().int().positive(),
  at: z.string(),
};

/** The fields a case opens with. */
export const CaseOpeningSchema = ReviewCaseSchema.omit({
  status: true,
  version: true,
  timerGeneration: true,
  warned: true,
  breached: true,
  escalated: true,
  breachEscalated: true,
  claim: true,
  outcome: true,
  escalationNote: true,
});
export type CaseOpening = z.infer<typeof CaseOpeningSchema>;

/**
 * An append-only moderation event of a case, numbered from 1 per case. The case status is the projection
 * of these events; the events are also the case's audit log.
 */
export const CaseEventSchema = z.discriminatedUnion('type', [
  z.object({ ...eventBase, type: z.literal('case.opened'), actor: ActorSchema, opening: CaseOpeningSchema }),
  z.object({
    ...eventBase,
    type: z.literal('case.report-merged'),
    actor: ActorSchema,
    report: ReportSchema,
    /** The case's priority and due times after this report: more reporters may raise the priority. */
    priority: PrioritySchema,
    dueAt: z.string(),
    warningAt: z.string(),
  }),
  z.object({
    ...eventBase,
    type: z.literal('case.claimed'),
    actor: ActorSchema,
    moderatorId: z.string(),
    leaseExpiresAt: z.string(),
    /** The holder whose lease had run out when this claim took the case over. */
    previousHolder: z.string().optional(),
  }),
  z.object({
    ...eventBase,
    type: z.literal('case.lease-renewed'),
    actor: ActorSchema,
    moderatorId: z.string(),
    leaseExpiresAt: z.string(),
  }),
  z.object({ ...eventBase, type: z.literal('case.released'), actor: ActorSchema, moderatorId: z.string() }),
  z.object({
    ...eventBase,
    type: z.literal('case.warned'),
    actor: ActorSchema,
    timerGeneration: z.number().int(),
  }),
  z.object({
    ...eventBase,
    type: z.literal('case.breached'),
    actor: ActorSchema,
    timerGeneration: z.number().int(),
    /** Set when this breach escalated the case: its new priority and queue. */
    escalation: z.object({ priority: PrioritySchema, queue: z.string() }).strict().optional(),
  }),
  z.object({
    ...eventBase,
    type: z.literal('case.escalated'),
    actor: ActorSchema,
    toQueue: z.string(),
    reasonCode: z.string(),
    note: z.string().optional(),
    dueAt: z.string(),
    warningAt: z.string(),
    idempotencyKey: z.string().optional(),
  }),
  z.object({
    ...eventBase,
    type: z.literal('case.decided'),
    actor: ActorSchema,
    outcome: CaseOutcomeSchema,
    idempotencyKey: z.string().optional(),
  }),
]);
export type CaseEvent = z.infer<typeof CaseEventSchema>;
export type CaseEventType = CaseEvent['type'];

/** A case at a glance, recorded before and after each event in the audit log. */
export const CaseSummarySchema = z
  .object({
    status: CaseStatusSchema,
    queue: z.string(),
    priority: PrioritySchema,
    claimedBy: z.string().optional(),
  })
  .strict();
export type CaseSummary = z.infer<typeof CaseSummarySchema>;

/** One line of a case's audit log: an event with the case before and after it, or a view of its content. */
export const AuditEntrySchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('event'),
      at: z.string(),
      event: CaseEventSchema,
      before: CaseSummarySchema.optional(),
      after: CaseSummarySchema,
    })
    .strict(),
  z.object({ kind: z.literal('view'), at: z.string(), viewerId: z.string(), caseId: z.string() }).strict(),
]);
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
