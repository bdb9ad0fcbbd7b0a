import * as z from 'zod';
import { SubmissionSchema } from './submission.ts';

/** The message contract as a JSON Schema document, generated from the zod schema. */
export function submissionJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://patrol.dev/schemas/submission.v1.json',
    title: 'Patrol submission (schemaVersion 1)',
    ...z.toJSONSchema(SubmissionSchema, { target: 'draft-2020-12', io: 'input' }),
  };
}
