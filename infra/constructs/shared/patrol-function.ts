import { fileURLToPath } from 'node:url';
import { type Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Tracing } from 'aws-cdk-lib/aws-lambda';
import { type ICommandHooks, NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { FUNCTION_RUNTIME, nodejsFunctionBundling } from './function-bundling.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The namespace every Patrol function writes its Powertools metrics under. */
const METRICS_NAMESPACE = 'Patrol';

/** Copies the rule packs, and the starter model when asked, next to the bundle, where the handlers look for them. */
function copyAssets(props: Pick<PatrolFunctionProps, 'withPolicies' | 'withModel'>): ICommandHooks {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir, outputDir) => [
      ...(props.withPolicies ? [`cp -R "${inputDir}/policies" "${outputDir}/policies"`] : []),
      ...(props.withModel
        ? [`mkdir -p "${outputDir}/models"`, `cp "${inputDir}/models/starter.model" "${outputDir}/models/"`]
        : []),
    ],
  };
}

export interface PatrolFunctionProps {
  /** The handler file's name under functions/handlers/, without extension: `sqs-ingest-submission`. */
  handler: string;
  description: string;
  /** The Powertools service name in logs and metrics. */
  serviceName: string;
  stage: string;
  timeout: Duration;
  memorySize: number;
  logRetention: RetentionDays;
  logRemovalPolicy: RemovalPolicy;
  environment?: Record<string, string>;
  /** Ships the policies/ folder with the bundle. */
  withPolicies?: boolean;
  /** Ships the embedded classifier's starter model (models/starter.model) with the bundle. */
  withModel?: boolean;
}

/**
 * A Patrol Lambda: Node.js 24 on arm64, bundled and minified by the local esbuild with source maps,
 * the AWS SDK v3 left to the runtime, Powertools settings, X-Ray tracing, and a role that starts
 * with nothing but writing to the function's own log group.
 */
export class PatrolFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  /** The `service` dimension of the function's own metrics in the `Patrol` namespace. */
  readonly serviceName: string;

  constructor(scope: Construct, id: string, props: PatrolFunctionProps) {
    super(scope, id);
    this.serviceName = props.serviceName;
    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });
    // An own role instead of the AWS-managed basic execution policy, whose log grant spans every log group.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.description} (${props.stage})`,
    });
    this.logGroup.grantWrite(this.role);
    this.function = new NodejsFunction(this, 'Function', {
      entry: `${PROJECT_ROOT}functions/handlers/${props.handler}.ts`,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: `${PROJECT_ROOT}package-lock.json`,
      description: props.description,
      runtime: FUNCTION_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      tracing: Tracing.ACTIVE,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        PATROL_STAGE: props.stage,
        ...props.environment,
      },
      bundling: {
        ...nodejsFunctionBundling(),
        ...(props.withPolicies || props.withModel ? { commandHooks: copyAssets(props) } : {}),
      },
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'xray:PutTraceSegments and xray:PutTelemetryRecords, which active tracing needs, support no resource-level ' +
        'permissions. The infra tests list every statement of each role, so no other wildcard slips in unseen.',
    });
  }
}
