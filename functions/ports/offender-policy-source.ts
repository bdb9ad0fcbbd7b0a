import type { OffenderPolicy } from '#schemas/offender-policy';

/** Supplies each tenant's offender policy: the default with the tenant's own overrides applied. */
export interface OffenderPolicySource {
  forTenant(tenant: string): Promise<OffenderPolicy>;
}
