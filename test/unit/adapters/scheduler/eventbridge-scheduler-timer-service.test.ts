import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { EventBridgeSchedulerTimerService } from '#adapters/scheduler/eventbridge-scheduler-timer-service';
import type { SlaTimer } from '#core/review/sla-timers';
import { FakeTime } from '#test/helpers/fake-time';

const scheduler = mockClient(SchedulerClient);
const settings = {
  groupName: 'patrol-dev-sla',
  targetArn: 'arn:aws:lambda:ap-northeast-1:123456789012:function:patrol-dev-sla',
  roleArn: 'arn:aws:iam::123456789012:role/patrol-dev-scheduler',
};
const breach: SlaTimer = {
  tenant: 'acme-market',
  caseId: 'c0123456789abcdef0123456789abcde',
  kind: 'breach',
  fireAt: '2026-11-20T02:00:00.000Z',
  generation: 1,
};

function service(time = new FakeTime('2026-11-20T01:00:00.000Z')): EventBridgeSchedulerTimerService {
  return new EventBridgeSchedulerTimerService(new SchedulerClient({ region: 'ap-northeast-1' }), {
    ...settings,
    clock: time,
  });
}

describe('EventBridgeSchedulerTimerService', () => {
  afterEach(() => scheduler.reset());

  it('arms a one-time schedule named after the timer that deletes itself and runs on time', async () => {
    scheduler.on(CreateScheduleCommand).resolves({});

    await service().arm([breach]);

    const [call] = scheduler.commandCalls(CreateScheduleCommand);
    expect(call?.args[0].input).toEqual({
      Name: `${breach.caseId}-breach-1`,
      GroupName: settings.groupName,
      ScheduleExpression: 'at(2026-11-20T02:00:00)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: settings.targetArn,
        RoleArn: settings.roleArn,
        Input: JSON.stringify({
          tenant: 'acme-market',
          caseId: breach.caseId,
          kind: 'breach',
          generation: 1,
        }),
      },
    });
    expect((call?.args[0].input.Name ?? '').length).toBeLessThanOrEqual(64);
  });

  it('treats a schedule that already exists as armed, so arming twice makes one timer', async () => {
    scheduler.on(CreateScheduleCommand).rejects(
      new ConflictException({
        message: 'Schedule already exists.',
        Message: 'Schedule already exists.',
        $metadata: {},
      }),
    );

    await expect(service().arm([breach])).resolves.toBeUndefined();
  });

  it('sets a timer already due a minute ahead, since Scheduler cannot run one in the past', async () => {
    scheduler.on(CreateScheduleCommand).resolves({});

    await service(new FakeTime('2026-11-20T03:00:30.000Z')).arm([breach]);

    expect(scheduler.commandCalls(CreateScheduleCommand)[0]?.args[0].input.ScheduleExpression).toBe(
      'at(2026-11-20T03:01:30)',
    );
  });

  it('deletes the schedules of a closed case, and takes one already gone as deleted', async () => {
    scheduler
      .on(DeleteScheduleCommand, { Name: `${breach.caseId}-warning-1` })
      .rejects(
        new ResourceNotFoundException({
          message: 'Schedule not found.',
          Message: 'Schedule not found.',
          $metadata: {},
        }),
      )
      .on(DeleteScheduleCommand, { Name: `${breach.caseId}-breach-1` })
      .resolves({});

    await service().cancel([{ ...breach, kind: 'warning' }, breach]);

    expect(scheduler.commandCalls(DeleteScheduleCommand).map((call) => call.args[0].input)).toEqual([
      { Name: `${breach.caseId}-warning-1`, GroupName: settings.groupName },
      { Name: `${breach.caseId}-breach-1`, GroupName: settings.groupName },
    ]);
  });

  it('passes on any other refusal, so the caller retries', async () => {
    scheduler.on(CreateScheduleCommand).rejects(new Error('ThrottlingException'));

    await expect(service().arm([breach])).rejects.toThrow('ThrottlingException');
  });
});
