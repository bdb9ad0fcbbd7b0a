import type { CaseStore } from '#ports/case-store';
import type { Clock } from '#ports/clock';
import type { ReporterMutes } from '#ports/reporter-mutes';
import type { ReviewPolicySource } from '#ports/review-policy-source';
import type { TimerService } from '#ports/timer-service';
import type { CaseOpening, Report, ReviewCase, Subject } from '#schemas/review-case';
import type { ReviewPolicy } from '#schemas/review-policy';
import type { ReviewRequest } from '#schemas/review-request';
import type { Severity } from '#schemas/rule';
import type { Verdict } from '#schemas/verdict';
import { reportCaseId, verdictCaseId } from './case-id.ts';
import { CaseVersionConflictError } from './errors.ts';
import { casePriority, dueTimes, raisePriority, routeCase } from './queue-policy.ts';
import { armedTimers, pendingTimers } from './sla-timers.ts';
import { updateCase } from './update-case.ts';

/** What intake needs. */
export interface IntakeDependencies {
  cases: CaseStore;
  policies: ReviewPolicySource;
  mutes: ReporterMutes;
  timers: TimerService;
  clock: Clock;
}

/** What became of a request: a new case, a report merged into an open one, a muted report, or nothing new. */
export type IntakeOutcome =
  | { outcome: 'opened' | 'merged' | 'already-open'; reviewCase: ReviewCase }
  | { outcome: 'muted' };

const SEVERITY_ORDER: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

/**
 * Turns one review request into a case: a borderline verdict opens the case of its content version;
 * a report merges into the open case about its subject or opens one; a muted reporter's report is
 * recorded and goes no further. Safe to repeat: redelivered requests find their case and re-arm its timers.
 */
export async function intakeReviewRequest(
  request: ReviewRequest,
  dependencies: IntakeDependencies,
): Promise<IntakeOutcome> {
  if (request.type === 'verdict') return openVerdictCase(request, dependencies);
  return takeReport(request.tenant, request.subject, request.report, dependencies);
}

async function openVerdictCase(
  request: Extract<ReviewRequest, { type: 'verdict' }>,
  dependencies: IntakeDependencies,
): Promise<IntakeOutcome> {
  const { verdict } = request;
  const policy = await dependencies.policies.policyFor(verdict.tenant);
  const caseId = verdictCaseId(verdict.tenant, verdict.contentId, verdict.version);
  const now = dependencies.clock.now();
  const queue = routeCase(policy, {
    source: 'verdict',
    kind: verdict.kind,
    ruleQueue: verdict.review?.queue,
  });
  const severity = highestSeverity(verdict);
  const priority = casePriority(policy, {
    ...(verdict.review === undefined ? {} : { rulePriority: verdict.review.priority }),
    ...(severity === undefined ? {} : { severity }),
    reporters: 0,
  });
  const opening: CaseOpening = {
    tenant: verdict.tenant,
    caseId,
    source: 'verdict',
    subject: { type: 'content', contentId: verdict.contentId },
    queue,
    priority,
    createdAt: now.toISOString(),
    ...dueTimes(policy, queue, priority, now),
    ...(severity === undefined ? {} : { severity }),
    snapshot: request.snapshot,
    author: request.author,
    reasons: verdict.reasons,
    verdictDecision: verdict.decision,
    reportCount: 0,
    reporters: [],
  };
  const { reviewCase, created } = await openOnce(opening, dependencies.cases);
  await dependencies.cases.pointSubject(verdict.tenant, opening.subject, caseId);
  await dependencies.timers.arm(pendingTimers(reviewCase));
  return { outcome: created ? 'opened' : 'already-open', reviewCase };
}

async function takeReport(
  tenant: string,
  subject: Subject,
  report: Report,
  dependencies: IntakeDependencies,
): Promise<IntakeOutcome> {
  const { cases } = dependencies;
  if (await dependencies.mutes.isMuted(tenant, report.reporterId)) {
    await cases.recordReport(tenant, subject, { ...report, muted: true });
    return { outcome: 'muted' };
  }
  const policy = await dependencies.policies.policyFor(tenant);
  const pointed = await cases.subjectCase(tenant, subject);
  const current = pointed === undefined ? undefined : await cases.get(tenant, pointed);
  if (current !== undefined && current.status !== 'decided')
    return mergeReport(current, report, policy, dependencies);

  const now = dependencies.clock.now();
  const caseId = reportCaseId(tenant, subject, pointed);
  const queue = routeCase(policy, { source: 'report', reasonCode: report.reasonCode });
  const priority = casePriority(policy, { reporters: 1 });
  const opening: CaseOpening = {
    tenant,
    caseId,
    source: 'report',
    subject,
    queue,
    priority,
    createdAt: now.toISOString(),
    ...dueTimes(policy, queue, priority, now),
    reasons: [],
    reportCount: 1,
    reporters: [report.reporterId],
  };
  const { reviewCase, created } = await openOnce(opening, cases);
  if (!created) return mergeReport(reviewCase, report, policy, dependencies);
  await cases.recordReport(tenant, subject, { ...report, muted: false, caseId });
  await cases.pointSubject(tenant, subject, caseId);
  await dependencies.timers.arm(pendingTimers(reviewCase));
  return { outcome: 'opened', reviewCase };
}

/**
 * Adds a report to an open case once per report id: the report is kept first, so a redelivery finds
 * it and merges nothing twice. Reaching a reporter threshold raises the priority and brings dueAt in.
 */
async function mergeReport(
  target: ReviewCase,
  report: Report,
  policy: ReviewPolicy,
  dependencies: IntakeDependencies,
): Promise<IntakeOutcome> {
  const { cases } = dependencies;
  const known = (await cases.reports(target.tenant, target.subject)).find(
    (stored) => stored.reportId === report.reportId,
  );
  if (known?.caseId !== undefined && known.caseId !== target.caseId) {
    return { outcome: 'already-open', reviewCase: target };
  }
  if (target.reporters.includes(report.reporterId) && known !== undefined) {
    return { outcome: 'already-open', reviewCase: target };
  }
  await cases.recordReport(target.tenant, target.subject, { ...report, muted: false, caseId: target.caseId });
  const now = dependencies.clock.now();
  const { before, after, appended } = await updateCase(cases, target.tenant, target.caseId, (current) => {
    if (current.status === 'decided') return undefined;
    const reporters = new Set([...current.reporters, report.reporterId]).size;
    const crossed =
      policy.raiseAtReports.includes(reporters) && !current.reporters.includes(report.reporterId);
    const priority = crossed ? raisePriority(current.priority) : current.priority;
    const moved =
      priority === current.priority || !policy.queues.some((queue) => queue.name === current.queue)
        ? { dueAt: current.dueAt, warningAt: current.warningAt }
        : dueTimes(policy, current.queue, priority, new Date(current.createdAt));
    const earlier =
      moved.dueAt < current.dueAt ? moved : { dueAt: current.dueAt, warningAt: current.warningAt };
    return {
      tenant: current.tenant,
      caseId: current.caseId,
      type: 'case.report-merged',
      at: now.toISOString(),
      actor: { type: 'system' },
      report,
      priority,
      ...earlier,
    };
  });
  if (appended && after.timerGeneration !== before.timerGeneration) {
    await dependencies.timers.cancel(armedTimers(before));
    await dependencies.timers.arm(pendingTimers(after));
  }
  return { outcome: 'merged', reviewCase: after };
}

/** Opens the case unless it exists; returns the stored case either way. */
async function openOnce(
  opening: CaseOpening,
  cases: CaseStore,
): Promise<{ reviewCase: ReviewCase; created: boolean }> {
  const existing = await cases.get(opening.tenant, opening.caseId);
  if (existing !== undefined) return { reviewCase: existing, created: false };
  try {
    const reviewCase = await cases.append(undefined, {
      tenant: opening.tenant,
      caseId: opening.caseId,
      type: 'case.opened',
      at: opening.createdAt,
      actor: { type: 'system' },
      opening,
    });
    return { reviewCase, created: true };
  } catch (error) {
    if (!(error instanceof CaseVersionConflictError)) throw error;
    const stored = await cases.get(opening.tenant, opening.caseId);
    if (stored === undefined) throw error;
    return { reviewCase: stored, created: false };
  }
}

function highestSeverity(verdict: Verdict): Severity | undefined {
  return verdict.reasons
    .map((reason) => reason.severity)
    .sort((a, b) => SEVERITY_ORDER.indexOf(b) - SEVERITY_ORDER.indexOf(a))[0];
}
