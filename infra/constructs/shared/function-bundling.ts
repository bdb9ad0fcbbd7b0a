import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

/** The runtime every Patrol function runs on; the bundles target it. */
export const FUNCTION_RUNTIME = Runtime.NODEJS_24_X;

/**
 * How every Patrol function is bundled, read both by the constructs (through NodejsFunction) and by
 * the bundle-size bench (through esbuild itself), so the two cannot drift apart.
 */
export const FUNCTION_BUNDLE = {
  /** `nodejs24.x` runs Node 24: `node24`. */
  target: FUNCTION_RUNTIME.name.replace(/^nodejs(\d+)\.x$/, 'node$1'),
  format: 'esm',
  mainFields: ['module', 'main'],
  // Some CommonJS dependencies call require(); an ES module bundle has to provide it.
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  /** The runtime provides the AWS SDK v3. */
  externalModules: ['@aws-sdk/*'],
  /**
   * The yaml package gives Node its CommonJS build, which esbuild cannot tree-shake; its ES module build
   * is the same code and saves about 17 KB in the ingest bundle.
   */
  alias: { yaml: './node_modules/yaml/browser/index.js' },
} as const;

/** The bundling options of a NodejsFunction, from {@link FUNCTION_BUNDLE}. */
export function nodejsFunctionBundling(): BundlingOptions {
  return {
    target: FUNCTION_BUNDLE.target,
    format: OutputFormat.ESM,
    mainFields: [...FUNCTION_BUNDLE.mainFields],
    banner: FUNCTION_BUNDLE.banner,
    minify: FUNCTION_BUNDLE.minify,
    sourceMap: FUNCTION_BUNDLE.sourceMap,
    sourcesContent: FUNCTION_BUNDLE.sourcesContent,
    externalModules: [...FUNCTION_BUNDLE.externalModules],
    esbuildArgs: Object.fromEntries(
      Object.entries(FUNCTION_BUNDLE.alias).map(([from, to]) => ['--alias', `${from}=${to}`]),
    ),
    forceDockerBundling: false,
  };
}

/** The esbuild options that build one handler as NodejsFunction does, run from the project root. */
export function esbuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: FUNCTION_BUNDLE.target,
    format: FUNCTION_BUNDLE.format,
    mainFields: [...FUNCTION_BUNDLE.mainFields],
    banner: { js: FUNCTION_BUNDLE.banner },
    minify: FUNCTION_BUNDLE.minify,
    sourcemap: FUNCTION_BUNDLE.sourceMap,
    sourcesContent: FUNCTION_BUNDLE.sourcesContent,
    external: [...FUNCTION_BUNDLE.externalModules],
    alias: { ...FUNCTION_BUNDLE.alias },
  };
}
