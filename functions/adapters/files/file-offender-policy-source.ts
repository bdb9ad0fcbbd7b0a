import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidOffenderPolicyError } from '#core/offenders/errors';
import {
  loadOffenderPolicies,
  type OffenderPolicies,
  policyForTenant,
} from '#core/offenders/parse-offender-policy';
import { formatIssue } from '#core/rules/rule-pack-issue';
import type { OffenderPolicySource } from '#ports/offender-policy-source';
import type { OffenderPolicy } from '#schemas/offender-policy';
import { OffenderPolicyDirectoryError } from './errors.ts';

/**
 * Tenants' offender policies from the `*.yaml` files of a directory (policies/tenants/), read and
 * checked on first use and kept; a failed load is not kept, so the next call reads the files again.
 */
export class FileOffenderPolicySource implements OffenderPolicySource {
  readonly #directory: string;
  #loading: Promise<OffenderPolicies> | undefined;

  constructor(directory: string) {
    this.#directory = directory;
  }

  async forTenant(tenant: string): Promise<OffenderPolicy> {
    this.#loading ??= this.#load().catch((error: unknown) => {
      this.#loading = undefined;
      throw error;
    });
    return policyForTenant(await this.#loading, tenant);
  }

  async #load(): Promise<OffenderPolicies> {
    let entries: string[];
    try {
      entries = await readdir(this.#directory);
    } catch (error) {
      throw new OffenderPolicyDirectoryError(
        this.#directory,
        `cannot read the offender policies directory ${this.#directory}`,
        { cause: error },
      );
    }
    const files = await Promise.all(
      entries
        .filter((entry) => entry.endsWith('.yaml'))
        .sort()
        .map(async (fileName) => ({
          fileName,
          yamlText: await readFile(join(this.#directory, fileName), 'utf8'),
        })),
    );
    const result = loadOffenderPolicies(files);
    if (!result.ok) {
      const issues = result.errors.map((issue) => ({ ...issue, file: join(this.#directory, issue.file) }));
      throw new InvalidOffenderPolicyError(
        issues,
        `invalid offender policies in ${this.#directory}:\n${issues.map(formatIssue).join('\n')}`,
      );
    }
    return result.policies;
  }
}
