import { createHash } from 'node:crypto';
import type { Subject } from '#schemas/review-case';

function hashId(parts: readonly (string | number)[]): string {
  return `c${createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 31)}`;
}

/** The case of a borderline verdict: one per content version, so a redelivered verdict opens nothing new. */
export function verdictCaseId(tenant: string, contentId: string, version: number): string {
  return hashId([tenant, 'verdict', contentId, version]);
}

/** The case of an appeal of one content version's verdict: one per version. */
export function appealCaseId(tenant: string, contentId: string, version: number): string {
  return hashId([tenant, 'appeal', contentId, version]);
}

/**
 * The report case of a subject opened after `previousCaseId` (none for its first): every reporter who
 * saw the same subject state computes the same id, so concurrent reports meet in one case.
 */
export function reportCaseId(tenant: string, subject: Subject, previousCaseId: string | undefined): string {
  return hashId([tenant, 'report', subjectKey(subject), previousCaseId ?? '']);
}

/** A subject as a key part: `content:<contentId>` or `user:<userId>`. */
export function subjectKey(subject: Subject): string {
  return subject.type === 'content' ? `content:${subject.contentId}` : `user:${subject.userId}`;
}
