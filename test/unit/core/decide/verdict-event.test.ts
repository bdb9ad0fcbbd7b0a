import { describe, expect, it } from 'vitest';
import { toVerdictEvent } from '#core/decide/verdict-event';
import { VerdictEventSchema } from '#schemas/event';
import { aVerdict } from '#test/helpers/verdicts';

describe('toVerdictEvent', () => {
  it('builds an event that platforms can validate against the published schema', () => {
    const verdict = aVerdict();

    const event = VerdictEventSchema.parse(toVerdictEvent(verdict));

    expect(event).toMatchObject({ type: 'verdict.decided', occurredAt: verdict.decidedAt, verdict });
  });

  it('keeps the event id when the same verdict is published again after a redelivery', () => {
    const first = toVerdictEvent(aVerdict({ decidedAt: '2026-11-20T09:15:00.000Z' }));
    const again = toVerdictEvent(aVerdict({ decidedAt: '2026-11-20T09:15:30.000Z' }));

    expect(again.eventId).toBe(first.eventId);
    expect(first.eventId).toBe('acme-market:listing-8431:1:auto');
  });

  it('gives distinct event ids when a moderator decides a version after the pipeline did', () => {
    const automatic = toVerdictEvent(aVerdict());
    const moderator = toVerdictEvent(aVerdict({ decidedBy: { type: 'moderator', moderatorId: 'mod-yui' } }));
    const nextVersion = toVerdictEvent(aVerdict({ version: 2 }));

    expect(moderator.eventId).toBe('acme-market:listing-8431:1:mod-yui');
    expect(new Set([automatic.eventId, moderator.eventId, nextVersion.eventId]).size).toBe(3);
  });
});
