import type { VerdictEvent } from '#schemas/event';
import { LoadRunError } from './errors.ts';

export interface EventFollowerOptions {
  /** The API's base URL. */
  api: string;
  /** Called with every event as soon as it is read, and when it was read. */
  onEvent(event: VerdictEvent, seenAtMs: number): void;
  now?(): number;
  /** How long to wait before asking again when caught up; 500 ms by default, so following costs the pipeline little. */
  idleMs?: number;
}

/** A running follower of `GET /v1/events`; `stop()` reads what is left and ends. */
export interface EventFollower {
  stop(): Promise<void>;
}

const PAGE = 1_000;

/**
 * Follows the verdict events from the present on, as a platform would, so the time an event is
 * first seen stands for the time its verdict became visible. Starts after the events already there.
 */
export async function followEvents(options: EventFollowerOptions): Promise<EventFollower> {
  const now = options.now ?? (() => performance.now());
  let cursor = '0';
  for (let page = await readPage(options.api, cursor); page.events.length > 0; ) {
    cursor = page.nextCursor;
    page = await readPage(options.api, cursor);
  }
  let stopping = false;
  const idle = () => new Promise((resolve) => setTimeout(resolve, options.idleMs ?? 500));
  const following = (async () => {
    for (;;) {
      let page: { events: VerdictEvent[]; nextCursor: string };
      try {
        page = await readPage(options.api, cursor);
      } catch {
        // A failed read is asked again from the same cursor; following is best effort and never ends a run.
        if (stopping) return;
        await idle();
        continue;
      }
      const seenAtMs = now();
      for (const event of page.events) options.onEvent(event, seenAtMs);
      cursor = page.nextCursor;
      if (page.events.length === 0) {
        if (stopping) return;
        await idle();
      }
    }
  })();
  return {
    async stop() {
      stopping = true;
      await following;
    },
  };
}

async function readPage(
  api: string,
  cursor: string,
): Promise<{ events: VerdictEvent[]; nextCursor: string }> {
  const response = await fetch(`${api}/v1/events?after=${encodeURIComponent(cursor)}&limit=${PAGE}`);
  if (!response.ok)
    throw new LoadRunError(`GET /v1/events answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { events: VerdictEvent[]; nextCursor: string };
}
