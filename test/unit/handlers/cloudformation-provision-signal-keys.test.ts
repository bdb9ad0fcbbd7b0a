import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendCustomResourceResponse } from '#adapters/cloudformation/custom-resource-response';
import { createProvisionSignalKeysHandler } from '#handlers/cloudformation-provision-signal-keys';
import type { SignalKeyProvisioner } from '#ports/signal-key-provisioner';
import { ConfigurationError } from '#shared/errors';
import { startWebhookReceiver, type WebhookReceiver } from '#test/helpers/webhook-receiver';

const STACK_ID = 'arn:aws:cloudformation:ap-northeast-1:123456789012:stack/patrol-dev-stateless/5b2c3f40';

/** A provisioner that remembers which tenants it was asked for and which already had keys. */
class RecordingProvisioner implements SignalKeyProvisioner {
  readonly keyed = new Set<string>(['acme-market']);
  readonly requests: string[][] = [];

  async ensureKeys(tenants: readonly string[]): Promise<string[]> {
    this.requests.push([...tenants]);
    const created = tenants.filter((tenant) => !this.keyed.has(tenant));
    for (const tenant of created) this.keyed.add(tenant);
    return created;
  }
}

let cloudFormation: WebhookReceiver;

beforeEach(async () => {
  cloudFormation = await startWebhookReceiver();
});

afterEach(async () => {
  await cloudFormation.close();
});

function anEvent(requestType: 'Create' | 'Update' | 'Delete', properties: Record<string, unknown>) {
  const common = {
    ServiceToken: 'arn:aws:lambda:ap-northeast-1:123456789012:function:provision-signal-keys',
    ResponseURL: cloudFormation.url,
    StackId: STACK_ID,
    RequestId: `request-${requestType}`,
    LogicalResourceId: 'SignalKeyProvisioning',
    ResourceType: 'Custom::PatrolSignalKeys',
    ResourceProperties: { ServiceToken: 'arn:aws:lambda:...', ...properties },
  };
  if (requestType === 'Create')
    return { ...common, RequestType: 'Create' } as CloudFormationCustomResourceEvent;
  return {
    ...common,
    RequestType: requestType,
    PhysicalResourceId: 'SignalKeyProvisioning-signal-keys',
    OldResourceProperties: { ServiceToken: 'arn:aws:lambda:...', Tenants: ['acme-market'] },
  } as CloudFormationCustomResourceEvent;
}

function provisionSignalKeys(provisioner: () => SignalKeyProvisioner) {
  return createProvisionSignalKeysHandler({
    provisioner,
    respond: sendCustomResourceResponse,
    observability: {
      logger: new Logger({ logLevel: 'SILENT' }),
      metrics: new Metrics({ namespace: 'PatrolTest', serviceName: 'test' }),
    },
  });
}

function answer(): Record<string, unknown> {
  expect(cloudFormation.requests).toHaveLength(1);
  return cloudFormation.requests[0]?.body ?? {};
}

describe('provisionSignalKeys', () => {
  it('creates keys for the configured tenants and answers SUCCESS when the resource is created', async () => {
    const provisioner = new RecordingProvisioner();

    await provisionSignalKeys(() => provisioner)(
      anEvent('Create', { Tenants: ['acme-market', 'gig-board'] }),
    );

    expect([...provisioner.keyed]).toEqual(['acme-market', 'gig-board']);
    expect(answer()).toEqual({
      Status: 'SUCCESS',
      PhysicalResourceId: 'SignalKeyProvisioning-signal-keys',
      StackId: STACK_ID,
      RequestId: 'request-Create',
      LogicalResourceId: 'SignalKeyProvisioning',
    });
    expect(cloudFormation.requests[0]?.headers['content-type']).toBe('');
  });

  it('adds a key for a tenant added to the stage config when the resource is updated', async () => {
    const provisioner = new RecordingProvisioner();

    await provisionSignalKeys(() => provisioner)(
      anEvent('Update', { Tenants: ['acme-market', 'town-forum'] }),
    );

    expect(provisioner.keyed.has('town-forum')).toBe(true);
    expect(answer()).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'SignalKeyProvisioning-signal-keys',
    });
  });

  it('keeps every key and answers SUCCESS when the resource is deleted', async () => {
    const provisioner = new RecordingProvisioner();

    await provisionSignalKeys(() => provisioner)(anEvent('Delete', { Tenants: ['acme-market'] }));

    expect(provisioner.requests).toEqual([]);
    expect(answer()).toMatchObject({ Status: 'SUCCESS', RequestId: 'request-Delete' });
  });

  it('answers FAILED naming the field when a tenant id is invalid', async () => {
    const provisioner = new RecordingProvisioner();

    await provisionSignalKeys(() => provisioner)(anEvent('Create', { Tenants: ['Acme Market'] }));

    expect(provisioner.requests).toEqual([]);
    expect(answer()).toMatchObject({ Status: 'FAILED', Reason: expect.stringMatching(/Tenants\[0\]/) });
  });

  it('answers FAILED with the reason when the function is misconfigured, so the stack does not wait for an hour', async () => {
    await provisionSignalKeys(() => {
      throw new ConfigurationError(['SIGNAL_KEYS_SECRET_ARN']);
    })(anEvent('Create', { Tenants: ['acme-market'] }));

    expect(answer()).toMatchObject({
      Status: 'FAILED',
      Reason: expect.stringContaining('SIGNAL_KEYS_SECRET_ARN'),
    });
  });
});
