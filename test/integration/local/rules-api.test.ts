import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevRuntime, startDevRuntime } from '#local/dev-runtime';

// Answers are read as loose JSON: the assertions state their shape.
// biome-ignore lint/suspicious/noExplicitAny: see above
type Json = Record<string, any>;

describe('rules API', () => {
  let runtime: DevRuntime;

  beforeAll(async () => {
    runtime = await startDevRuntime({ port: 0 });
  });

  afterAll(async () => {
    await runtime?.stop();
  });

  const call = async (method: string, path: string, body?: unknown, role: 'lead' | 'moderator' = 'lead') => {
    const response = await fetch(`${runtime.endpoints.api}${path}`, {
      method,
      headers: { authorization: `Bearer ${runtime.tokens[role]}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Json };
  };

  const common = async () => {
    const { body } = await call('GET', '/v1/rule-sets/1');
    return body.version.packs as Record<string, string>;
  };

  it('seeds the shipped packs as the live version 1 when the store is empty', async () => {
    const { status, body } = await call('GET', '/v1/rule-sets');
    expect(status).toBe(200);
    expect(body.active).toMatchObject({ active: 1, history: [] });
    const packs = await common();
    const rules = (await call('GET', '/v1/rule-sets/1')).body.rules as {
      id: string;
      status: string;
      line: number;
    }[];
    expect(rules.find((rule) => rule.id === 'contact.phone-number')).toMatchObject({
      status: 'live',
      line: lineOf(packs['common.yaml'] as string, 'id: contact.phone-number'),
    });
  });

  it('refuses moderators when they ask for rule sets', async () => {
    expect((await call('GET', '/v1/rule-sets', undefined, 'moderator')).status).toBe(403);
  });

  it('locates a mistake at its line when a pack is validated', async () => {
    const packs = await common();
    const broken = (packs['common.yaml'] as string).replace('severity: medium', 'severity: huge');
    const { status, body } = await call('POST', '/v1/rule-sets/validate', {
      fileName: 'common.yaml',
      yamlText: broken,
    });
    expect(status).toBe(200);
    expect(body.issues[0]).toMatchObject({
      line: lineOf(broken, 'severity: huge'),
      ruleId: 'contact.phone-number',
      field: 'rules[0].severity',
    });
  });

  it('refuses to save packs with a mistake and names its line', async () => {
    const packs = await common();
    const broken = {
      ...packs,
      'common.yaml': (packs['common.yaml'] as string).replace('severity: medium', 'severity: huge'),
    };
    const { status, body } = await call('POST', '/v1/rule-sets', { basedOn: 1, packs: broken });
    expect(status).toBe(400);
    expect(body.issues[0]).toMatchObject({
      file: 'common.yaml',
      line: lineOf(broken['common.yaml'], 'severity: huge'),
    });
  });

  it('saves, diffs, publishes and rolls back a version with an audit entry for each', async () => {
    const packs = await common();
    const edited = {
      ...packs,
      'common.yaml': (packs['common.yaml'] as string).replace(
        /(id: contact\.email-address[\s\S]*?status: )live/,
        '$1shadow',
      ),
    };
    const saved = await call('POST', '/v1/rule-sets', {
      basedOn: 1,
      packs: edited,
      note: 'measure e-mail hits',
    });
    expect(saved.status).toBe(201);
    const version = saved.body.version.number as number;

    const diff = await call('GET', `/v1/rule-sets/diff?from=1&to=${version}`);
    expect(diff.body.rules.statusChanged).toEqual([
      { id: 'contact.email-address', from: 'live', to: 'shadow' },
    ]);
    expect(diff.body.files[0].lines).toContainEqual(
      expect.objectContaining({ op: 'add', text: '    status: shadow' }),
    );

    expect((await call('POST', `/v1/rule-sets/${version}/publish`, { expectedActive: 2 })).status).toBe(409);
    const published = await call('POST', `/v1/rule-sets/${version}/publish`, { expectedActive: 1 });
    expect(published.body.active).toMatchObject({ active: version, history: [1], movedBy: 'lead-mina' });

    const rolledBack = await call('POST', '/v1/rule-sets/rollback', { expectedActive: version });
    expect(rolledBack.body.active).toMatchObject({ active: 1, history: [] });
    expect((await call('POST', '/v1/rule-sets/rollback', { expectedActive: 1 })).status).toBe(409);

    const { body } = await call('GET', '/v1/rule-sets');
    expect(body.audit.map((entry: { action: string }) => entry.action).slice(0, 3)).toEqual([
      'rolled-back',
      'published',
      'saved',
    ]);
  });

  it('names the field when a body is malformed', async () => {
    const { status, body } = await call('POST', '/v1/rule-sets/1/publish', { expectedActive: 'one' });
    expect(status).toBe(400);
    expect(body.error).toMatch(/^body\.expectedActive/);
  });
});

/** The 1-based line of the first line containing `text`. */
function lineOf(yamlText: string, text: string): number {
  return yamlText.split('\n').findIndex((line) => line.includes(text)) + 1;
}
