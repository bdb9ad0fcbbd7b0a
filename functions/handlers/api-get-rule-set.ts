import { RuleSetVersionNotFoundError } from '#core/rule-sets/errors';
import { packSources } from '#core/rule-sets/manage-rule-sets';
import { parseRulePacks } from '#core/rules/parse-rule-packs';
import type { HttpRoute } from '#shared/http-route';
import { type RulesApi, rulesRoute, versionParam } from '#shared/rules-api';

/** `GET /v1/rule-sets/{version}`: a version's packs as YAML and its rules with their status and the line each starts at. */
export function getRuleSetRoute(api: RulesApi): HttpRoute {
  return rulesRoute(api, 'GET', '/v1/rule-sets/{version}', async (request) => {
    const number = versionParam(request);
    const version = await api.store.version(number);
    if (version === undefined) throw new RuleSetVersionNotFoundError(number);
    const parsed = parseRulePacks(packSources(version.packs));
    const rules = parsed.ok
      ? parsed.parsed.flatMap((pack) =>
          pack.pack.rules.map((rule, index) => ({
            id: rule.id,
            file: pack.file,
            line: pack.positionOf(['rules', index, 'id']).line,
            status: rule.status,
            severity: rule.severity,
            clause: rule.clause,
            action: rule.action.type,
          })),
        )
      : [];
    return { status: 200, body: { version, rules } };
  });
}
