import type { QueueSummary, ReviewCase } from '../api-types.ts';
import type { AppContext, View } from '../app.ts';
import { isLead } from '../app.ts';
import { slaCountdown } from '../countdowns.ts';
import { h, replaceChildren } from '../dom.ts';
import { type MessageKey, t } from '../i18n.ts';

const LIST_LIMIT = 200;
const STATUSES = ['open', 'claimed', 'escalated', 'decided'] as const;

/** The filters of the queue page, kept while the moderator moves between cases. */
const filters = { queue: '', status: 'open' as (typeof STATUSES)[number], overdue: false };

/** Takes the most urgent waiting case (of one queue, or of all the caller's) and opens it. */
export async function takeNextCase(app: AppContext, queue?: string): Promise<void> {
  const { case: next } = await app.api.post<{ case: ReviewCase | null }>(
    '/v1/cases/next',
    queue ? { queue } : {},
  );
  if (next === null) {
    app.toast(t('noCase'));
    app.navigate('#/queues');
  } else app.navigate(`#/cases/${encodeURIComponent(next.caseId)}`);
}

/** The queues page: counts per queue, a queue's cases by urgency with live SLA countdowns, filters, bulk decisions. */
export function renderQueues(main: HTMLElement, app: AppContext): View {
  const selected = new Set<string>();
  let cases: ReviewCase[] = [];
  const counts = h('nav', { class: 'queue-list', 'aria-label': t('queue') });
  const table = h('div', { class: 'case-table' });
  const bulkBar = h('div', { class: 'bulk-bar' });
  const nextButton = h(
    'button',
    { type: 'button', class: 'primary', 'aria-keyshortcuts': 'n', onclick: () => void next() },
    `${t('nextCase')} `,
    h('kbd', {}, 'n'),
  );
  const statusSelect = h(
    'select',
    { id: 'status-filter', onchange: () => changeFilter() },
    STATUSES.map((status) => h('option', { value: status, selected: status === filters.status }, t(status))),
  );
  const overdueBox = h('input', {
    type: 'checkbox',
    id: 'overdue-filter',
    checked: filters.overdue,
    onchange: () => changeFilter(),
  });
  replaceChildren(
    main,
    h(
      'div',
      { class: 'queues-page' },
      counts,
      h(
        'section',
        { class: 'panel' },
        h(
          'div',
          { class: 'toolbar' },
          nextButton,
          h('label', { for: 'status-filter' }, t('status')),
          statusSelect,
          h('label', {}, overdueBox, ` ${t('overdueOnly')}`),
        ),
        isLead(app.session) && bulkBar,
        table,
      ),
    ),
  );

  async function next(): Promise<void> {
    try {
      await takeNextCase(app, filters.queue || undefined);
    } catch (error) {
      app.toast((error as Error).message, 'error');
    }
  }

  function changeFilter(): void {
    filters.status = statusSelect.value as (typeof STATUSES)[number];
    filters.overdue = overdueBox.checked;
    void loadCases();
  }

  async function loadQueues(): Promise<void> {
    const { queues } = await app.api.get<{ queues: QueueSummary[] }>('/v1/queues');
    if (!queues.some((queue) => queue.name === filters.queue)) filters.queue = queues[0]?.name ?? '';
    const waiting = await Promise.all(
      queues.map((queue) =>
        app.api
          .get<{ cases: ReviewCase[] }>(
            `/v1/cases?queue=${encodeURIComponent(queue.name)}&limit=${LIST_LIMIT}`,
          )
          .then(({ cases: open }) => open.length),
      ),
    );
    replaceChildren(
      counts,
      h(
        'ul',
        {},
        queues.map((queue, index) =>
          h(
            'li',
            {},
            h(
              'button',
              {
                type: 'button',
                class: 'queue-button',
                'aria-current': queue.name === filters.queue ? 'true' : undefined,
                title: queue.description,
                onclick: () => {
                  filters.queue = queue.name;
                  void refresh();
                },
              },
              h('span', {}, queue.name),
              h('span', { class: 'count' }, countLabel(waiting[index] ?? 0)),
            ),
          ),
        ),
      ),
    );
  }

  async function loadCases(): Promise<void> {
    if (filters.queue === '') {
      replaceChildren(table, h('p', {}, t('emptyQueue')));
      return;
    }
    const query = new URLSearchParams({
      queue: filters.queue,
      status: filters.status,
      limit: String(LIST_LIMIT),
    });
    if (filters.overdue) query.set('overdue', 'true');
    ({ cases } = await app.api.get<{ cases: ReviewCase[] }>(`/v1/cases?${query}`));
    selected.clear();
    renderTable();
  }

  function renderTable(): void {
    renderBulkBar();
    if (cases.length === 0) {
      replaceChildren(table, h('p', {}, t('emptyQueue')));
      return;
    }
    const lead = isLead(app.session);
    const all = h('input', {
      type: 'checkbox',
      'aria-label': t('selectAll'),
      onchange: (event: Event) => {
        for (const reviewCase of cases)
          if ((event.target as HTMLInputElement).checked) selected.add(reviewCase.caseId);
          else selected.delete(reviewCase.caseId);
        renderTable();
      },
    });
    replaceChildren(
      table,
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            lead && h('th', {}, all),
            (['priority', 'severity', 'subject', 'reasons', 'due', 'status'] as MessageKey[]).map((key) =>
              h('th', { scope: 'col' }, t(key)),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          cases.map((reviewCase) => caseRow(reviewCase, lead)),
        ),
      ),
    );
  }

  function caseRow(reviewCase: ReviewCase, lead: boolean): HTMLElement {
    const subject =
      reviewCase.subject.type === 'content' ? reviewCase.subject.contentId : reviewCase.subject.userId;
    const preview = reviewCase.snapshot?.title ?? reviewCase.snapshot?.body ?? '';
    return h(
      'tr',
      { 'data-case-id': reviewCase.caseId, 'data-breached': reviewCase.breached },
      lead &&
        h(
          'td',
          {},
          h('input', {
            type: 'checkbox',
            'aria-label': t('selectCase', { caseId: reviewCase.caseId }),
            checked: selected.has(reviewCase.caseId),
            onchange: (event: Event) => {
              if ((event.target as HTMLInputElement).checked) selected.add(reviewCase.caseId);
              else selected.delete(reviewCase.caseId);
              renderBulkBar();
            },
          }),
        ),
      h('td', {}, h('span', { class: `priority ${reviewCase.priority}` }, reviewCase.priority)),
      h('td', {}, reviewCase.severity ?? ''),
      h(
        'td',
        {},
        h('a', { href: `#/cases/${encodeURIComponent(reviewCase.caseId)}` }, subject),
        h('div', { class: 'preview' }, preview.slice(0, 80)),
      ),
      h('td', {}, [...new Set(reviewCase.reasons.map((reason) => reason.ruleId))].join(', ')),
      h('td', {}, reviewCase.status === 'decided' ? '' : slaCountdown(reviewCase)),
      h('td', {}, t(reviewCase.status)),
    );
  }

  function renderBulkBar(): void {
    const action = h(
      'select',
      { id: 'bulk-action', 'aria-label': t('decision') },
      h('option', { value: 'approve' }, t('approve')),
      h('option', { value: 'remove' }, t('remove')),
    );
    const reason = h('input', {
      id: 'bulk-reason',
      'aria-label': t('reasonCode'),
      placeholder: t('reasonCode'),
    });
    replaceChildren(
      bulkBar,
      h('span', {}, t('selected', { count: selected.size })),
      action,
      reason,
      h(
        'button',
        {
          type: 'button',
          disabled: selected.size === 0,
          onclick: async () => {
            try {
              const { results } = await app.api.post<{ results: { status: string }[] }>(
                '/v1/cases/bulk-decision',
                {
                  queue: filters.queue,
                  caseIds: [...selected],
                  action: action.value,
                  reasonCode: reason.value,
                },
                { 'idempotency-key': crypto.randomUUID() },
              );
              const decided = results.filter((result) => result.status === 'decided').length;
              app.toast(t('bulkDone', { decided, refused: results.length - decided }));
              await refresh();
            } catch (error) {
              app.toast((error as Error).message, 'error');
            }
          },
        },
        t('bulkDecide'),
      ),
    );
  }

  async function refresh(): Promise<void> {
    try {
      await loadQueues();
      await loadCases();
    } catch (error) {
      app.toast((error as Error).message, 'error');
    }
  }

  void refresh();
  return {
    onKey(event) {
      if (event.key !== 'n') return false;
      void next();
      return true;
    },
  };
}

function countLabel(count: number): string {
  return count >= LIST_LIMIT ? `${LIST_LIMIT}+` : String(count);
}
