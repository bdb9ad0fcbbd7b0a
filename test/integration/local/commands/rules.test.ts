import { describe, expect, it } from 'vitest';
import { PAYMENT_PACK, policyDirectoriesPerTest } from '#test/helpers/rule-pack-files';
import { runPatrol } from '#test/helpers/run-patrol';

const directoryWith = policyDirectoriesPerTest();

describe('patrol rules validate', () => {
  it('summarises the packs of a valid directory and exits 0', async () => {
    const dir = await directoryWith({ 'payments.yaml': PAYMENT_PACK });
    const run = await runPatrol(['rules', 'validate', dir], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^\.: 1 packs, 2 rules \(1 live, 1 shadow, 0 draft\), 3 distinct keywords after normalisation; rule set rs-[0-9a-f]{20}$/m,
    );
    expect(run.stdout).toMatch(/^ {2}payments\.yaml +payments +1 live, 1 shadow, 0 draft; 3 keywords$/m);
  });

  it('prints every error as file:line:col with rule and field and exits 1', async () => {
    const broken = PAYMENT_PACK.replace('status: live', 'status: lve').replace(
      '{ set: payment-apps }',
      '{ set: payment-app }',
    );
    const dir = await directoryWith({ 'payments.yaml': broken });
    const run = await runPatrol(['rules', 'validate', dir], dir);
    expect(run.code).toBe(1);
    expect(run.stdout.trim().split('\n')).toEqual([
      'payments.yaml:9:13 rule pay.outside field rules[0].status: `lve` is not allowed here; expected live, shadow, draft',
    ]);
    const fixedStatus = await directoryWith({
      'payments.yaml': broken.replace('status: lve', 'status: live'),
    });
    const second = await runPatrol(['rules', 'validate', fixedStatus], fixedStatus);
    expect(second.code).toBe(1);
    expect(second.stdout.trim()).toBe(
      'payments.yaml:11:30 rule pay.outside field rules[0].when.keywords.set: there is no keyword set `payment-app` in this pack; its sets are payment-apps',
    );
  });

  it('fails when the directory holds no rule pack', async () => {
    const dir = await directoryWith({});
    const run = await runPatrol(['rules', 'validate', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('no rule packs (*.yaml)');
  });

  it("validates the repository's own policies when no directory is given, from any working directory", async () => {
    const elsewhere = await directoryWith({});
    const run = await runPatrol(['rules', 'validate'], elsewhere);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/policies: \d+ packs, \d+ rules/);
  });
});
