import { describe, expect, it } from 'vitest';
import { diffLines, diffRuleSets } from '#core/rule-sets/diff-rule-sets';

const pack = (status: string, extra = '') => `pack: test
description: a pack
rules:
  - id: test.one
    description: first
    clause: "Guidelines 1"
    status: ${status}
    severity: low
    when: { phrase: "wire transfer" }
    action: { type: review, queue: general, priority: P3 }
${extra}`;

const second = `  - id: test.two
    description: second
    clause: "Guidelines 2"
    status: live
    severity: low
    when: { phrase: "cash only" }
    action: { type: review, queue: general, priority: P3 }
`;

describe('diffRuleSets', () => {
  it('names the rule whose status changed and the changed line when one field is edited', () => {
    const diff = diffRuleSets({ 'test.yaml': pack('live') }, { 'test.yaml': pack('shadow') });
    expect(diff.rules).toEqual({
      added: [],
      removed: [],
      changed: ['test.one'],
      statusChanged: [{ id: 'test.one', from: 'live', to: 'shadow' }],
    });
    const changed = diff.files[0]?.lines.filter((line) => line.op !== 'same');
    expect(changed).toEqual([
      { op: 'remove', text: '    status: live', oldLine: 7 },
      { op: 'add', text: '    status: shadow', newLine: 7 },
    ]);
  });

  it('lists added rules and files when the new version adds them', () => {
    const diff = diffRuleSets(
      { 'test.yaml': pack('live') },
      {
        'test.yaml': pack('live', second),
        'extra.yaml': `pack: extra\ndescription: x\nrules:\n${second.replace('test.two', 'test.three')}`,
      },
    );
    expect(diff.rules.added).toEqual(['test.three', 'test.two']);
    expect(diff.files.map((file) => [file.fileName, file.status])).toEqual([
      ['extra.yaml', 'added'],
      ['test.yaml', 'changed'],
    ]);
  });

  it('leaves out unchanged files when two versions share them', () => {
    expect(diffRuleSets({ 'a.yaml': pack('live') }, { 'a.yaml': pack('live') }).files).toEqual([]);
  });
});

describe('diffLines', () => {
  it('keeps the common lines in order when lines are inserted and removed', () => {
    const lines = diffLines(['a', 'b', 'c'], ['a', 'x', 'c', 'd']);
    expect(lines.map((line) => `${line.op[0]}${line.text}`)).toEqual(['sa', 'rb', 'ax', 'sc', 'ad']);
  });
});
