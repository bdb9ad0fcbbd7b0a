import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDbCaseStore } from '#adapters/dynamodb/dynamodb-case-store';
import { InProcessTimerService } from '#adapters/memory/in-process-timer-service';
import { fireSlaTimer, sweepSlaTimers } from '#core/review/fire-sla-timer';
import { pendingTimers } from '#core/review/sla-timers';
import { type DynamoDbLocal, startDynamoDbLocal } from '#local/dynamodb-local';
import { FakeTime } from '#test/helpers/fake-time';
import { aPolicySource, caseStoreOn, openCaseIn, RecordingNotifier } from '#test/helpers/review-store';

describe('SLA timers over in-process timers and the case store', () => {
  let dynamo: DynamoDbLocal;
  let cases: DynamoDbCaseStore;
  let sequence = 0;

  beforeAll(async () => {
    dynamo = await startDynamoDbLocal();
    cases = caseStoreOn(dynamo);
  });

  afterAll(async () => {
    await dynamo.stop();
  });

  /** A timer service firing into the SLA use case, on a clock the test moves. */
  function timersAt(time: FakeTime, notifier: RecordingNotifier): InProcessTimerService {
    const dependencies = { cases, policies: aPolicySource(), notifier, clock: time };
    return new InProcessTimerService({
      clock: time,
      onFire: async (timer) => {
        await fireSlaTimer(timer, dependencies);
      },
    });
  }

  async function openedCase(time: FakeTime) {
    sequence += 1;
    // payments is 24/7: P2 is due an hour after opening, with the warning at 45 minutes.
    return openCaseIn(cases, {
      caseId: `c-timers-${sequence}`,
      queue: 'payments',
      priority: 'P2',
      createdAt: time.now().toISOString(),
      warningAt: new Date(time.now().getTime() + 45 * 60_000).toISOString(),
      dueAt: new Date(time.now().getTime() + 60 * 60_000).toISOString(),
    });
  }

  async function eventTypes(caseId: string): Promise<string[]> {
    return (await cases.audit('acme-market', caseId)).flatMap((entry) =>
      entry.kind === 'event' ? [entry.event.type] : [],
    );
  }

  it('warns once and breaches exactly once, however often the timers and the sweep fire', async () => {
    const time = new FakeTime('2026-11-20T01:00:00.000Z');
    const notifier = new RecordingNotifier();
    const timers = timersAt(time, notifier);
    const opened = await openedCase(time);
    await timers.arm(pendingTimers(opened));
    await timers.arm(pendingTimers(opened));

    time.advance(44 * 60_000);
    await timers.fireDue();
    expect(notifier.notifications).toEqual([]);
    time.advance(60_000);
    await timers.fireDue();
    time.advance(15 * 60_000);
    await timers.fireDue();
    await Promise.all([
      fireSlaTimer(
        { ...opened, kind: 'breach', generation: 1 },
        { cases, policies: aPolicySource(), notifier, clock: time },
      ),
      sweepSlaTimers({ cases, policies: aPolicySource(), notifier, clock: time }),
      timers.fireDue(),
    ]);

    expect(notifier.notifications.map((notification) => [notification.type, notification.escalated])).toEqual(
      [
        ['sla.warning', false],
        ['sla.breached', true],
      ],
    );
    expect(await eventTypes(opened.caseId)).toEqual(['case.opened', 'case.warned', 'case.breached']);
    expect(await cases.get('acme-market', opened.caseId)).toMatchObject({
      priority: 'P1',
      queue: 'escalations',
      status: 'escalated',
    });
  });

  it('fires nothing for a case decided before its timers', async () => {
    const time = new FakeTime('2026-11-20T01:00:00.000Z');
    const notifier = new RecordingNotifier();
    const timers = timersAt(time, notifier);
    const opened = await openedCase(time);
    await timers.arm(pendingTimers(opened));
    await cases.append(opened, {
      tenant: opened.tenant,
      caseId: opened.caseId,
      type: 'case.decided',
      at: time.now().toISOString(),
      actor: { type: 'moderator', moderatorId: 'mod-sam' },
      outcome: {
        action: 'approve',
        moderatorId: 'mod-sam',
        reasonCode: 'ok',
        decidedAt: time.now().toISOString(),
      },
    });

    time.advance(2 * 60 * 60_000);
    await timers.fireDue();
    await sweepSlaTimers({ cases, policies: aPolicySource(), notifier, clock: time });

    expect(notifier.notifications).toEqual([]);
    expect(await eventTypes(opened.caseId)).toEqual(['case.opened', 'case.decided']);
  });

  it('fires pending timers after a restart, once re-armed from the open cases', async () => {
    const time = new FakeTime('2026-11-20T01:00:00.000Z');
    const notifier = new RecordingNotifier();
    const opened = await openedCase(time);
    const beforeRestart = timersAt(time, notifier);
    await beforeRestart.arm(pendingTimers(opened));
    await beforeRestart.stop();

    const afterRestart = timersAt(time, notifier);
    for await (const reviewCase of cases.withPendingTimers())
      await afterRestart.arm(pendingTimers(reviewCase));
    time.advance(61 * 60_000);
    await afterRestart.fireDue();

    expect(await eventTypes(opened.caseId)).toEqual(['case.opened', 'case.warned', 'case.breached']);
    expect(
      notifier.notifications.filter((notification) => notification.caseId === opened.caseId),
    ).toHaveLength(2);
  });

  it('retries a firing that failed, as Scheduler retries its target', async () => {
    const time = new FakeTime('2026-11-20T01:00:00.000Z');
    const fired: string[] = [];
    let failures = 1;
    const timers = new InProcessTimerService({
      clock: time,
      retryMs: 30_000,
      onFire: async (timer) => {
        if (failures-- > 0) throw new Error('store unavailable');
        fired.push(timer.kind);
      },
    });
    await timers.arm([
      {
        tenant: 'acme-market',
        caseId: 'c-retry',
        kind: 'breach',
        fireAt: time.now().toISOString(),
        generation: 1,
      },
    ]);

    await timers.fireDue();
    expect(fired).toEqual([]);
    time.advance(30_000);
    await timers.fireDue();

    expect(fired).toEqual(['breach']);
    expect(timers.size).toBe(0);
  });
});
