import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { CloudFormationCustomResourceEvent, CloudFormationCustomResourceResponse } from 'aws-lambda';
import * as z from 'zod';
import { sendCustomResourceResponse } from '#adapters/cloudformation/custom-resource-response';
import type { SignalKeyProvisioner } from '#ports/signal-key-provisioner';
import { SignalKeyProvisioningSchema } from '#schemas/signal-key-provisioning';
import * as observability from '#shared/observability';
import { createSignalKeyProvisioningDependencies } from '#shared/signal-key-provisioning-dependencies';

export interface ProvisionSignalKeysDependencies {
  /** Built per request, so a misconfigured function still answers CloudFormation instead of leaving it waiting. */
  provisioner: () => SignalKeyProvisioner;
  respond: (responseUrl: string, response: CloudFormationCustomResourceResponse) => Promise<void>;
  observability?: observability.Observability;
}

/**
 * The signal-keys custom resource over its provisioner: on create and update every configured tenant
 * gets a key; on delete nothing is removed, since stored hashes need their keys. Always answers CloudFormation.
 */
export function createProvisionSignalKeysHandler(dependencies: ProvisionSignalKeysDependencies) {
  const { logger } = dependencies.observability ?? observability;
  const provision = async (event: CloudFormationCustomResourceEvent): Promise<string | undefined> => {
    if (event.RequestType === 'Delete') return undefined;
    const parsed = SignalKeyProvisioningSchema.safeParse(event.ResourceProperties);
    if (!parsed.success) return `invalid properties: ${z.prettifyError(parsed.error)}`;
    try {
      const created = await dependencies.provisioner().ensureKeys(parsed.data.Tenants);
      logger.info('signal keys provisioned', { requestType: event.RequestType, created });
      return undefined;
    } catch (error) {
      logger.error('signal keys not provisioned', { requestType: event.RequestType, error });
      return error instanceof Error ? error.message : String(error);
    }
  };
  return async (event: CloudFormationCustomResourceEvent): Promise<void> => {
    const failure = await provision(event);
    await dependencies.respond(event.ResponseURL, {
      PhysicalResourceId:
        event.RequestType === 'Create' ? `${event.LogicalResourceId}-signal-keys` : event.PhysicalResourceId,
      StackId: event.StackId,
      RequestId: event.RequestId,
      LogicalResourceId: event.LogicalResourceId,
      ...(failure === undefined ? { Status: 'SUCCESS' } : { Status: 'FAILED', Reason: failure }),
    });
  };
}

let provisionSignalKeys: ReturnType<typeof createProvisionSignalKeysHandler> | undefined;

/** The Lambda entry point CloudFormation invokes as the custom resource's service token. */
export const handler = middy<CloudFormationCustomResourceEvent, void>()
  .use(injectLambdaContext(observability.logger, { resetKeys: true }))
  .handler((event) => {
    provisionSignalKeys ??= createProvisionSignalKeysHandler({
      provisioner: () => createSignalKeyProvisioningDependencies().provisioner,
      respond: sendCustomResourceResponse,
    });
    return provisionSignalKeys(event);
  });
