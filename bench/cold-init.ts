import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { functionBundles } from './function-bundles.ts';
import type { BenchSection } from './section.ts';

/** Fresh processes per bundle; the median of these is reported. */
const RUNS = 5;

/** Imports one module in a new Node process and answers how long the import took, in milliseconds. */
function importOnce(file: string): Promise<number> {
  const script = `const started = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(performance.now() - started);`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '--enable-source-maps', '-e', script], {
      env: {
        ...process.env,
        AWS_REGION: 'us-east-1',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => {
      const milliseconds = Number(stdout.trim());
      if (code === 0 && Number.isFinite(milliseconds)) resolve(milliseconds);
      else reject(new Error(`importing ${file} failed (${code}): ${stderr.trim()}`));
    });
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * How long importing each function's bundle takes in a fresh Node process (the module-scope part of a
 * cold start; dependencies built on the first invocation are not included), median of 5 processes.
 */
export const coldInitMs: BenchSection = {
  name: 'coldInitMs',
  run: async (progress) => {
    const figures: Record<string, number> = {};
    for (const { handler, file } of await functionBundles(progress)) {
      const runs: number[] = [];
      for (let run = 0; run < RUNS; run += 1) runs.push(await importOnce(file));
      figures[handler] = Math.round(median(runs) * 10) / 10;
      progress(`${handler}: ${figures[handler]} ms`);
    }
    return figures;
  },
};
