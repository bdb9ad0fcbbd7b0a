import { PRICE_SOURCES, PRICES_RECORDED_ON, PRICES_REGION } from './aws-prices.ts';
import {
  type CostPerMillion,
  comprehendUnitsPerMlItem,
  costPerMillionItems,
  DEFAULT_ASSUMPTIONS,
  fixedPerStagePerMonth,
  SCENARIOS,
  storagePerMillionItemsPerMonth,
} from './cost-model.ts';

/**
 * Fixed CloudWatch usage of a stage: alarm metrics (each metric of a metric-math alarm counts) and the
 * custom metrics the functions publish, without and with Comprehend's per-API and per-tenant series
 * for four tenants.
 */
const STAGE_WITHOUT_COMPREHEND = { alarmMetrics: 16, customMetrics: 10 };
const STAGE_WITH_COMPREHEND = { alarmMetrics: 17, customMetrics: 50 };

const COLUMNS: readonly [keyof CostPerMillion, string][] = [
  ['lambda', 'Lambda'],
  ['sqs', 'SQS'],
  ['dynamoDb', 'DynamoDB'],
  ['eventBridge', 'EventBridge'],
  ['cloudWatchLogs', 'Logs'],
  ['xRay', 'X-Ray'],
  ['comprehend', 'Comprehend'],
  ['total', 'total'],
];

/** `npm run cost`: prints US dollars per million items for each scenario, with what the model assumes. */
function main(): void {
  const rows = SCENARIOS.map((scenario) => [
    scenario.name,
    ...COLUMNS.map(([key]) => usd(costPerMillionItems(scenario)[key])),
  ]);
  console.log(
    `Patrol: USD per million items (${PRICES_REGION} list prices recorded ${PRICES_RECORDED_ON})\n`,
  );
  printTable([['scenario', ...COLUMNS.map(([, label]) => label)], ...rows]);
  console.log(
    `\nkept a month: ${usd(storagePerMillionItemsPerMonth())} per million items stored (verdicts with backups, archive, logs)`,
  );
  console.log(
    `fixed per stage and month: ${usd(fixedPerStagePerMonth(STAGE_WITHOUT_COMPREHEND))} ` +
      `(${usd(fixedPerStagePerMonth(STAGE_WITH_COMPREHEND))} with Comprehend): key, secret, dashboard, alarms, metrics`,
  );
  console.log('\nassumptions (bench/cost-model.ts):');
  for (const [name, value] of Object.entries(DEFAULT_ASSUMPTIONS)) console.log(`  ${name}: ${value}`);
  console.log(
    `  comprehendUnitsPerMlItem: ${comprehendUnitsPerMlItem(DEFAULT_ASSUMPTIONS)} (3 at least per request)`,
  );
  console.log(`\nprices (bench/aws-prices.ts): ${PRICE_SOURCES.join(' ')}`);
}

function usd(value: number): string {
  return value >= 10 ? value.toFixed(0) : value >= 1 ? value.toFixed(2) : value.toFixed(3);
}

function printTable(rows: string[][]): void {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  for (const [index, row] of rows.entries()) {
    console.log(
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join('  '),
    );
    if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  }
}

main();
