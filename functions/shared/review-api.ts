import type { z } from 'zod';
import { currentStatus } from '#core/review/case-projection';
import {
  AuditUnavailableError,
  CaseConflictError,
  CaseHeldError,
  CaseNotFoundError,
  CaseVersionConflictError,
  IdempotencyKeyReusedError,
  InvalidDecisionError,
  NothingToAppealError,
  QueueForbiddenError,
  RoleForbiddenError,
  StaleClaimError,
  UnknownQueueError,
} from '#core/review/errors';
import type { Principal } from '#schemas/principal';
import type { ReviewCase } from '#schemas/review-case';
import { HttpRequestError, InvalidRequestError, UnauthenticatedError } from './http-errors.ts';
import type { HttpRequest, HttpResponse, HttpRoute } from './http-route.ts';
import type { ReviewDependencies } from './review-dependencies.ts';

/** Turns a request into its verified principal, or throws UnauthenticatedError. */
export type Authenticator = (request: HttpRequest) => Promise<Principal>;

/** What the moderation API's routes share: the review dependencies and how callers are authenticated. */
export interface ReviewApi {
  dependencies: ReviewDependencies;
  authenticate: Authenticator;
  /** Receives faults that are not the caller's (answered with 500). */
  onError?: (error: unknown) => void;
}

/** A route that authenticates first and answers errors with their status: the one place review errors become codes. */
export function reviewRoute(
  api: Pick<ReviewApi, 'authenticate' | 'onError'>,
  method: HttpRoute['method'],
  path: string,
  handle: (request: HttpRequest, principal: Principal) => Promise<HttpResponse>,
): HttpRoute {
  return {
    method,
    path,
    handler: async (request) => {
      try {
        return await handle(request, await api.authenticate(request));
      } catch (error) {
        return errorResponse(error, api.onError);
      }
    },
  };
}

/** The HTTP answer to an error: 400, 401, 403, 404, 409 (naming the holder), 422, 503, else 500. */
export function errorResponse(error: unknown, onError?: (error: unknown) => void): HttpResponse {
  const refuse = (status: number, extra?: Record<string, unknown>) => refusal(error, status, extra);
  if (error instanceof HttpRequestError) return refuse(error.status);
  if (error instanceof InvalidDecisionError) return refuse(400, { field: error.field });
  if (error instanceof QueueForbiddenError || error instanceof RoleForbiddenError) return refuse(403);
  if (error instanceof CaseNotFoundError || error instanceof UnknownQueueError) return refuse(404);
  if (error instanceof NothingToAppealError) return refuse(error.pending ? 409 : 404);
  if (error instanceof CaseHeldError)
    return refuse(409, { holder: error.holder, leaseExpiresAt: error.leaseExpiresAt });
  if (error instanceof StaleClaimError)
    return refuse(409, error.holder === undefined ? {} : { holder: error.holder });
  if (error instanceof CaseConflictError || error instanceof CaseVersionConflictError) return refuse(409);
  if (error instanceof IdempotencyKeyReusedError) return refuse(422);
  if (error instanceof AuditUnavailableError) return refuse(503);
  onError?.(error);
  return { status: 500, body: { error: 'internal error; see the logs' } };
}

/** A refusal with a caller's error: its status, the error's message and what else helps the caller act. */
export function refusal(error: unknown, status: number, extra: Record<string, unknown> = {}): HttpResponse {
  return { status, body: { error: (error as Error).message, ...extra } };
}

/** Parses a body or query with a schema; a refusal names the first field at fault. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, where: 'body' | 'query'): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  if (issue?.code === 'unrecognized_keys')
    throw new InvalidRequestError(`${where}.${issue.keys[0] ?? ''}`, 'is not a field of this request');
  throw new InvalidRequestError(path === '' ? where : `${where}.${path}`, issue?.message ?? 'invalid');
}

/** The query string as an object, for schema parsing; a repeated parameter is refused. */
export function queryObject(request: HttpRequest): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, value] of request.query) {
    if (name in query) throw new InvalidRequestError(`query.${name}`, 'is given more than once');
    query[name] = value;
  }
  return query;
}

/** The Idempotency-Key header, when sent: 1 to 200 visible characters. */
export function idempotencyKeyOf(request: HttpRequest): string | undefined {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(key))
    throw new InvalidRequestError('Idempotency-Key', 'expected 1 to 200 visible ASCII characters');
  return key;
}

/** The bearer token of the Authorization header, or UnauthenticatedError. */
export function bearerToken(request: HttpRequest): string {
  const header = request.headers.authorization;
  if (header === undefined) throw new UnauthenticatedError('missing Authorization: Bearer <token>');
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (match === null) throw new UnauthenticatedError('Authorization must be Bearer <token>');
  return match[1] as string;
}

/** A case as the API returns it: its fields, with the status a moderator sees now. */
export function caseBody(reviewCase: ReviewCase, now: Date): ReviewCase {
  return { ...reviewCase, status: currentStatus(reviewCase, now) };
}
