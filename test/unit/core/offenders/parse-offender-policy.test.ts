import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadOffenderPolicies, policyForTenant } from '#core/offenders/parse-offender-policy';
import { formatIssue } from '#core/rules/rule-pack-issue';

const DEFAULT_YAML = readFileSync(
  new URL('../../../../policies/tenants/default.yaml', import.meta.url),
  'utf8',
);

function load(files: Record<string, string>) {
  return loadOffenderPolicies(Object.entries(files).map(([fileName, yamlText]) => ({ fileName, yamlText })));
}

function errorsOf(files: Record<string, string>): string[] {
  const result = load(files);
  if (result.ok) throw new Error('expected the policies to be refused');
  return result.errors.map(formatIssue);
}

describe('loadOffenderPolicies', () => {
  it('gives a tenant without a file the shipped default under its own name', () => {
    const result = load({ 'default.yaml': DEFAULT_YAML });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const policy = policyForTenant(result.policies, 'town-forum');
    expect(policy.tenant).toBe('town-forum');
    expect(policy.ladder.map((step) => step.action)).toEqual(['warn', 'restrict', 'suspend', 'ban']);
  });

  it('merges a tenant file over the default section by section and replaces the ladder whole', () => {
    const result = load({
      'default.yaml': DEFAULT_YAML,
      'acme-market.yaml': [
        'tenant: acme-market',
        'strikes:',
        '  weights: { critical: 5 }',
        'ladder:',
        '  - { at: 2, action: restrict, days: 3 }',
        '  - { at: 4, action: ban }',
        'dailyCaps: { ban: 5 }',
      ].join('\n'),
    });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const policy = policyForTenant(result.policies, 'acme-market');
    expect(policy.strikes).toEqual({ decayDays: 90, weights: { low: 1, medium: 1, high: 2, critical: 5 } });
    expect(policy.ladder).toEqual([
      { at: 2, action: 'restrict', days: 3 },
      { at: 4, action: 'ban' },
    ]);
    expect(policy.dailyCaps).toEqual({ suspend: 100, ban: 5 });
  });

  it('names the file, line and field of each mistake in a ladder', () => {
    const errors = errorsOf({
      'default.yaml': DEFAULT_YAML,
      'acme-market.yaml': [
        'tenant: acme-market',
        'ladder:',
        '  - { at: 5, action: suspend }',
        '  - { at: 3, action: warn }',
        '  - { at: 9, action: restrict }',
      ].join('\n'),
    });

    expect(errors).toEqual([
      'acme-market.yaml:4:11 field ladder[1].at: thresholds must rise: 3 is not above 5 of the rung before',
      'acme-market.yaml:4:22 field ladder[1].action: actions must get harsher down the ladder (warn, restrict, suspend, ban): warn comes after suspend',
      'acme-market.yaml:5:5 field ladder[2].days: restrict needs days: how long it lasts',
    ]);
  });

  it('refuses a tenant file whose tenant does not match its name, and an unknown field', () => {
    const errors = errorsOf({
      'default.yaml': DEFAULT_YAML,
      'acme-market.yaml': 'tenant: gig-board\n',
      'town-forum.yaml': 'tenant: town-forum\ndailyCap: { ban: 1 }\n',
    });

    expect(errors).toEqual([
      'acme-market.yaml:1:9 field tenant: is `gig-board` but the file is acme-market.yaml; name the file after its tenant (acme-market here)',
      'town-forum.yaml:2:11 field dailyCap: `dailyCap` is not a field here',
    ]);
  });

  it('says which field the default lacks and refuses to run without a default', () => {
    const withoutCaps = DEFAULT_YAML.replace(/dailyCaps:[^\n]*\n[^\n]*\n[^\n]*\n/, '');

    expect(errorsOf({ 'default.yaml': withoutCaps })).toEqual([
      'default.yaml:3:1 field dailyCaps: `dailyCaps` is required but missing',
    ]);
    expect(errorsOf({ 'acme-market.yaml': 'tenant: acme-market\n' })).toEqual([
      'default.yaml:1:1: is missing: it holds the default policy',
    ]);
  });
});
