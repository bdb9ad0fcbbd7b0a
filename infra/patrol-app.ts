import { type App, Tags } from 'aws-cdk-lib';
import { isDisposableStage, type StageConfig } from './config.ts';
import { statefulStackName, statelessStackName } from './stack-outputs.ts';
import { StatefulStack } from './stacks/stateful-stack.ts';
import { StatelessStack } from './stacks/stateless-stack.ts';

export interface PatrolStacks {
  stateful: StatefulStack;
  stateless: StatelessStack;
}

/** Adds one stage of Patrol to an app: `patrol-<stage>-stateful` and `patrol-<stage>-stateless`. */
export function addPatrolStacks(app: App, config: StageConfig): PatrolStacks {
  const env =
    config.account === undefined && config.region === undefined
      ? undefined
      : { account: config.account, region: config.region };
  const stateful = new StatefulStack(app, statefulStackName(config.stage), {
    env,
    config,
    description: `Patrol ${config.stage}: tables, queues, verdict event bus, key and secret`,
    terminationProtection: !isDisposableStage(config.stage),
  });
  const stateless = new StatelessStack(app, statelessStackName(config.stage), {
    env,
    config,
    description: `Patrol ${config.stage}: functions and their event sources`,
    ...stateful.resources,
  });
  Tags.of(app).add('patrol:stage', config.stage);
  return { stateful, stateless };
}
