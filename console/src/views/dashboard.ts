import type { AppContext, View } from '../app.ts';
import { isLead } from '../app.ts';
import { horizontalBars, stackedBars } from '../charts.ts';
import { h, replaceChildren } from '../dom.ts';
import { t } from '../i18n.ts';

interface DashboardFigures {
  hours: {
    at: string;
    auto: { allow: number; review: number; block: number };
    human: { approve: number; remove: number };
    mlCalls: number;
    mlCostUsd: number;
  }[];
  slaByQueue: { queue: string; decided: number; withinSla: number; compliance?: number }[];
  backlogAge: { bucket: string; count: number }[];
  rules: { ruleId: string; hits: number; reviewed: number; overturned: number; overturnRate?: number }[];
  moderators: { moderatorId: string; decided: number; averageHandlingSeconds?: number }[];
  ml: { calls: number; costUsd: number };
}

const RULE_ROWS = 15;
const percent = (share: number | undefined) => (share === undefined ? '—' : `${Math.round(share * 100)}%`);

/** The leads' dashboard: small SVG plots of the last hours, drawn from `GET /v1/dashboard`. */
export function renderDashboard(main: HTMLElement, app: AppContext): View {
  if (!isLead(app.session)) {
    replaceChildren(main, h('p', { class: 'panel' }, t('leadsOnly')));
    return {};
  }
  const hoursSelect = h(
    'select',
    { id: 'dashboard-hours', 'aria-label': t('window'), onchange: () => void load() },
    [24, 72, 168].map((hours) => h('option', { value: hours }, t('lastHours', { hours }))),
  );
  const grid = h('div', { class: 'dashboard-grid' }, h('p', {}, t('loading')));
  replaceChildren(main, h('div', { class: 'toolbar' }, h('h1', {}, t('navDashboard')), hoursSelect), grid);

  async function load(): Promise<void> {
    try {
      render(await app.api.get<DashboardFigures>(`/v1/dashboard?hours=${hoursSelect.value}`));
    } catch (error) {
      app.toast((error as Error).message, 'error');
    }
  }

  function render(figures: DashboardFigures): void {
    const labels = figures.hours.map((hour) => hour.at.slice(11, 16));
    const panel = (title: string, ...content: (Node | string)[]) =>
      h('section', { class: 'panel chart-panel' }, h('h2', {}, title), ...content);
    replaceChildren(
      grid,
      panel(
        t('chartAutomatic'),
        stackedBars(t('chartAutomatic'), labels, [
          { label: 'allow', values: figures.hours.map((hour) => hour.auto.allow), className: 'series-allow' },
          {
            label: 'review',
            values: figures.hours.map((hour) => hour.auto.review),
            className: 'series-review',
          },
          { label: 'block', values: figures.hours.map((hour) => hour.auto.block), className: 'series-block' },
        ]),
      ),
      panel(
        t('chartHuman'),
        stackedBars(t('chartHuman'), labels, [
          {
            label: t('approve'),
            values: figures.hours.map((hour) => hour.human.approve),
            className: 'series-allow',
          },
          {
            label: t('remove'),
            values: figures.hours.map((hour) => hour.human.remove),
            className: 'series-block',
          },
        ]),
      ),
      panel(
        t('chartSla'),
        horizontalBars(
          t('chartSla'),
          figures.slaByQueue.map((queue) => ({
            label: queue.queue,
            value: queue.compliance ?? 0,
            text: `${percent(queue.compliance)} (${queue.withinSla}/${queue.decided})`,
            className: (queue.compliance ?? 1) < 0.9 ? 'bar-bad' : 'bar',
          })),
          1,
        ),
      ),
      panel(
        t('chartBacklog'),
        horizontalBars(
          t('chartBacklog'),
          figures.backlogAge.map((bucket) => ({
            label: bucket.bucket,
            value: bucket.count,
            text: String(bucket.count),
          })),
        ),
      ),
      panel(
        t('chartRules'),
        horizontalBars(
          t('chartRules'),
          figures.rules.slice(0, RULE_ROWS).map((rule) => ({
            label: rule.ruleId,
            value: rule.hits,
            text: `${rule.hits} · ${t('overturned')} ${percent(rule.overturnRate)}`,
            className: (rule.overturnRate ?? 0) > 0.5 ? 'bar-bad' : 'bar',
          })),
        ),
      ),
      panel(
        t('chartModerators'),
        horizontalBars(
          t('chartModerators'),
          figures.moderators.map((moderator) => ({
            label: moderator.moderatorId,
            value: moderator.decided,
            text: `${moderator.decided} · ${moderator.averageHandlingSeconds === undefined ? '—' : `${Math.round(moderator.averageHandlingSeconds)}s`}`,
          })),
        ),
      ),
      panel(
        t('chartMl', { calls: figures.ml.calls, cost: figures.ml.costUsd.toFixed(4) }),
        stackedBars(t('chartMl', { calls: figures.ml.calls, cost: figures.ml.costUsd.toFixed(4) }), labels, [
          {
            label: t('mlCalls'),
            values: figures.hours.map((hour) => hour.mlCalls),
            className: 'series-review',
          },
        ]),
      ),
    );
  }

  void load();
  return {};
}
