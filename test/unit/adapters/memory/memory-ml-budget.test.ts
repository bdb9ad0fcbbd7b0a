import { describe, expect, it } from 'vitest';
import { MemoryMlBudget } from '#adapters/memory/memory-ml-budget';
import { InvalidBudgetRequestError } from '#core/budget/errors';
import { describeMlBudgetContract } from '#test/helpers/contracts/ml-budget-contract';

describeMlBudgetContract('MemoryMlBudget', async (caps, clock) => new MemoryMlBudget(caps, clock));

describe('MemoryMlBudget', () => {
  it('refuses caps that are not whole unit counts, naming the tenant', () => {
    expect(() => new MemoryMlBudget({ dailyUnits: 100, tenants: { 'acme-market': -1 } })).toThrow(
      expect.objectContaining({ name: InvalidBudgetRequestError.name, field: 'tenants.acme-market' }),
    );
  });
});
