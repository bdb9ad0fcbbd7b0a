/** The reporters a tenant muted: their reports are recorded and never queued. */
export interface ReporterMutes {
  mute(tenant: string, reporterId: string, mutedBy: string, at: Date): Promise<void>;
  isMuted(tenant: string, reporterId: string): Promise<boolean>;
}
