import { CfnOutput, Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { CfnStage, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
} from 'aws-cdk-lib/aws-cognito';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { PatrolFunction } from '../shared/patrol-function.ts';
import { grantReviewStores, type ReviewStores, reviewEnvironment } from './review-access.ts';
import type { SlaTimers } from './sla-timers.ts';

/** Every route of the moderation API (functions/shared/review-routes.ts, plus the verdict read). */
export const MODERATION_ROUTES: readonly [HttpMethod, string][] = [
  [HttpMethod.GET, '/v1/cases'],
  [HttpMethod.POST, '/v1/cases/next'],
  [HttpMethod.POST, '/v1/cases/bulk-decision'],
  [HttpMethod.GET, '/v1/cases/{caseId}'],
  [HttpMethod.POST, '/v1/cases/{caseId}/claim'],
  [HttpMethod.POST, '/v1/cases/{caseId}/renew'],
  [HttpMethod.POST, '/v1/cases/{caseId}/release'],
  [HttpMethod.POST, '/v1/cases/{caseId}/decision'],
  [HttpMethod.GET, '/v1/cases/{caseId}/audit'],
  [HttpMethod.GET, '/v1/queues'],
  [HttpMethod.GET, '/v1/queues/{queue}/stats'],
  [HttpMethod.POST, '/v1/appeals'],
  [HttpMethod.POST, '/v1/reporters/{reporterId}/mute'],
];

/** The Cognito groups that are Patrol's roles. */
export const ROLE_GROUPS = ['moderator', 'lead', 'admin'] as const;

export interface ModerationApiProps extends ReviewStores {
  stage: string;
  slaTimers: SlaTimers;
  logRetention: RetentionDays;
  logRemovalPolicy: RemovalPolicy;
  /** Steady requests a second across the API, and the burst above it. */
  throttle?: { rateLimit: number; burstLimit: number };
}

/**
 * The moderation API on AWS: a Cognito user pool (groups moderator, lead, admin; the tenant as the
 * `custom:tenant` attribute), an HTTP API whose every route needs a user pool JWT, one Lambda serving
 * the shared route table, throttling and access logs.
 */
export class ModerationApi extends Construct {
  readonly userPool: UserPool;
  readonly api: HttpApi;
  readonly handler: PatrolFunction;

  constructor(scope: Construct, id: string, props: ModerationApiProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: `patrol-${props.stage}-moderators`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      customAttributes: { tenant: new StringAttribute({ minLen: 2, maxLen: 63, mutable: false }) },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
      },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      removalPolicy: props.logRemovalPolicy,
    });
    for (const group of ROLE_GROUPS) {
      new CfnUserPoolGroup(this, `${group}Group`, {
        userPoolId: this.userPool.userPoolId,
        groupName: group,
        description: `Patrol ${group}s`,
      });
    }
    const client = this.userPool.addClient('Console', {
      authFlows: { userSrp: true },
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
    });
    this.handler = new PatrolFunction(this, 'Handler', {
      handler: 'http-moderation-api',
      description: 'Patrol moderation API: cases, claims, decisions, queues, appeals',
      serviceName: 'patrol-moderation-api',
      stage: props.stage,
      timeout: Duration.seconds(10),
      memorySize: 512,
      logRetention: props.logRetention,
      logRemovalPolicy: props.logRemovalPolicy,
      withPolicies: true,
      environment: { ...reviewEnvironment(props), ...props.slaTimers.schedulerEnvironment() },
    });
    grantReviewStores(this.handler.role, props);
    props.slaTimers.grantArming(this.handler.role);

    this.api = new HttpApi(this, 'Api', {
      apiName: `patrol-${props.stage}-moderation`,
      description: 'Patrol moderation API',
      // The ID token carries the groups and the tenant attribute the routes read.
      defaultAuthorizer: new HttpUserPoolAuthorizer('Moderators', this.userPool, {
        userPoolClients: [client],
      }),
      createDefaultStage: false,
    });
    const integration = new HttpLambdaIntegration('Routes', this.handler.function);
    for (const [method, path] of MODERATION_ROUTES) {
      this.api.addRoutes({ path, methods: [method], integration });
    }
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });
    const throttle = props.throttle ?? { rateLimit: 50, burstLimit: 100 };
    new CfnStage(this, 'Stage', {
      apiId: this.api.apiId,
      stageName: '$default',
      autoDeploy: true,
      defaultRouteSettings: {
        throttlingRateLimit: throttle.rateLimit,
        throttlingBurstLimit: throttle.burstLimit,
      },
      accessLogSettings: {
        destinationArn: accessLogs.logGroupArn,
        format: JSON.stringify({
          requestId: '$context.requestId',
          routeKey: '$context.routeKey',
          status: '$context.status',
          user: '$context.authorizer.claims.sub',
          latencyMs: '$context.responseLatency',
        }),
      },
    });
    new CfnOutput(this, 'ModerationApiUrl', {
      value: this.api.apiEndpoint,
      description: 'The moderation API',
    });
    new CfnOutput(this, 'ModeratorUserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'ModeratorUserPoolClientId', { value: client.userPoolClientId });
  }
}
