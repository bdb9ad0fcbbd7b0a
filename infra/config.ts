import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import { z } from 'zod';
import { CustomClassifierSettingsSchema } from '#adapters/comprehend/settings';
import { TenantSchema } from '#schemas/submission';
import { StageConfigError } from './errors.ts';

const LOG_RETENTION_DAYS: readonly number[] = Object.values(RetentionDays).filter(
  (days): days is RetentionDays => typeof days === 'number',
);

const UnitCountSchema = z.number().int('expected a whole number of units').min(0);

/**
 * Amazon Comprehend for items the rules leave undecided, off by default. A unit is 100 characters
 * (3 at least per request) at $0.0001 for toxicity and PII; `dailyUnits` caps each tenant per UTC day.
 */
export const ComprehendStageSchema = z.discriminatedUnion('enabled', [
  z.object({ enabled: z.literal(false) }).strict(),
  z
    .object({
      enabled: z.literal(true),
      /** Paid units each tenant may spend per UTC day; 100,000 units of toxicity cost $10. */
      dailyUnits: UnitCountSchema,
      /** A tenant's own daily cap instead of `dailyUnits`; 0 switches Comprehend off for it. */
      tenantDailyUnits: z.record(TenantSchema, UnitCountSchema).optional(),
      /** Also scores PII entities (English and Spanish), one more request per item. */
      detectPii: z.boolean().default(false),
      /** A custom classification endpoint of the stage's account and region, and its model's languages. */
      customClassifier: CustomClassifierSettingsSchema.optional(),
    })
    .strict(),
]);
export type ComprehendStage = z.infer<typeof ComprehendStageSchema>;

/**
 * One deployment stage. `dev` and `dev-*` stages are disposable: their tables, keys and logs are
 * destroyed with the stack; every other stage retains them and protects tables from deletion.
 */
export const StageConfigSchema = z
  .object({
    stage: z
      .string()
      .regex(
        /^[a-z][a-z0-9-]{1,19}$/,
        'expected 2-20 lowercase letters, digits or hyphens, starting with a letter',
      ),
    /** The platforms this stage serves; each gets a signal key in the signal-keys secret. */
    tenants: z.array(TenantSchema).min(1),
    /** Where alarms are e-mailed; without it alarms still go to the topic, with no subscriber. */
    alarmEmail: z.email().optional(),
    logRetentionDays: z.number().refine((days) => LOG_RETENTION_DAYS.includes(days), {
      message: `expected one of CloudWatch Logs' periods: ${LOG_RETENTION_DAYS.join(', ')}`,
    }),
    /**
     * `sqs-managed` lets any sender with sqs:SendMessage post; `kms` encrypts the ingest queue with
     * the stage's key, so senders also need kms:GenerateDataKey and kms:Decrypt on it.
     */
    ingestQueueEncryption: z.enum(['sqs-managed', 'kms']).default('sqs-managed'),
    /** Pins the stacks to an account and region; without them the stacks are environment-agnostic. */
    account: z
      .string()
      .regex(/^\d{12}$/, 'expected a 12-digit AWS account id')
      .optional(),
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'expected an AWS region such as ap-northeast-1')
      .optional(),
    comprehend: ComprehendStageSchema.default({ enabled: false }),
  })
  .strict()
  .superRefine((config, context) => {
    if (!config.comprehend.enabled) return;
    for (const tenant of Object.keys(config.comprehend.tenantDailyUnits ?? {})) {
      if (config.tenants.includes(tenant)) continue;
      context.addIssue({
        code: 'custom',
        path: ['comprehend', 'tenantDailyUnits', tenant],
        message: `${tenant} is not one of the stage's tenants`,
      });
    }
    const endpointArn = config.comprehend.customClassifier?.endpointArn;
    if (endpointArn === undefined) return;
    // arn:<partition>:comprehend:<region>:<account>:document-classifier-endpoint/<name>
    const [, , , region, account] = endpointArn.split(':');
    const path = ['comprehend', 'customClassifier', 'endpointArn'];
    if (config.region !== undefined && region !== config.region) {
      context.addIssue({
        code: 'custom',
        path,
        message: `the endpoint is in ${region}, the stage in ${config.region}; Comprehend endpoints are regional`,
      });
    }
    if (config.account !== undefined && account !== config.account) {
      context.addIssue({
        code: 'custom',
        path,
        message: `the endpoint belongs to account ${account}, the stage to ${config.account}`,
      });
    }
  });
export type StageConfig = z.infer<typeof StageConfigSchema>;

/** The stage used when none is named: synthesises with no AWS account and serves the demo tenants. */
export const DEV_STAGE: StageConfig = {
  stage: 'dev',
  tenants: ['acme-market', 'gig-board', 'hikari-dating', 'town-forum'],
  logRetentionDays: RetentionDays.TWO_WEEKS,
  ingestQueueEncryption: 'sqs-managed',
  comprehend: { enabled: false },
};

/** The context key naming the stage to synthesise (`npx cdk synth -c stage=prod`). */
export const STAGE_CONTEXT_KEY = 'stage';
/** The context key under which cdk.json declares the stages, by name. */
export const STAGES_CONTEXT_KEY = 'patrol:stages';

/** Validates a stage configuration, naming the offending field in the error. */
export function parseStageConfig(input: unknown): StageConfig {
  const parsed = StageConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const stage =
    typeof input === 'object' && input !== null && 'stage' in input ? String(input.stage) : '(unnamed)';
  const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new StageConfigError(stage, issues.join('; '), { cause: parsed.error });
}

/**
 * The stage named by the `stage` context value (default `dev`), read from `patrol:stages` in cdk.json;
 * disposable stages (`dev`, `dev-alice`) fall back to {@link DEV_STAGE} for any field cdk.json leaves out.
 */
export function stageConfigFrom(node: Node): StageConfig {
  const stage = String(node.tryGetContext(STAGE_CONTEXT_KEY) ?? DEV_STAGE.stage);
  const declared: unknown = node.tryGetContext(STAGES_CONTEXT_KEY) ?? {};
  if (typeof declared !== 'object' || declared === null || Array.isArray(declared)) {
    throw new StageConfigError(stage, `${STAGES_CONTEXT_KEY} must be an object of stage name to settings`);
  }
  const settings: unknown = (declared as Record<string, unknown>)[stage];
  if (settings === undefined && !isDisposableStage(stage)) {
    throw new StageConfigError(stage, `not declared under ${STAGES_CONTEXT_KEY} in cdk.json`);
  }
  if (
    settings !== undefined &&
    (typeof settings !== 'object' || settings === null || Array.isArray(settings))
  ) {
    throw new StageConfigError(stage, `${STAGES_CONTEXT_KEY}.${stage} must be an object`);
  }
  const defaults = isDisposableStage(stage) ? DEV_STAGE : {};
  return parseStageConfig({ ...defaults, ...(settings as object | undefined), stage });
}

/** Whether a stage is disposable (`dev`, `dev-alice`): its data goes with the stack. */
export function isDisposableStage(stage: string): boolean {
  return stage === DEV_STAGE.stage || stage.startsWith(`${DEV_STAGE.stage}-`);
}

/** What happens to stored data when its resource leaves the stack. */
export function dataRemovalPolicy(config: StageConfig): RemovalPolicy {
  return isDisposableStage(config.stage) ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
}
