import { afterEach, describe, expect, it } from 'vitest';
import { sendCustomResourceResponse } from '#adapters/cloudformation/custom-resource-response';
import { CustomResourceResponseError } from '#adapters/cloudformation/errors';
import { startWebhookReceiver, type WebhookReceiver } from '#test/helpers/webhook-receiver';

let receiver: WebhookReceiver | undefined;

afterEach(async () => {
  await receiver?.close();
});

describe('sendCustomResourceResponse', () => {
  it('rejects with the HTTP status when the response URL refuses the answer', async () => {
    receiver = await startWebhookReceiver(() => 403);

    const sent = sendCustomResourceResponse(receiver.url, {
      Status: 'SUCCESS',
      PhysicalResourceId: 'SignalKeyProvisioning-signal-keys',
      StackId: 'arn:aws:cloudformation:ap-northeast-1:123456789012:stack/patrol-dev-stateless/5b2c3f40',
      RequestId: 'request-Create',
      LogicalResourceId: 'SignalKeyProvisioning',
    });

    await expect(sent).rejects.toBeInstanceOf(CustomResourceResponseError);
    await expect(sent).rejects.toMatchObject({ status: 403 });
  });
});
