import { describe, expect, it } from 'vitest';
import { COMPREHEND } from '../../../bench/aws-prices.ts';
import {
  comprehendUnitsPerMlItem,
  costPerMillionItems,
  DEFAULT_ASSUMPTIONS,
  SCENARIOS,
} from '../../../bench/cost-model.ts';

const rulesOnly = { name: 'rules only', embeddedModel: false, comprehendShare: 0 };

describe('cost model', () => {
  it('bills each Comprehend request at least 3 units when items are short', () => {
    expect(comprehendUnitsPerMlItem({ ...DEFAULT_ASSUMPTIONS, charactersPerItem: 40 })).toBe(3);
    expect(comprehendUnitsPerMlItem({ ...DEFAULT_ASSUMPTIONS, charactersPerItem: 1_250 })).toBe(13);
  });

  it('prices Comprehend for the share of items that reach it, at the classifier’s own unit price', () => {
    const share = 0.25;
    const cost = costPerMillionItems({ ...rulesOnly, comprehendShare: share });

    expect(cost.comprehend).toBeCloseTo(
      1_000_000 *
        share *
        comprehendUnitsPerMlItem(DEFAULT_ASSUMPTIONS) *
        COMPREHEND.usdPerUnit.DetectToxicContent,
    );
  });

  it('charges the ingest function for the time it waits on Comprehend', () => {
    const without = costPerMillionItems(rulesOnly);
    const withComprehend = costPerMillionItems({ ...rulesOnly, comprehendShare: 0.3 });

    expect(withComprehend.lambda).toBeGreaterThan(without.lambda);
    expect(withComprehend.dynamoDb).toBeGreaterThan(without.dynamoDb);
  });

  it('orders the scenarios from cheapest to dearest, each total the sum of its services', () => {
    const totals = SCENARIOS.map((scenario) => costPerMillionItems(scenario));

    for (const [index, cost] of totals.entries()) {
      const { total, ...parts } = cost;
      expect(total).toBeCloseTo(Object.values(parts).reduce((sum, part) => sum + part, 0));
      if (index > 0) expect(total).toBeGreaterThanOrEqual(totals[index - 1]?.total ?? 0);
    }
  });
});
