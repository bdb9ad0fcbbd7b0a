import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseReviewPolicy } from '#core/review/parse-review-policy';
import type { ReviewPolicySource } from '#ports/review-policy-source';
import type { ReviewPolicy } from '#schemas/review-policy';
import { TenantSchema } from '#schemas/submission';

const DEFAULT_POLICY = 'default';

/**
 * Review policies from YAML files: `<tenant>.yaml` in the directory when the tenant has one, else
 * `default.yaml`. Each file is read and checked once; a failed read is tried again on the next call.
 */
export class FileReviewPolicySource implements ReviewPolicySource {
  readonly #directory: string;
  readonly #loaded = new Map<string, Promise<ReviewPolicy>>();

  constructor(directory: string) {
    this.#directory = directory;
  }

  policyFor(tenant: string): Promise<ReviewPolicy> {
    const name = TenantSchema.safeParse(tenant).success ? tenant : DEFAULT_POLICY;
    let loading = this.#loaded.get(name);
    if (loading === undefined) {
      loading = this.#load(name).catch((error: unknown) => {
        this.#loaded.delete(name);
        throw error;
      });
      this.#loaded.set(name, loading);
    }
    return loading;
  }

  async #load(name: string): Promise<ReviewPolicy> {
    const own = join(this.#directory, `${name}.yaml`);
    try {
      return parseReviewPolicy(await readFile(own, 'utf8'), own);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || name === DEFAULT_POLICY) throw error;
    }
    const fallback = join(this.#directory, `${DEFAULT_POLICY}.yaml`);
    return parseReviewPolicy(await readFile(fallback, 'utf8'), fallback);
  }
}
