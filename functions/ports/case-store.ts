import type { CaseEventDraft } from '#core/review/case-event-draft';
import type { AuditEntry, CaseStatus, Report, ReviewCase, Subject } from '#schemas/review-case';

/** Which waiting or decided cases of one queue to list. */
export interface CaseListQuery {
  queue: string;
  status?: CaseStatus;
  /** Only cases whose dueAt has passed at `now`. */
  overdue?: boolean;
  now: Date;
  limit: number;
}

/**
 * Review cases, events first: `append` writes the next numbered event of a case conditionally (the
 * event is the audit entry), then the case projection; a writer that lost the race gets
 * CaseVersionConflictError and re-reads. Reads never scan: they go through keys and indexes.
 */
export interface CaseStore {
  /** The case with every event applied, or undefined. */
  get(tenant: string, caseId: string): Promise<ReviewCase | undefined>;
  /** Appends one event after `current` (undefined for `case.opened`) and returns the case after it. */
  append(current: ReviewCase | undefined, draft: CaseEventDraft): Promise<ReviewCase>;
  /** Up to `limit` undecided cases of a queue that nobody holds at `now`, most urgent first (priority, then dueAt). */
  available(tenant: string, queue: string, now: Date, limit: number): Promise<ReviewCase[]>;
  /** Cases of a queue by status, most urgent first; decided ones newest first, over the last day. */
  list(tenant: string, query: CaseListQuery): Promise<ReviewCase[]>;
  /** Cases of a queue decided at or after `since`. */
  decidedSince(tenant: string, queue: string, since: Date, now: Date): Promise<ReviewCase[]>;
  /** Cases with a pending SLA timer due at or before `before` (the sweep), up to `limit`. */
  timersDue(before: Date, limit: number): Promise<ReviewCase[]>;
  /** Every case with a pending SLA timer, for rebuilding in-process timers at start. */
  withPendingTimers(): AsyncIterable<ReviewCase>;
  /** The case's audit log, oldest first: its events with the case before and after, and content views. */
  audit(tenant: string, caseId: string): Promise<AuditEntry[]>;
  /** Records that `viewerId` opened the case's content; throws when it could not be recorded. */
  recordView(tenant: string, caseId: string, viewerId: string, at: Date): Promise<void>;
  /** The open case a subject's reports merge into, as last pointed at. */
  subjectCase(tenant: string, subject: Subject): Promise<string | undefined>;
  /** Points a subject at the case its next reports merge into. */
  pointSubject(tenant: string, subject: Subject, caseId: string): Promise<void>;
  /** Keeps a report about a subject (muted reporters' too), once per report id. */
  recordReport(
    tenant: string,
    subject: Subject,
    report: Report & { muted: boolean; caseId?: string },
  ): Promise<void>;
  /** The reports about a subject, oldest first. */
  reports(tenant: string, subject: Subject): Promise<(Report & { muted: boolean; caseId?: string })[]>;
}
