import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { SystemClock } from '#adapters/system/system-clock';
import {
  budgetDay,
  budgetExpiresAt,
  dailyCapFor,
  validateCaps,
  validateReservation,
} from '#core/budget/daily-budget';
import type { Clock } from '#ports/clock';
import type { MlBudget, MlBudgetCaps, MlBudgetReservation } from '#ports/ml-budget';
import { MalformedItemError } from './errors.ts';

/** Days a counter is kept after its day ends, long enough to look back over a week's spending. */
const KEEP_DAYS = 7;

/** The partition key of a tenant's counter for a UTC day. */
export function budgetKey(tenant: string, day: string): string {
  return `${tenant}#${day}`;
}

/**
 * ML budgets in DynamoDB: one counter per tenant and UTC day, raised by a conditional `ADD` that DynamoDB
 * refuses when the units would pass the cap, so concurrent Lambdas never overspend and a refusal counts nothing.
 */
export class DynamoDbMlBudget implements MlBudget {
  readonly #documents: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #caps: MlBudgetCaps;
  readonly #clock: Clock;

  constructor(
    documents: DynamoDBDocumentClient,
    tableName: string,
    caps: MlBudgetCaps,
    clock: Clock = new SystemClock(),
  ) {
    this.#documents = documents;
    this.#tableName = tableName;
    this.#caps = validateCaps(caps);
    this.#clock = clock;
  }

  async reserve(tenant: string, units: number): Promise<MlBudgetReservation> {
    validateReservation(tenant, units);
    const day = budgetDay(this.#clock.now());
    const capUnits = dailyCapFor(this.#caps, tenant);
    const refused = { granted: false, tenant, day, units, capUnits };
    // A first reservation finds no counter, so the condition alone would let it pass any cap.
    if (units > capUnits) return refused;
    try {
      const { Attributes } = await this.#documents.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: { pk: budgetKey(tenant, day) },
          UpdateExpression:
            'ADD usedUnits :units SET tenant = :tenant, budgetDay = :day, expiresAt = :expiresAt',
          ConditionExpression: 'attribute_not_exists(usedUnits) OR usedUnits <= :headroom',
          ExpressionAttributeValues: {
            ':units': units,
            ':headroom': capUnits - units,
            ':tenant': tenant,
            ':day': day,
            ':expiresAt': budgetExpiresAt(day, KEEP_DAYS),
          },
          ReturnValues: 'UPDATED_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { granted: true, tenant, day, units, capUnits, usedUnits: usedUnitsOf(Attributes, tenant, day) };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // Emulators may not return the refused item; the usage is then left out rather than guessed.
      const usedUnits = error.Item?.usedUnits?.N;
      return usedUnits === undefined ? refused : { ...refused, usedUnits: Number(usedUnits) };
    }
  }

  async usedUnits(tenant: string, day: string): Promise<number> {
    const { Item } = await this.#documents.send(
      new GetCommand({
        TableName: this.#tableName,
        Key: { pk: budgetKey(tenant, day) },
        ConsistentRead: true,
      }),
    );
    return Item === undefined ? 0 : usedUnitsOf(Item, tenant, day);
  }
}

function usedUnitsOf(item: Record<string, unknown> | undefined, tenant: string, day: string): number {
  const usedUnits = item?.usedUnits;
  if (typeof usedUnits !== 'number') {
    throw new MalformedItemError(budgetKey(tenant, day), 'has no numeric usedUnits');
  }
  return usedUnits;
}
