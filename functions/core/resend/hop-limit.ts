import { HopLimitError } from './errors.ts';

/** The message attribute that counts how many times Patrol has sent a message on (replays, review sends). */
export const HOPS_ATTRIBUTE = 'patrol-hops';

/** The most times one message may be sent on; enough for two operator replays and a review send. */
export const MAX_HOPS = 3;

/** A message attribute as queues carry it. */
export interface HopAttribute {
  dataType: string;
  stringValue?: string;
}

/** How many times a message with these attributes has been sent on; 0 when it never was (or the count is unreadable). */
export function hopsOf(attributes: Readonly<Record<string, HopAttribute | undefined>>): number {
  const value = attributes[HOPS_ATTRIBUTE]?.stringValue;
  const hops = value === undefined ? 0 : Number(value);
  return Number.isSafeInteger(hops) && hops > 0 ? hops : 0;
}

/** The hops attribute of a message sent on from one that had been sent on `hops` times; HopLimitError at the cap. */
export function nextHopAttribute(hops: number, maxHops: number = MAX_HOPS): Record<string, HopAttribute> {
  return withNextHop(
    hops > 0 ? { [HOPS_ATTRIBUTE]: { dataType: 'Number', stringValue: String(hops) } } : {},
    maxHops,
  );
}

/**
 * The attributes to send a message on with: its own, with the hop count one higher. Throws
 * HopLimitError when it has already been sent on `maxHops` times.
 */
export function withNextHop<A extends HopAttribute>(
  attributes: Readonly<Record<string, A>>,
  maxHops: number = MAX_HOPS,
): Record<string, A | HopAttribute> {
  const hops = hopsOf(attributes);
  if (hops >= maxHops) throw new HopLimitError(hops, maxHops);
  return { ...attributes, [HOPS_ATTRIBUTE]: { dataType: 'Number', stringValue: String(hops + 1) } };
}
