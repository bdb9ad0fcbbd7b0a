import { nextDemoMessage } from '../demo-content.ts';

/** One business item: a version of a content item of a tenant. */
export interface ItemKey {
  tenant: string;
  contentId: string;
  version: number;
}

/**
 * What one load message is: a new valid item, a valid item sent again under a new message id (as a
 * platform that retries a send does), or a malformed message that must end in the DLQ.
 */
export type LoadMessage =
  | { kind: 'valid' | 'repeat'; body: string; item: ItemKey }
  | { kind: 'malformed'; body: string };

/** Share of messages that re-send an item already sent. */
export const REPEAT_SHARE = 0.05;
/** How many recent items a repeat is drawn from. */
const REPEAT_WINDOW = 2_000;

/** The key of an item, as the reconciliation indexes it. */
export function itemKeyOf(item: ItemKey): string {
  return `${item.tenant}/${item.contentId}/${item.version}`;
}

/**
 * A realistic stream of load messages: the demo content (mostly clean Japanese and English items of
 * every kind, some violations, about 3% malformed) with about 5% repeats. Content ids carry `runId`,
 * so runs against one data folder never share an item.
 */
export function createLoadMix(random: () => number, runId: Date): () => LoadMessage {
  const recent: { body: string; item: ItemKey }[] = [];
  let sequence = 0;
  return () => {
    if (recent.length > 0 && random() < REPEAT_SHARE) {
      const earlier = recent[Math.floor(random() * recent.length)] as (typeof recent)[number];
      return { kind: 'repeat', ...earlier };
    }
    sequence += 1;
    const demo = nextDemoMessage(sequence, runId, random);
    if (demo.theme === 'malformed') return { kind: 'malformed', body: demo.body };
    const { tenant, contentId, version } = JSON.parse(demo.body) as ItemKey;
    const sent = { body: demo.body, item: { tenant, contentId, version } };
    if (recent.length === REPEAT_WINDOW) recent[sequence % REPEAT_WINDOW] = sent;
    else recent.push(sent);
    return { kind: 'valid', ...sent };
  };
}
