import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { submissionJsonSchema } from '#schemas/contract-json-schema';
import { ContentKinds, SubmissionSchema } from '#schemas/submission';

const docs = join(import.meta.dirname, '../../../docs');
const examples = readdirSync(join(docs, 'examples'))
  .filter((file) => file.endsWith('.json'))
  .map((file) => ({ file, body: JSON.parse(readFileSync(join(docs, 'examples', file), 'utf8')) }));
const publishedSchema = JSON.parse(readFileSync(join(docs, 'contract.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const validatePublished = ajv.compile(publishedSchema);

describe('the message contract', () => {
  it('has one documented example for every kind', () => {
    expect(examples.map(({ body }) => body.kind).sort()).toEqual([...ContentKinds].sort());
    for (const { file, body } of examples) expect(file).toBe(`${body.kind}.json`);
  });

  it.each(examples)(
    'accepts the example $file with the zod schema and the published JSON Schema',
    ({ body }) => {
      expect(SubmissionSchema.safeParse(body).error?.issues).toBeUndefined();
      expect(validatePublished(body), JSON.stringify(validatePublished.errors)).toBe(true);
    },
  );

  it('publishes the JSON Schema generated from the zod schema (run `npm run contract` after a change)', () => {
    expect(publishedSchema).toEqual(JSON.parse(JSON.stringify(submissionJsonSchema())));
  });

  it('refuses, in both forms, a submission whose kind-specific field is missing', () => {
    const [message] = examples.filter(({ body }) => body.kind === 'message');
    const { threadId: _dropped, ...withoutThread } = message?.body ?? {};
    const result = SubmissionSchema.safeParse(withoutThread);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain('threadId');
    expect(validatePublished(withoutThread)).toBe(false);
  });

  it('refuses an unknown schemaVersion and unknown fields', () => {
    const [listing] = examples.filter(({ body }) => body.kind === 'listing');
    expect(SubmissionSchema.safeParse({ ...listing?.body, schemaVersion: 2 }).success).toBe(false);
    expect(SubmissionSchema.safeParse({ ...listing?.body, sellerNote: 'x' }).success).toBe(false);
    expect(validatePublished({ ...listing?.body, schemaVersion: 2 })).toBe(false);
  });
});
