import { setTimeout as sleep } from 'node:timers/promises';
import type { Delays } from '#ports/delays';

/** The machine's timers. */
export class SystemDelays implements Delays {
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    await sleep(ms, undefined, { signal });
  }

  timeout(ms: number): AbortSignal {
    return AbortSignal.timeout(ms);
  }
}
