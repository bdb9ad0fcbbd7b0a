import { readdirSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { esbuildOptions } from '../infra/constructs/shared/function-bundling.ts';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const HANDLERS_DIR = join(PROJECT_ROOT, 'functions', 'handlers');
/** Inside the project, so a bundle resolves the AWS SDK (left out, as the runtime provides it) from node_modules. */
const OUT_DIR = join(PROJECT_ROOT, 'node_modules', '.cache', 'patrol-bench-bundles');

/** One handler built as its Lambda function is deployed. */
export interface FunctionBundle {
  /** The handler file's name: `sqs-ingest-submission`. */
  handler: string;
  /** The minified bundle, `index.mjs`, beside its source map. */
  file: string;
  bytes: number;
}

/** Every handler under functions/handlers/, each of which is a function's entry point. */
export const HANDLERS: readonly string[] = readdirSync(HANDLERS_DIR)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.slice(0, -'.ts'.length))
  .sort();

let built: Promise<FunctionBundle[]> | undefined;

/** Builds every handler with the functions' bundling options (once per process). */
export function functionBundles(progress: (message: string) => void): Promise<FunctionBundle[]> {
  built ??= (async () => {
    const bundles: FunctionBundle[] = [];
    for (const handler of HANDLERS) {
      const file = join(OUT_DIR, handler, 'index.mjs');
      // esbuild resolves the aliases relative to the working directory, as it does under `cdk synth`.
      await build({
        ...esbuildOptions(join(HANDLERS_DIR, `${handler}.ts`), file),
        absWorkingDir: PROJECT_ROOT,
        logLevel: 'error',
      });
      bundles.push({ handler, file, bytes: (await stat(file)).size });
      progress(`built ${handler}`);
    }
    return bundles;
  })();
  return built;
}
