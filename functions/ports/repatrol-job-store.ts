import type { RepatrolJob } from '#schemas/stored-content';

/** Where re-patrols keep their progress for the console to poll. */
export interface RepatrolJobStore {
  save(job: RepatrolJob): Promise<void>;
  get(tenant: string, jobId: string): Promise<RepatrolJob | undefined>;
}
