import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** A small valid pack in YAML: one live review rule on payment words, one shadow label rule. */
export const PAYMENT_PACK = `pack: payments
description: Payment outside the platform
keywordSets:
  payment-apps: [PayPay, Venmo]
rules:
  - id: pay.outside
    description: names a way to pay outside the app
    clause: "3.3"
    status: live
    severity: high
    when: { keywords: { set: payment-apps } }
    action: { type: review, queue: payments, priority: P2 }
  - id: pay.cash-label
    description: labels cash talk
    clause: "3.3"
    status: shadow
    severity: low
    when: { phrase: 現金手渡し }
    action: { type: label, label: cash-talk }
`;

/** A temporary directory holding the given files; remove it with `cleanup`. */
export async function aPolicyDirectory(
  files: Record<string, string>,
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'patrol-policies-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Makes temporary policy directories for a test file's tests, each removed once its test ends. */
export function policyDirectoriesPerTest(): (files: Record<string, string>) => Promise<string> {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });
  return async (files) => {
    const { dir, cleanup } = await aPolicyDirectory(files);
    cleanups.push(cleanup);
    return dir;
  };
}
