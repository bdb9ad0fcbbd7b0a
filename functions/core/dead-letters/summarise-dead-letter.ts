import type { DeadLetter } from '#ports/dead-letter-queue';
import type { Rejection } from '#ports/rejection-log';

/** Said of a dead letter with no rejection: it kept failing on a dependency, or its reason expired. */
export const NO_REJECTION_REASON =
  'no rejection recorded: it failed on a dependency (see the ingest logs), or its reason expired';

/** What an operator sees of a dead letter: whose it is, why it was refused, how often and how long ago. */
export interface DeadLetterSummary {
  messageId: string;
  tenant?: string;
  contentId?: string;
  reason: string;
  issues: readonly { path: string; message: string }[];
  /** Whether the reason comes from the rejection log; false when the letter has none. */
  rejected: boolean;
  receiveCount: number;
  sentAt: string;
  ageSeconds: number;
}

/**
 * Joins a dead letter with its rejection. Without one, the tenant and content id are read from the body
 * when it is JSON that names them; nothing else of the body is shown, since it holds the platform's text.
 */
export function summariseDeadLetter(
  letter: DeadLetter,
  rejection: Rejection | undefined,
  now: Date,
): DeadLetterSummary {
  const named = rejection ?? namedInBody(letter.body);
  return {
    messageId: letter.messageId,
    ...(named.tenant === undefined ? {} : { tenant: named.tenant }),
    ...(named.contentId === undefined ? {} : { contentId: named.contentId }),
    reason: rejection?.reason ?? NO_REJECTION_REASON,
    issues: rejection?.issues ?? [],
    rejected: rejection !== undefined,
    receiveCount: letter.receiveCount,
    sentAt: letter.sentAt.toISOString(),
    ageSeconds: Math.max(0, Math.floor((now.getTime() - letter.sentAt.getTime()) / 1000)),
  };
}

function namedInBody(body: string): { tenant?: string; contentId?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null) return {};
  const { tenant, contentId } = parsed as Record<string, unknown>;
  return {
    ...(typeof tenant === 'string' ? { tenant } : {}),
    ...(typeof contentId === 'string' ? { contentId } : {}),
  };
}
