import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { TenantSecrets } from '#ports/tenant-secrets';
import { LocalRuntimeError } from './errors.ts';

const KEY_BYTES = 32;

/**
 * Local signal keys: each tenant gets a random key on first use, kept in `<dataDir>/secrets.json`
 * (mode 0600) so hashes stay stable across restarts, or only in memory when no folder is given.
 */
export class FileTenantSecrets implements TenantSecrets {
  readonly #file: string | undefined;
  readonly #keys = new Map<string, Uint8Array>();
  #loaded: Promise<void> | undefined;
  #writes: Promise<void> = Promise.resolve();

  constructor(dataDir?: string) {
    this.#file = dataDir === undefined ? undefined : join(dataDir, 'secrets.json');
  }

  async signalKey(tenant: string): Promise<Uint8Array> {
    this.#loaded ??= this.#merge();
    await this.#loaded;
    const known = this.#keys.get(tenant);
    if (known !== undefined) return known;
    // Set before any await so concurrent first uses of a tenant share one key.
    const key = new Uint8Array(randomBytes(KEY_BYTES));
    this.#keys.set(tenant, key);
    await this.#persist();
    return this.#keys.get(tenant) ?? key;
  }

  /** Adds the keys stored on disk; a key already on disk wins, since hashes were made with it. */
  async #merge(): Promise<void> {
    if (this.#file === undefined) return;
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const [tenant, encoded] of Object.entries(parseKeys(this.#file, text))) {
      this.#keys.set(tenant, new Uint8Array(Buffer.from(encoded, 'base64')));
    }
  }

  #persist(): Promise<void> {
    const file = this.#file;
    if (file === undefined) return Promise.resolve();
    const write = this.#writes.then(async () => {
      // Another process (the CLI beside `patrol dev`) may have added tenants since we read the file.
      await this.#merge();
      const stored = Object.fromEntries(
        [...this.#keys].map(([tenant, key]) => [tenant, Buffer.from(key).toString('base64')]),
      );
      await mkdir(dirname(file), { recursive: true });
      const partial = `${file}.${process.pid}.tmp`;
      await writeFile(partial, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
      await chmod(partial, 0o600);
      await rename(partial, file);
    });
    this.#writes = write.catch(() => undefined);
    return write;
  }
}

function parseKeys(file: string, text: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // The parser's message would quote the keys, so it is not kept.
    parsed = undefined;
  }
  const valid =
    typeof parsed === 'object' &&
    parsed !== null &&
    !Array.isArray(parsed) &&
    Object.values(parsed).every((key) => typeof key === 'string' && key.length > 0);
  if (!valid) throw new LocalRuntimeError(`${file} is not a JSON object of tenant to base64 key`);
  return parsed as Record<string, string>;
}
