import { readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { bundles } from './bundles.ts';
import { classifier } from './classifier.ts';
import { coldInitMs } from './cold-init.ts';
import { endToEnd } from './end-to-end.ts';
import { offenders } from './offenders.ts';
import { review } from './review.ts';
import { ruleEngine } from './rule-engine.ts';
import type { Baseline, BenchSection } from './section.ts';

/** Every section, in the order they run; adding one is an import above and a line here. */
const SECTIONS: readonly BenchSection[] = [
  ruleEngine,
  classifier,
  review,
  offenders,
  endToEnd,
  bundles,
  coldInitMs,
];

const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));

/**
 * `npm run bench [-- SECTION...]`: runs the sections (all by default), prints each figure beside its
 * baseline and the previous run, and merges the figures into bench/results.json. Never pass or fail.
 */
async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !SECTIONS.some((section) => section.name === name));
  if (unknown.length > 0) {
    console.error(
      `unknown section(s) ${unknown.join(', ')}; known: ${SECTIONS.map((section) => section.name).join(', ')}`,
    );
    process.exitCode = 2;
    return;
  }
  const previous = await readPrevious();
  const results: Record<string, unknown> = { ...previous };
  const rows: string[][] = [];
  for (const section of SECTIONS.filter(
    (candidate) => wanted.length === 0 || wanted.includes(candidate.name),
  )) {
    const started = performance.now();
    console.error(`[${section.name}] starting`);
    const figures = await section.run((message) => console.error(`[${section.name}] ${message}`));
    console.error(`[${section.name}] done in ${((performance.now() - started) / 1_000).toFixed(1)} s`);
    rows.push(...tableRows(section, figures, previous[section.name]));
    results[section.name] = figures;
  }
  results.updatedAt = new Date().toISOString();
  results.machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown' };
  await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  printTable([['figure', 'value', 'baseline', 'previous run'], ...rows]);
  console.error(`wrote ${RESULTS}`);
}

function tableRows(section: BenchSection, figures: object, previous: unknown): string[][] {
  return flatten(figures).map(([path, value]) => {
    const baseline = section.baselines?.[path];
    const before = valueAt(previous, path);
    return [
      `${section.name}.${path}`,
      format(value),
      baseline === undefined ? '' : describeBaseline(baseline, value, figures),
      typeof before === 'number' ? format(before) : '',
    ];
  });
}

function describeBaseline(baseline: Baseline, value: number, figures: object): string {
  const reference = typeof baseline.value === 'number' ? baseline.value : valueAt(figures, baseline.value);
  if (typeof reference !== 'number') return baseline.note;
  const ratio = value / reference;
  const better = baseline.higherIsBetter ? ratio >= 1 : ratio <= 1;
  return `${format(reference)} (${baseline.note}; ${ratio.toFixed(2)}x, ${better ? 'meets' : 'short of'} it)`;
}

function flatten(figures: object, prefix = ''): [string, number][] {
  return Object.entries(figures).flatMap(([name, value]): [string, number][] => {
    if (typeof value === 'number') return [[`${prefix}${name}`, value]];
    return typeof value === 'object' && value !== null ? flatten(value, `${prefix}${name}.`) : [];
  });
}

function valueAt(root: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined,
      root,
    );
}

function format(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : String(value);
}

function printTable(rows: string[][]): void {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  for (const [index, row] of rows.entries()) {
    console.log(
      row
        .map((cell, column) =>
          column === 1 || column === 3
            ? cell.padStart(widths[column] ?? 0)
            : cell.padEnd(widths[column] ?? 0),
        )
        .join('  ')
        .trimEnd(),
    );
    if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  }
}

async function readPrevious(): Promise<Record<string, unknown>> {
  try {
    return JSON.parse(await readFile(RESULTS, 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

await main();
