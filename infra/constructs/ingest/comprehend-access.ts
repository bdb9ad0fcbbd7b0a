import { Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { comprehendVariables } from '#shared/comprehend-environment';
import type { ComprehendStage } from '../../config.ts';
import type { PatrolFunction } from '../shared/patrol-function.ts';

/** What the budget adapter does: an atomic conditional add per reservation, a read of the day's count. */
const BUDGET_ACTIONS = ['dynamodb:UpdateItem', 'dynamodb:GetItem'];

/**
 * Lets a function call Comprehend as the stage configures it: the detection APIs it uses (which take no
 * resource), ClassifyDocument on the custom endpoint alone, and its tenants' daily budget table; and
 * tells it the settings, caps and table through its environment.
 */
export function allowComprehend(
  handler: PatrolFunction,
  comprehend: Extract<ComprehendStage, { enabled: true }>,
  budgetTable: ITable,
): void {
  const { role } = handler;
  const detections = ['comprehend:DetectDominantLanguage', 'comprehend:DetectToxicContent'];
  if (comprehend.detectPii) detections.push('comprehend:DetectPiiEntities');
  role.addToPrincipalPolicy(new PolicyStatement({ actions: detections, resources: ['*'] }));
  if (comprehend.customClassifier !== undefined) {
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['comprehend:ClassifyDocument'],
        resources: [comprehend.customClassifier.endpointArn],
      }),
    );
  }
  budgetTable.grant(role, ...BUDGET_ACTIONS);
  const variables = comprehendVariables(
    {
      detectPii: comprehend.detectPii,
      ...(comprehend.customClassifier === undefined ? {} : { customClassifier: comprehend.customClassifier }),
    },
    {
      dailyUnits: comprehend.dailyUnits,
      ...(comprehend.tenantDailyUnits === undefined ? {} : { tenants: comprehend.tenantDailyUnits }),
    },
    budgetTable.tableName,
  );
  for (const [name, value] of Object.entries(variables)) handler.function.addEnvironment(name, value);
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'Besides X-Ray, Comprehend DetectDominantLanguage, DetectToxicContent and DetectPiiEntities support no ' +
      'resource-level permissions; ClassifyDocument is limited to the configured endpoint, and the budget to ' +
      'its table. The infra tests list every statement of each role.',
  });
}
