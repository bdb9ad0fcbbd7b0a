import type { CaseNotification, CaseNotifier } from '#ports/case-notifier';

export interface LocalCaseNotifierOptions {
  /** Receives one line per warning or breach. */
  log: (line: string) => void;
  /** Also POSTs each notification as JSON here, once; a failed POST is reported to `onError`. */
  webhookUrl?: string;
  onError?: (error: unknown) => void;
}

/** SLA warnings and breaches in `patrol dev`: a log line each, and a POST to a webhook when one is set. */
export class LocalCaseNotifier implements CaseNotifier {
  readonly #options: LocalCaseNotifierOptions;

  constructor(options: LocalCaseNotifierOptions) {
    this.#options = options;
  }

  async notify(notification: CaseNotification): Promise<void> {
    const { type, tenant, caseId, queue, priority, dueAt, escalated } = notification;
    this.#options.log(
      `${type}: case ${caseId} of ${tenant} in ${queue} (${priority}) due ${dueAt}${escalated ? ', escalated' : ''}`,
    );
    if (this.#options.webhookUrl === undefined) return;
    try {
      const response = await fetch(this.#options.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(notification),
        signal: AbortSignal.timeout(5_000),
      });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`case webhook answered ${response.status}`);
    } catch (error) {
      this.#options.onError?.(error);
    }
  }
}
