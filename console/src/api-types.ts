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

/** `GET /v1/rule-sets`. */
export interface RuleSetList {
  active: { active: number; history: number[]; movedBy: string; movedAt: string } | null;
  versions: { number: number; createdBy: string; createdAt: string; basedOn?: number; note?: string }[];
  audit: { at: string; actorId: string; action: string; version: number; fromVersion?: number }[];
}

/** `GET /v1/rule-sets/{version}`. */
export interface RuleSetDetail {
  version: { number: number; packs: Record<string, string> };
  rules: {
    id: string;
    file: string;
    line: number;
    status: string;
    severity: string;
    clause: string;
    action: string;
  }[];
}

/** A located mistake in a pack. */
export interface PackIssue {
  file: string;
  line: number;
  column: number;
  ruleId?: string;
  field: string;
  message: string;
}

/** `GET /v1/rule-sets/diff`. */
export interface RuleSetDiff {
  files: {
    fileName: string;
    status: string;
    lines: { op: 'same' | 'add' | 'remove'; text: string; oldLine?: number; newLine?: number }[];
  }[];
  rules: {
    added: string[];
    removed: string[];
    changed: string[];
    statusChanged: { id: string; from: string; to: string }[];
  };
}

/** `POST /v1/rule-sets/{version}/backtest`. */
export interface BacktestReport {
  version: number;
  liveVersion: number;
  days: number;
  items: number;
  decidedByModerators: number;
  changed: number;
  changes: Record<string, number>;
  examples: { contentId: string; from: string; to: string; rules: string[] }[];
  rules: {
    ruleId: string;
    status: string;
    hits: number;
    liveHits: number;
    newHits: number;
    lostHits: number;
    precision?: number;
    liveRulePrecision?: number;
    recall?: number;
    precisionFalls: boolean;
    examples: string[];
  }[];
}

/** `POST /v1/rule-sets/repatrol` and `GET /v1/repatrols/{jobId}`. */
export interface RepatrolJob {
  jobId: string;
  status: 'running' | 'done' | 'failed';
  total: number;
  evaluated: number;
  newHits: number;
  casesRequested: number;
  error?: string;
}
