import {
  ActionAfterCompletion,
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  FlexibleTimeWindowMode,
  ResourceNotFoundException,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { type SlaTimer, timerName } from '#core/review/sla-timers';
import type { Clock } from '#ports/clock';
import type { TimerService } from '#ports/timer-service';

export interface SchedulerTimerSettings {
  /** The schedule group every SLA timer lives in. */
  groupName: string;
  /** The SLA function the schedules invoke. */
  targetArn: string;
  /** The role Scheduler assumes to invoke it. */
  roleArn: string;
  clock: Clock;
}

/** Scheduler's `at()` resolution is a minute; a time already past is set a minute ahead instead. */
const SOONEST_MS = 60_000;
const PARALLEL_REQUESTS = 10;

/** The payload a schedule hands the SLA function. */
export interface SlaTimerPayload {
  tenant: string;
  caseId: string;
  kind: SlaTimer['kind'];
  generation: number;
}

/**
 * SLA timers as EventBridge Scheduler one-time schedules: named after the timer so arming twice makes
 * one (a ConflictException is success), no flexible window, deleted by Scheduler after they run, and
 * deleted by Patrol when the case closes (a schedule already gone is success).
 */
export class EventBridgeSchedulerTimerService implements TimerService {
  readonly #client: SchedulerClient;
  readonly #settings: SchedulerTimerSettings;

  constructor(client: SchedulerClient, settings: SchedulerTimerSettings) {
    this.#client = client;
    this.#settings = settings;
  }

  async arm(timers: readonly SlaTimer[]): Promise<void> {
    await inBatches(timers, async (timer) => {
      try {
        await this.#client.send(
          new CreateScheduleCommand({
            Name: timerName(timer),
            GroupName: this.#settings.groupName,
            ScheduleExpression: `at(${this.#fireTime(timer)})`,
            ScheduleExpressionTimezone: 'UTC',
            FlexibleTimeWindow: { Mode: FlexibleTimeWindowMode.OFF },
            ActionAfterCompletion: ActionAfterCompletion.DELETE,
            Target: {
              Arn: this.#settings.targetArn,
              RoleArn: this.#settings.roleArn,
              Input: JSON.stringify(payloadOf(timer)),
            },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConflictException)) throw error;
      }
    });
  }

  async cancel(timers: readonly SlaTimer[]): Promise<void> {
    await inBatches(timers, async (timer) => {
      try {
        await this.#client.send(
          new DeleteScheduleCommand({ Name: timerName(timer), GroupName: this.#settings.groupName }),
        );
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }
    });
  }

  /** `yyyy-mm-ddThh:mm:ss` in UTC, at least a minute from now. */
  #fireTime(timer: SlaTimer): string {
    const soonest = this.#settings.clock.now().getTime() + SOONEST_MS;
    return new Date(Math.max(Date.parse(timer.fireAt), soonest)).toISOString().slice(0, 19);
  }
}

function payloadOf(timer: SlaTimer): SlaTimerPayload {
  return { tenant: timer.tenant, caseId: timer.caseId, kind: timer.kind, generation: timer.generation };
}

async function inBatches<T>(items: readonly T[], run: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += PARALLEL_REQUESTS) {
    await Promise.all(items.slice(start, start + PARALLEL_REQUESTS).map(run));
  }
}
