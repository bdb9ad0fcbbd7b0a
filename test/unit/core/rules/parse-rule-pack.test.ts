import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRulePack } from '#core/rules/parse-rule-pack';
import { parseRulePacks } from '#core/rules/parse-rule-packs';
import { formatIssue, type RulePackIssue } from '#core/rules/rule-pack-issue';

const VALID = `pack: market-ja
description: Listings in Japanese
keywordSets:
  payment-apps: [PayPay, ペイペイ]
rules:
  - id: pay.outside
    description: asks to pay outside the app
    clause: "3.3"
    status: live
    severity: high
    when:
      all:
        - keywords: { set: payment-apps }
        - regex: { pattern: 'で(?:払|はら)' }
    action: { type: review, queue: payments, priority: P2 }
  - id: pay.label
    description: labels payment talk
    clause: "3.3"
    status: shadow
    severity: low
    when: { phrase: 現金手渡し }
    action: { type: label, label: payment-talk }
`;

function errorsOf(yamlText: string, fileName = 'policies/market-ja.yaml'): RulePackIssue[] {
  const result = parseRulePack(fileName, yamlText);
  if (result.ok) throw new Error('expected the pack to be refused');
  return result.errors;
}

/** The line number (from 1) of the first line of `text` containing `needle`. */
function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((line) => line.includes(needle)) + 1;
}

describe('parseRulePack', () => {
  it('returns the pack when it is valid', () => {
    const result = parseRulePack('policies/market-ja.yaml', VALID);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.pack.rules.map((rule) => rule.id)).toEqual(['pay.outside', 'pay.label']);
      expect(result.positionOf(['rules', 1, 'id'])).toEqual({
        line: lineOf(VALID, 'id: pay.label'),
        column: 9,
      });
    }
  });

  it('names the file, line and column when the YAML is malformed', () => {
    const yamlText = 'pack: x\nrules: [1, 2\n';
    const [error] = errorsOf(yamlText, 'broken.yaml');
    expect(error).toMatchObject({ file: 'broken.yaml', line: 3, field: '' });
    expect(error?.message).toMatch(/^YAML syntax: /);
  });

  it('names the rule and the missing field when a rule lacks one', () => {
    const yamlText = VALID.replace('    severity: high\n', '');
    const errors = errorsOf(yamlText);
    expect(errors).toHaveLength(1);
    expect(formatIssue(errors[0] as RulePackIssue)).toBe(
      `policies/market-ja.yaml:${lineOf(VALID, 'id: pay.outside')}:5 rule pay.outside field rules[0].severity: \`severity\` is required but missing`,
    );
  });

  it('suggests the right field when a field is misspelt', () => {
    const yamlText = VALID.replace(
      "regex: { pattern: 'で(?:払|はら)' }",
      "regex: { patern: 'で(?:払|はら)' }",
    );
    const errors = errorsOf(yamlText);
    const misspelt = errors.find((error) => error.field === 'rules[0].when.all[1].regex.patern');
    expect(misspelt?.message).toBe('`patern` is not a field here; did you mean `pattern`?');
    expect(misspelt?.line).toBe(lineOf(yamlText, 'patern'));
    expect(misspelt?.ruleId).toBe('pay.outside');
    expect(errors.map((error) => error.field)).toContain('rules[0].when.all[1].regex.pattern');
  });

  it('lists the allowed values when a status, priority or action type is wrong', () => {
    const yamlText = VALID.replace('status: live', 'status: lve')
      .replace('priority: P2', 'priority: P5')
      .replace('type: label', 'type: tag');
    const messages = Object.fromEntries(errorsOf(yamlText).map((error) => [error.field, error.message]));
    expect(messages).toEqual({
      'rules[0].status': '`lve` is not allowed here; expected live, shadow, draft',
      'rules[0].action.priority': '`P5` is not allowed here; expected P1, P2, P3, P4',
      'rules[1].action.type': '`tag` is not an action; expected allow, review, block, label',
    });
  });

  it('asks for quotes when a number is written where text belongs', () => {
    const yamlText = VALID.replace('clause: "3.3"', 'clause: 3.3');
    const [error] = errorsOf(yamlText);
    expect(error?.field).toBe('rules[0].clause');
    expect(error?.message).toBe("expected text but found the number 3.3; put it in quotes ('3.3')");
  });

  it('explains a condition that is not one of the predicates', () => {
    const yamlText = VALID.replace('- keywords: { set: payment-apps }', '- keyword: { set: payment-apps }');
    const [error] = errorsOf(yamlText);
    expect(error?.field).toBe('rules[0].when.all[0].keyword');
    expect(error?.message).toMatch(
      /^`keyword` is not a condition; expected one of all, any, not, keywords.*did you mean `keywords`\?$/,
    );
  });

  it('explains a condition holding two predicates', () => {
    const yamlText = VALID.replace(
      'when: { phrase: 現金手渡し }',
      'when: { phrase: 現金手渡し, detector: phone }',
    );
    const [error] = errorsOf(yamlText);
    expect(error).toMatchObject({ ruleId: 'pay.label', field: 'rules[1].when' });
    expect(error?.message).toMatch(/has `phrase` and `detector`; combine them under all: or any:$/);
  });

  it('refuses a keyword set the pack does not define', () => {
    const yamlText = VALID.replace('{ set: payment-apps }', '{ set: payment-app }');
    const [error] = errorsOf(yamlText);
    expect(error).toMatchObject({ ruleId: 'pay.outside', field: 'rules[0].when.all[0].keywords.set' });
    expect(error?.message).toBe(
      'there is no keyword set `payment-app` in this pack; its sets are payment-apps',
    );
  });

  it('refuses a second rule with the same id and points at the first', () => {
    const yamlText = VALID.replace('id: pay.label', 'id: pay.outside');
    const [error] = errorsOf(yamlText);
    expect(error).toMatchObject({ line: lineOf(VALID, 'id: pay.label'), field: 'rules[1].id' });
    expect(error?.message).toMatch(`already used by rules[0] at line ${lineOf(VALID, 'id: pay.outside')}`);
  });

  it('refuses a regex the linear-time engine cannot run and names the rule and field', () => {
    const yamlText = VALID.replace("'で(?:払|はら)'", "'で(?=払)'");
    const [error] = errorsOf(yamlText);
    expect(formatIssue(error as RulePackIssue)).toMatch(
      new RegExp(
        `^policies/market-ja\\.yaml:${lineOf(yamlText, '(?=')}:\\d+ rule pay\\.outside field rules\\[0\\]\\.when\\.all\\[1\\]\\.regex\\.pattern: this regular expression cannot be compiled`,
      ),
    );
    expect(error?.message).toMatch(/lookahead and lookbehind .* are not available/);
  });

  it('refuses a regex that matches empty text', () => {
    const yamlText = VALID.replace("'で(?:払|はら)'", "'(?:払)?'");
    const [error] = errorsOf(yamlText);
    expect(error?.message).toBe('this regular expression matches empty text, so it would fire on every item');
  });

  it('refuses a regex written for text the normaliser never produces', () => {
    const yamlText = VALID.replace("'で(?:払|はら)'", "'PAYPAY'");
    const [error] = errorsOf(yamlText);
    expect(error?.field).toBe('rules[0].when.all[1].regex.pattern');
    expect(error?.message).toMatch(
      /^this regular expression can never match: it needs `PAYPAY`, but .* written `paypay`/,
    );
  });

  it('accepts a capitalised regex when it is case-insensitive', () => {
    const yamlText = VALID.replace(
      "regex: { pattern: 'で(?:払|はら)' }",
      "regex: { pattern: 'PAYPAY', caseInsensitive: true }",
    );
    expect(parseRulePack('market.yaml', yamlText).ok).toBe(true);
  });

  it('reports every mistake of a file in line order', () => {
    const yamlText = VALID.replace('status: shadow', 'status: maybe').replace(
      'severity: high',
      'severity: severe',
    );
    const errors = errorsOf(yamlText);
    expect(errors.map((error) => error.field)).toEqual(['rules[0].severity', 'rules[1].status']);
  });

  it('explains an empty file', () => {
    const [error] = errorsOf('# nothing yet\n');
    expect(error?.message).toBe('the file is empty; a rule pack needs pack, description and rules');
  });

  it('never throws whatever text it is given', () => {
    const fragments = fc.constantFrom(
      ...VALID.split('\n'),
      '- ',
      ': ',
      '{',
      '}',
      '[',
      '&a',
      '*a',
      '!!binary',
      '\t',
      '"',
      "'",
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(fragments).map((lines) => lines.join('\n')),
        ),
        (yamlText) => {
          const result = parseRulePack('fuzz.yaml', yamlText);
          if (!result.ok) {
            expect(result.errors.length).toBeGreaterThan(0);
            for (const error of result.errors) expect(error.line).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('parseRulePacks', () => {
  it('refuses a rule id used in two packs and names both files', () => {
    const other = VALID.replace('pack: market-ja', 'pack: market-en').replace(
      'id: pay.label',
      'id: pay.other',
    );
    const result = parseRulePacks([
      { fileName: 'b.yaml', yamlText: other },
      { fileName: 'a.yaml', yamlText: VALID },
    ]);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map(formatIssue)).toEqual([
        `b.yaml:${lineOf(other, 'id: pay.outside')}:9 rule pay.outside field rules[0].id: rule id \`pay.outside\` is already used in a.yaml at line ${lineOf(VALID, 'id: pay.outside')}; rule ids are unique across all packs`,
      ]);
    }
  });

  it('returns the packs in file-name order when they are all valid', () => {
    const other = VALID.replace('pack: market-ja', 'pack: market-en').replace(/id: pay\./g, 'id: other.');
    const result = parseRulePacks([
      { fileName: 'b.yaml', yamlText: other },
      { fileName: 'a.yaml', yamlText: VALID },
    ]);
    expect(result.ok && result.packs.map((pack) => pack.pack)).toEqual(['market-ja', 'market-en']);
  });
});
