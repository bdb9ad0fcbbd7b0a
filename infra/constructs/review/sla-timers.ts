import { Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { type IRole, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import { SLA_SCHEDULE_GROUP, SLA_SCHEDULER_ROLE_ARN, SLA_TARGET_ARN } from '#shared/review-dependencies';
import { PatrolFunction } from '../shared/patrol-function.ts';
import { grantReviewStores, type ReviewStores, reviewEnvironment } from './review-access.ts';

/** How often the sweep looks for timers a lost schedule missed. */
const SWEEP_EVERY = Duration.minutes(5);

export interface SlaTimersProps extends ReviewStores {
  stage: string;
  logRetention: RetentionDays;
  logRemovalPolicy: RemovalPolicy;
}

/**
 * SLA timers on AWS: the schedule group the one-time schedules live in, the SLA function they invoke
 * (which also runs the sweep every five minutes), and the role Scheduler assumes, allowed to invoke
 * that function only.
 */
export class SlaTimers extends Construct {
  readonly handler: PatrolFunction;
  readonly scheduleGroup: CfnScheduleGroup;
  readonly schedulerRole: Role;

  constructor(scope: Construct, id: string, props: SlaTimersProps) {
    super(scope, id);
    this.scheduleGroup = new CfnScheduleGroup(this, 'ScheduleGroup', { name: `patrol-${props.stage}-sla` });
    this.handler = new PatrolFunction(this, 'Handler', {
      handler: 'scheduler-fire-sla-timer',
      description: 'Patrol SLA timers: records warnings and breaches and escalates breached cases',
      serviceName: 'patrol-sla-timers',
      stage: props.stage,
      timeout: Duration.seconds(60),
      memorySize: 256,
      logRetention: props.logRetention,
      logRemovalPolicy: props.logRemovalPolicy,
      withPolicies: true,
      environment: reviewEnvironment(props),
    });
    grantReviewStores(this.handler.role, props);
    this.schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: `Patrol SLA timers: lets Scheduler invoke the SLA function (${props.stage})`,
    });
    // The function itself, not its versions: Scheduler invokes $LATEST.
    this.schedulerRole.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [this.handler.function.functionArn],
      }),
    );
    new Rule(this, 'Sweep', {
      description: 'Fires SLA timers that a lost schedule missed',
      schedule: Schedule.rate(SWEEP_EVERY),
      targets: [
        new LambdaFunction(this.handler.function, { event: RuleTargetInput.fromObject({ sweep: true }) }),
      ],
    });
  }

  /** The environment through which a function arms timers. */
  schedulerEnvironment(): Record<string, string> {
    return {
      [SLA_SCHEDULE_GROUP]: this.scheduleGroup.name as string,
      [SLA_TARGET_ARN]: this.handler.function.functionArn,
      [SLA_SCHEDULER_ROLE_ARN]: this.schedulerRole.roleArn,
    };
  }

  /** Lets a function create and delete schedules in the group, passing the Scheduler role. */
  grantArming(role: IRole): void {
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'],
        resources: [
          Stack.of(this).formatArn({
            service: 'scheduler',
            resource: 'schedule',
            resourceName: `${this.scheduleGroup.name}/*`,
          }),
        ],
      }),
    );
    role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['iam:PassRole'], resources: [this.schedulerRole.roleArn] }),
    );
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/${this.scheduleGroup.name}/*]`,
      reason:
        'Schedules are created per case timer under names known only at run time, so the grant covers the ' +
        "stage's own SLA schedule group and nothing else.",
    });
  }
}
