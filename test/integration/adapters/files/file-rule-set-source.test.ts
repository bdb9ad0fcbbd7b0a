import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RuleDirectoryError } from '#adapters/files/errors';
import { FileRuleSetSource } from '#adapters/files/file-rule-set-source';
import { InvalidRulePacksError } from '#core/rules/errors';
import { evaluate } from '#core/rules/evaluate';
import { PAYMENT_PACK, policyDirectoriesPerTest } from '#test/helpers/rule-pack-files';

const directoryWith = policyDirectoriesPerTest();

describe('FileRuleSetSource', () => {
  it('compiles the packs of a directory into the active rule set', async () => {
    const dir = await directoryWith({ 'payments.yaml': PAYMENT_PACK, 'notes.txt': 'not a pack' });
    const ruleSet = await new FileRuleSetSource(dir).active();
    expect(ruleSet.packs.map((pack) => pack.name)).toEqual(['payments']);
    expect(evaluate(ruleSet, { kind: 'message', body: 'Venmo me' }, new Date()).review).toEqual({
      queue: 'payments',
      priority: 'P2',
    });
  });

  it('reads the files once when asked again', async () => {
    const dir = await directoryWith({ 'payments.yaml': PAYMENT_PACK });
    const source = new FileRuleSetSource(dir);
    const first = await source.active();
    await writeFile(join(dir, 'payments.yaml'), PAYMENT_PACK.replace('Venmo', 'Zelle'));
    expect(await source.active()).toBe(first);
  });

  it('rejects with every error of every file when packs are invalid', async () => {
    const dir = await directoryWith({
      'a.yaml': PAYMENT_PACK.replace('status: live', 'status: maybe'),
      'b.yaml': PAYMENT_PACK.replace('pack: payments', 'pack: other').replace(
        'severity: low',
        'severity: tiny',
      ),
    });
    const failure = await new FileRuleSetSource(dir).active().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InvalidRulePacksError);
    const issues = (failure as InvalidRulePacksError).issues;
    expect(issues.map((issue) => [issue.file, issue.field])).toEqual([
      [join(dir, 'a.yaml'), 'rules[0].status'],
      [join(dir, 'b.yaml'), 'rules[1].severity'],
    ]);
    expect((failure as Error).message).toContain(
      `${join(dir, 'a.yaml')}:9:13 rule pay.outside field rules[0].status:`,
    );
  });

  it('loads again after a failure once the pack is fixed', async () => {
    const dir = await directoryWith({
      'payments.yaml': PAYMENT_PACK.replace('status: live', 'status: maybe'),
    });
    const source = new FileRuleSetSource(dir);
    await expect(source.active()).rejects.toBeInstanceOf(InvalidRulePacksError);
    await writeFile(join(dir, 'payments.yaml'), PAYMENT_PACK);
    expect((await source.active()).stats.rules).toEqual({ live: 1, shadow: 1, draft: 0 });
  });

  it('refuses to run without rules when the directory has no pack', async () => {
    const dir = await directoryWith({ 'README.md': '# nothing here' });
    await expect(new FileRuleSetSource(dir).active()).rejects.toThrow(RuleDirectoryError);
    await expect(new FileRuleSetSource(join(dir, 'missing')).active()).rejects.toThrow(
      /cannot read the rule packs directory/,
    );
  });
});
