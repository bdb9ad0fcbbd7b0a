import { t } from './i18n.ts';
import { formatRemaining, slaState } from './sla.ts';

/** A live SLA countdown: refreshed every second by `tickCountdowns`. */
export function slaCountdown(timing: { dueAt: string; warningAt: string; breached?: boolean }): HTMLElement {
  const element = document.createElement('span');
  element.className = 'sla';
  element.dataset.dueAt = timing.dueAt;
  element.dataset.warningAt = timing.warningAt;
  if (timing.breached) element.dataset.breached = 'true';
  paintSla(element, Date.now());
  return element;
}

/** A live lease timer for a claim. */
export function leaseCountdown(leaseExpiresAt: string): HTMLElement {
  const element = document.createElement('span');
  element.className = 'lease';
  element.dataset.leaseExpiresAt = leaseExpiresAt;
  paintLease(element, Date.now());
  return element;
}

/** Refreshes every countdown on the page. */
export function tickCountdowns(): void {
  const now = Date.now();
  for (const element of document.querySelectorAll<HTMLElement>('.sla')) paintSla(element, now);
  for (const element of document.querySelectorAll<HTMLElement>('.lease')) paintLease(element, now);
}

function paintSla(element: HTMLElement, now: number): void {
  const { dueAt = '', warningAt = '', breached } = element.dataset;
  const state = slaState({ dueAt, warningAt, breached: breached === 'true' }, now);
  element.dataset.state = state;
  const remaining = formatRemaining(Date.parse(dueAt) - now);
  element.textContent = state === 'breached' ? `⚠ ${t('breached')} ${remaining}` : remaining;
}

function paintLease(element: HTMLElement, now: number): void {
  const left = Date.parse(element.dataset.leaseExpiresAt ?? '') - now;
  element.dataset.state = left <= 0 ? 'breached' : left < 60_000 ? 'urgent' : 'ok';
  element.textContent = left <= 0 ? t('leaseExpired') : t('leaseLeft', { time: formatRemaining(left) });
}
