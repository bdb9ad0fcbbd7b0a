import { diffRuleSets } from '#core/rule-sets/diff-rule-sets';
import { RuleSetVersionNotFoundError } from '#core/rule-sets/errors';
import type { HttpRoute } from '#shared/http-route';
import { type RulesApi, rulesRoute, versionParam } from '#shared/rules-api';

/** `GET /v1/rule-sets/diff?from=&to=`: changed lines per file and added, removed and changed rules. */
export function diffRuleSetsRoute(api: RulesApi): HttpRoute {
  return rulesRoute(api, 'GET', '/v1/rule-sets/diff', async (request) => {
    const [from, to] = [versionParam(request, 'from'), versionParam(request, 'to')];
    const [before, after] = await Promise.all([api.store.version(from), api.store.version(to)]);
    if (before === undefined) throw new RuleSetVersionNotFoundError(from);
    if (after === undefined) throw new RuleSetVersionNotFoundError(to);
    return { status: 200, body: { from, to, ...diffRuleSets(before.packs, after.packs) } };
  });
}
