import type { BuildOptions } from 'esbuild';

/** The one esbuild configuration of the console, shared by `patrol dev` (in memory) and the CDK asset (on disk). */
export function consoleBuildOptions(directory: string): BuildOptions {
  return {
    entryPoints: [`${directory}/src/main.ts`],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    legalComments: 'none',
    logLevel: 'silent',
  };
}

/** The files copied beside the bundle. */
export const CONSOLE_STATIC_FILES = ['index.html', 'styles.css'] as const;
