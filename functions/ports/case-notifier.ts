/** What leads hear about: a case near its SLA, or past it (and whether that escalated it). */
export interface CaseNotification {
  type: 'sla.warning' | 'sla.breached';
  tenant: string;
  caseId: string;
  queue: string;
  priority: string;
  dueAt: string;
  escalated: boolean;
  occurredAt: string;
}

/** Tells people about SLA warnings and breaches (an SNS topic on AWS; a log line and a webhook locally). */
export interface CaseNotifier {
  notify(notification: CaseNotification): Promise<void>;
}
