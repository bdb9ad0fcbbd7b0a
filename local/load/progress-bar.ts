/** Where a load run is, for the progress bar. */
export interface LoadStatus {
  phase: 'starting' | 'sending' | 'settling' | 'reconciling' | 'stopping';
  total: number;
  sent: number;
  /** Valid items whose verdict has been seen. */
  decided: number;
  valid: number;
  /** Messages in the DLQ. */
  deadLettered: number;
  restarts: number;
  elapsedMs: number;
}

const WIDTH = 24;

/** One line: a bar of messages sent, then verdicts seen, DLQ depth, restarts and time. */
export function renderProgress(status: LoadStatus): string {
  const share = status.total === 0 ? 1 : Math.min(1, status.sent / status.total);
  const filled = Math.round(share * WIDTH);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}]`;
  const count = (value: number) => value.toLocaleString('en-US');
  return [
    `${status.phase.padEnd(11)} ${bar} ${count(status.sent)}/${count(status.total)} sent`,
    `${count(status.decided)}/${count(status.valid)} decided`,
    `${count(status.deadLettered)} in DLQ`,
    `${status.restarts} restarts`,
    `${(status.elapsedMs / 1_000).toFixed(0)} s`,
  ].join(' · ');
}
