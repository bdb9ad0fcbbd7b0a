import type { VerdictStore } from '#ports/verdict-store';
import { type ItemKey, itemKeyOf } from './load-mix.ts';

/** What the store holds for one item's version: its automatic verdicts, and when the first was decided. */
export interface ItemVerdicts {
  count: number;
  decidedAtMs: number | undefined;
}

/**
 * Reads every item's verdicts from the verdict store, as an operator would, and counts the automatic
 * verdicts of the sent version; an item decided twice shows 2. A few reads run at once.
 */
export async function censusVerdicts(
  verdicts: Pick<VerdictStore, 'get'>,
  items: Iterable<ItemKey>,
  onCounted?: (counted: number) => void,
): Promise<Map<string, ItemVerdicts>> {
  const queue = [...items];
  const found = new Map<string, ItemVerdicts>();
  const reader = async () => {
    for (let item = queue.pop(); item !== undefined; item = queue.pop()) {
      const stored = await verdicts.get(item.tenant, item.contentId);
      const decided = (stored?.history ?? []).filter(
        (verdict) => verdict.version === item.version && verdict.decidedBy.type === 'auto',
      );
      const decidedAtMs =
        decided.length === 0
          ? undefined
          : Math.min(...decided.map((verdict) => Date.parse(verdict.decidedAt)));
      found.set(itemKeyOf(item), { count: decided.length, decidedAtMs });
      onCounted?.(found.size);
    }
  };
  await Promise.all(Array.from({ length: 16 }, reader));
  return found;
}
