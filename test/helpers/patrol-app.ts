import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { DEV_STAGE, type StageConfig } from '../../infra/config.ts';
import { addPatrolStacks, type PatrolStacks } from '../../infra/patrol-app.ts';

/** The feature flags and stages from cdk.json, so tests build the app as `cdk synth` does. */
const CDK_CONTEXT = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'))
  .context as Record<string, unknown>;

export interface SynthesisedPatrol extends PatrolStacks {
  app: App;
  /** Where the cloud assembly, bundled assets included, was written. */
  outdir: string;
  statefulTemplate: Template;
  statelessTemplate: Template;
}

/**
 * Builds and synthesises Patrol for a stage into a fresh directory. `bundle: false` skips esbuild
 * for tests that only read the templates; bundling takes a few seconds per function.
 */
export function synthPatrol(config: StageConfig = DEV_STAGE, { bundle = true } = {}): SynthesisedPatrol {
  const outdir = mkdtempSync(join(tmpdir(), 'patrol-cdk-'));
  const app = new App({
    outdir,
    context: { ...CDK_CONTEXT, ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }) },
  });
  const stacks = addPatrolStacks(app, config);
  return {
    app,
    outdir,
    ...stacks,
    statefulTemplate: Template.fromStack(stacks.stateful),
    statelessTemplate: Template.fromStack(stacks.stateless),
  };
}
