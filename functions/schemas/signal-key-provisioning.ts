import * as z from 'zod';
import { TenantSchema } from './submission.ts';

/**
 * The properties of the signal-keys custom resource, as the CDK app sets them and CloudFormation
 * passes them on (alongside its own `ServiceToken`). Example: `{"Tenants":["acme-market","gig-board"]}`.
 */
export const SignalKeyProvisioningSchema = z.object({
  Tenants: z.array(TenantSchema).min(1),
});
export type SignalKeyProvisioning = z.infer<typeof SignalKeyProvisioningSchema>;
