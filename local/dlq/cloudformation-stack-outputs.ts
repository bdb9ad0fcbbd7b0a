import { type CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DlqTargetError } from './errors.ts';

/** A deployed stack's outputs by name, read with the caller's credentials. */
export async function readStackOutputs(
  client: CloudFormationClient,
  stackName: string,
): Promise<Record<string, string>> {
  let outputs: { OutputKey?: string; OutputValue?: string }[];
  try {
    const { Stacks = [] } = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    outputs = Stacks[0]?.Outputs ?? [];
  } catch (error) {
    const region = await client.config.region().catch(() => 'the default region');
    throw new DlqTargetError(
      `could not read the outputs of stack ${stackName} in ${region}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return Object.fromEntries(
    outputs.flatMap(({ OutputKey, OutputValue }) =>
      OutputKey === undefined || OutputValue === undefined ? [] : [[OutputKey, OutputValue]],
    ),
  );
}
