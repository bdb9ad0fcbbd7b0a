import { type CfnElement, Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';

type Statement = { Action: string | string[]; Resource: unknown; Condition?: unknown };

/** The logical id of a construct (its default child for L2 constructs) in its stack's template. */
export function logicalIdOf(construct: IConstruct): string {
  const element = construct.node.defaultChild ?? construct;
  return Stack.of(construct).getLogicalId(element as CfnElement);
}

/**
 * Each statement of a role's policies as `<actions> on <what>`, naming a resource by the first label whose
 * construct's logical id (or literal ARN) it mentions, `*` for a wildcard, so a test states a whole grant
 * as a readable list.
 */
export function grantsOf(
  template: Template,
  role: IConstruct,
  named: readonly [label: string, target: IConstruct | string][],
): string[] {
  const roleId = logicalIdOf(role);
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as {
    Properties: { Roles: unknown; PolicyDocument: { Statement: Statement[] } };
  }[];
  return policies
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
    .map((statement) => {
      const actions = [statement.Action].flat().sort().join(',');
      const resource = JSON.stringify(statement.Resource);
      const target =
        statement.Resource === '*'
          ? '*'
          : (named.find(([, construct]) =>
              resource.includes(typeof construct === 'string' ? construct : logicalIdOf(construct)),
            )?.[0] ?? `unknown ${resource}`);
      return `${actions} on ${target}${statement.Condition === undefined ? '' : ' (conditional)'}`;
    })
    .sort();
}
