import {
  ComprehendClient,
  DetectToxicContentCommand,
  type DetectToxicContentRequest,
} from '@aws-sdk/client-comprehend';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ComprehendClassifier } from '#adapters/comprehend/comprehend-classifier';
import { MlBudgetExceededError } from '#adapters/comprehend/errors';
import { DynamoDbMlBudget } from '#adapters/dynamodb/dynamodb-ml-budget';
import { localTableName, MlBudgetTable } from '#adapters/dynamodb/table-definitions';
import { MemoryMlMetrics } from '#adapters/memory/memory-ml-metrics';
import { budgetDay } from '#core/budget/daily-budget';
import { type DynamoDbLocal, startDynamoDbLocal } from '#local/dynamodb-local';
import { FakeTime } from '#test/helpers/fake-time';

const comprehend = mockClient(ComprehendClient);
const running: DynamoDbLocal[] = [];

afterEach(async () => {
  comprehend.reset();
  await Promise.all(running.splice(0).map((dynamodb) => dynamodb.stop()));
});

describe('ComprehendClassifier with the DynamoDB budget', () => {
  it('calls Comprehend for exactly as many items as the daily cap pays for when items arrive together', async () => {
    comprehend.on(DetectToxicContentCommand).callsFake(async (input: DetectToxicContentRequest) => ({
      ResultList: (input.TextSegments ?? []).map(() => ({ Labels: [], Toxicity: 0.02 })),
    }));
    const dynamodb = await startDynamoDbLocal({ tables: [MlBudgetTable] });
    running.push(dynamodb);
    const time = new FakeTime('2026-11-20T09:00:00.000Z');
    const unitsPerItem = 3;
    const affordableItems = 10;
    const budget = new DynamoDbMlBudget(
      dynamodb.documentClient,
      localTableName(MlBudgetTable),
      { dailyUnits: unitsPerItem * affordableItems },
      time,
    );
    const metrics = new MemoryMlMetrics();
    const classifier = new ComprehendClassifier({
      client: new ComprehendClient({ region: 'ap-northeast-1' }),
      budget,
      metrics,
      clock: time,
      delays: time,
    });

    const outcomes = await Promise.allSettled(
      Array.from({ length: 25 }, (_, index) =>
        classifier.classify({
          tenant: 'acme-market',
          locale: 'en',
          segments: [`Bike for sale, item ${index}`],
        }),
      ),
    );

    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(outcomes.length - refused.length).toBe(affordableItems);
    for (const outcome of refused) expect(outcome.reason).toBeInstanceOf(MlBudgetExceededError);
    expect(comprehend.commandCalls(DetectToxicContentCommand)).toHaveLength(affordableItems);
    expect(await budget.usedUnits('acme-market', budgetDay(time.now()))).toBe(unitsPerItem * affordableItems);
    expect(metrics.unavailableCount('budget_exceeded')).toBe(refused.length);
  });
});
