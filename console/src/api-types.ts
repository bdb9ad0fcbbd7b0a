import type { UserRecord } from '#schemas/offender';
import type { Report, ReviewCase } from '#schemas/review-case';
import type { Verdict } from '#schemas/verdict';
import type { Highlight } from './highlight.ts';

export type { Report, ReviewCase, UserRecord, Verdict };

/** `GET /v1/queues`: a queue the caller works. */
export interface QueueSummary {
  name: string;
  description?: string;
  escalateTo?: string;
}

/** `GET /v1/cases/{caseId}`. */
export interface CaseDetail {
  case: ReviewCase;
  highlights: Highlight[];
  verdictHistory: Verdict[];
  reports: (Report & { muted: boolean })[];
}

/** `GET /v1/cases/{caseId}/audit`: events with the case before and after, and views of its content. */
export interface CaseAudit {
  entries: (
    | { kind: 'event'; at: string; event: { type: string; actor: { type: string; moderatorId?: string } } }
    | { kind: 'view'; at: string; viewerId: string }
  )[];
}
