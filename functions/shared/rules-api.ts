import { RoleForbiddenError } from '#core/review/errors';
import {
  InvalidRuleSetError,
  NothingToRollBackError,
  RepatrolNotFoundError,
  RuleSetConflictError,
  RuleSetVersionNotFoundError,
} from '#core/rule-sets/errors';
import type { CaseStore } from '#ports/case-store';
import type { Clock } from '#ports/clock';
import type { ContentStore } from '#ports/content-store';
import type { RepatrolJobStore } from '#ports/repatrol-job-store';
import type { ReviewPolicySource } from '#ports/review-policy-source';
import type { ReviewRequestSender } from '#ports/review-request-sender';
import type { RuleSetStore } from '#ports/rule-set-store';
import type { Principal } from '#schemas/principal';
import { InvalidRequestError } from './http-errors.ts';
import type { HttpRequest, HttpResponse, HttpRoute } from './http-route.ts';
import { type Authenticator, errorResponse } from './review-api.ts';

/** What the rules API's routes share: the rule-set store, the stored cases back-tests read, and authentication. */
export interface RulesApi {
  store: RuleSetStore;
  cases: CaseStore;
  policies: ReviewPolicySource;
  clock: Clock;
  authenticate: Authenticator;
  /** Re-patrols run in the API's own process: given where `patrol dev` can run them, absent on AWS for now. */
  repatrol?: { content: ContentStore; reviews: ReviewRequestSender; jobs: RepatrolJobStore };
  onError?: (error: unknown) => void;
}

const RULE_ROLES = new Set(['lead', 'admin']);

/** A route for leads and admins (403 for moderators), and the one place rule-set errors become codes. */
export function rulesRoute(
  api: RulesApi,
  method: HttpRoute['method'],
  path: string,
  handle: (request: HttpRequest, principal: Principal) => Promise<HttpResponse>,
): HttpRoute {
  return {
    method,
    path,
    handler: async (request) => {
      try {
        const principal = await api.authenticate(request);
        if (!RULE_ROLES.has(principal.role))
          throw new RoleForbiddenError(principal.role, 'read or change rule sets');
        return await handle(request, principal);
      } catch (error) {
        const refuse = (status: number, extra: Record<string, unknown> = {}): HttpResponse => ({
          status,
          body: { error: (error as Error).message, ...extra },
        });
        if (error instanceof InvalidRuleSetError) return refuse(400, { issues: error.issues });
        if (error instanceof RuleSetVersionNotFoundError || error instanceof RepatrolNotFoundError)
          return refuse(404);
        if (error instanceof RuleSetConflictError || error instanceof NothingToRollBackError)
          return refuse(409);
        return errorResponse(error, api.onError);
      }
    },
  };
}

/** The `{version}` path parameter as a version number, or a 400 naming it. */
export function versionParam(request: HttpRequest, name = 'version'): number {
  const value = request.params[name] ?? request.query.get(name) ?? '';
  if (!/^[1-9][0-9]{0,8}$/.test(value)) throw new InvalidRequestError(name, 'expected a version number');
  return Number(value);
}
