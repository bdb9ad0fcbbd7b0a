import type { DynamoDbOutbox } from '../dynamodb-outbox.ts';
import { START_CURSOR } from '../dynamodb-outbox.ts';
import { InvalidCursorError } from '../errors.ts';
import { BadRequestError } from './errors.ts';
import type { Route } from './router.ts';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1_000;
const KNOWN_PARAMETERS = new Set(['after', 'limit']);

/** `GET /v1/events?after=CURSOR&limit=N`: verdict events in order, with the cursor to ask with next. */
export function listEventsRoute(outbox: Pick<DynamoDbOutbox, 'read'>): Route {
  return {
    method: 'GET',
    path: '/v1/events',
    handler: async ({ query }) => {
      for (const name of query.keys()) {
        if (!KNOWN_PARAMETERS.has(name))
          throw new BadRequestError(`unknown query parameter ${name}; use after or limit`);
      }
      const limit = parseLimit(query.get('limit'));
      try {
        const page = await outbox.read(query.get('after') ?? START_CURSOR, limit);
        return {
          status: 200,
          body: { events: page.entries.map((entry) => entry.event), nextCursor: page.nextCursor },
        };
      } catch (error) {
        if (error instanceof InvalidCursorError)
          throw new BadRequestError(`after: ${error.message}`, { cause: error });
        throw error;
      }
    },
  };
}

function parseLimit(raw: string | null): number {
  if (raw === null) return DEFAULT_LIMIT;
  const limit = /^[0-9]{1,4}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(limit >= 1 && limit <= MAX_LIMIT)) {
    throw new BadRequestError(
      `limit: expected an integer from 1 to ${MAX_LIMIT}, got ${JSON.stringify(raw)}`,
    );
  }
  return limit;
}
