import { describe, expect, it } from 'vitest';
import { createComprehendClient } from '#adapters/comprehend/comprehend-client';

describe('createComprehendClient', () => {
  it('makes one attempt per send so retries happen once, in the classifier, when built with defaults', async () => {
    const client = createComprehendClient({ region: 'ap-northeast-1' });

    expect(await client.config.maxAttempts()).toBe(1);
    expect(await client.config.region()).toBe('ap-northeast-1');
  });
});
