import type { RepatrolJobStore } from '#ports/repatrol-job-store';
import type { RepatrolJob } from '#schemas/stored-content';

/** Re-patrol progress in process memory, for the local runtime, where the job runs in the same process. */
export class MemoryRepatrolJobStore implements RepatrolJobStore {
  private readonly jobs = new Map<string, RepatrolJob>();

  async save(job: RepatrolJob): Promise<void> {
    this.jobs.set(`${job.tenant}#${job.jobId}`, { ...job });
  }

  async get(tenant: string, jobId: string): Promise<RepatrolJob | undefined> {
    const job = this.jobs.get(`${tenant}#${jobId}`);
    return job === undefined ? undefined : { ...job };
  }
}
