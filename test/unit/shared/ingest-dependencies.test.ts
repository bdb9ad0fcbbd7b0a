import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '#shared/errors';
import { createIngestDependencies } from '#shared/ingest-dependencies';

describe('createIngestDependencies', () => {
  it('names every missing variable when the function is deployed without its settings', () => {
    const attempt = () => createIngestDependencies({ VERDICTS_TABLE: 'patrol-verdicts' });

    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(
      'missing environment variables: REJECTIONS_TABLE, SIGNAL_KEYS_SECRET_ARN, OFFENDERS_TABLE',
    );
  });
});
