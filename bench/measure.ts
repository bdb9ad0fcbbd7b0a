/**
 * Calls `run` over `items` round-robin on this one thread for about `seconds` of CPU time after a
 * warm-up of a third of that, and returns items per CPU-second. CPU time rather than wall time,
 * because the machines running the benchmark are shared and a busy neighbour only adds wall time.
 */
export function itemsPerSecond<T>(items: readonly T[], run: (item: T) => unknown, seconds: number): number {
  let sink = 0;
  const loop = (budgetMicros: number): { count: number; elapsedMicros: number } => {
    const started = process.cpuUsage();
    let count = 0;
    let elapsedMicros = 0;
    while (elapsedMicros < budgetMicros) {
      for (let batch = 0; batch < 256; batch++) {
        if (run(items[count % items.length] as T) !== undefined) sink++;
        count++;
      }
      const used = process.cpuUsage(started);
      elapsedMicros = used.user + used.system;
    }
    return { count, elapsedMicros };
  };
  loop((seconds * 1_000_000) / 3);
  const { count, elapsedMicros } = loop(seconds * 1_000_000);
  if (sink < 0) console.error('unreachable');
  return Math.round((count * 1_000_000) / elapsedMicros);
}
