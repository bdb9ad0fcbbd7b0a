import type { CaseAudit, CaseDetail, QueueSummary, ReviewCase, UserRecord } from '../api-types.ts';
import type { AppContext, View } from '../app.ts';
import { leaseCountdown, slaCountdown } from '../countdowns.ts';
import { h, replaceChildren } from '../dom.ts';
import { ApiRequestError } from '../errors.ts';
import { type Highlight, segmentText } from '../highlight.ts';
import { fieldLabel, type MessageKey, t } from '../i18n.ts';
import { takeNextCase } from './queues.ts';

type Action = 'approve' | 'remove' | 'escalate';
const ACTION_KEYS: Record<string, Action> = { a: 'approve', r: 'remove', e: 'escalate' };
const FIELDS = ['title', 'body', 'tags'] as const;

/** Whether disturbing content is blurred; kept across cases, since a moderator sets it for a session. */
let blurred = false;

/** One case: the content with its matches, the author, reports, lease, audit trail and the decision. */
export function renderCase(main: HTMLElement, app: AppContext, caseId: string): View {
  let detail: CaseDetail | undefined;
  let queues: QueueSummary[] = [];
  let busy = false;
  replaceChildren(main, h('p', { 'aria-busy': 'true' }, t('loading')));

  const mine = (reviewCase: ReviewCase) =>
    reviewCase.status === 'claimed' && reviewCase.claim?.moderatorId === app.session.userId;

  async function load(): Promise<void> {
    try {
      const [loaded, audit, queueList] = await Promise.all([
        app.api.get<CaseDetail>(`/v1/cases/${encodeURIComponent(caseId)}`),
        app.api.get<CaseAudit>(`/v1/cases/${encodeURIComponent(caseId)}/audit`),
        app.api.get<{ queues: QueueSummary[] }>('/v1/queues'),
      ]);
      detail = loaded;
      queues = queueList.queues;
      const author = await loadAuthor(loaded.case);
      render(loaded, audit, author);
    } catch (error) {
      app.toast((error as Error).message, 'error');
    }
  }

  async function loadAuthor(reviewCase: ReviewCase): Promise<UserRecord | undefined> {
    const userId =
      reviewCase.author?.userId ?? (reviewCase.subject.type === 'user' ? reviewCase.subject.userId : '');
    if (userId === '') return undefined;
    try {
      return await app.api.get<UserRecord>(
        `/v1/users/${encodeURIComponent(reviewCase.tenant)}/${encodeURIComponent(userId)}`,
      );
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 404) return undefined;
      throw error;
    }
  }

  function render(loaded: CaseDetail, audit: CaseAudit, author: UserRecord | undefined): void {
    const reviewCase = loaded.case;
    replaceChildren(
      main,
      h(
        'div',
        { class: 'case-page' },
        h(
          'section',
          {
            class: 'panel content-panel',
            'aria-labelledby': 'content-title',
            'data-content-id':
              reviewCase.subject.type === 'content' ? reviewCase.subject.contentId : undefined,
          },
          h(
            'div',
            { class: 'toolbar' },
            h('a', { href: '#/queues' }, `← ${t('back')}`),
            h('h1', { id: 'content-title' }, `${t('content')} · ${subjectLabel(reviewCase)}`),
            h(
              'button',
              { type: 'button', id: 'blur-toggle', 'aria-pressed': String(blurred), onclick: toggleBlur },
              `${blurred ? t('unblur') : t('blur')} `,
              h('kbd', {}, 'b'),
            ),
          ),
          contentView(reviewCase, loaded.highlights),
          matchedRules(loaded.highlights, reviewCase),
          mlScores(loaded),
        ),
        h(
          'aside',
          { class: 'side' },
          h(
            'section',
            { class: 'panel' },
            h(
              'dl',
              { class: 'facts' },
              h('dt', {}, t('queue')),
              h('dd', {}, reviewCase.queue),
              h('dt', {}, t('priority')),
              h('dd', {}, h('span', { class: `priority ${reviewCase.priority}` }, reviewCase.priority)),
              h('dt', {}, t('status')),
              h('dd', {}, t(reviewCase.status)),
              h('dt', {}, t('due')),
              h('dd', {}, reviewCase.status === 'decided' ? '' : slaCountdown(reviewCase)),
              h('dt', {}, t('lease')),
              h('dd', {}, leaseView(reviewCase)),
            ),
          ),
          decisionForm(reviewCase),
          authorView(author),
          reportsView(loaded),
          auditView(audit),
        ),
      ),
    );
  }

  function contentView(reviewCase: ReviewCase, highlights: Highlight[]): HTMLElement {
    const snapshot = reviewCase.snapshot;
    const texts: Record<string, string | undefined> = {
      title: snapshot?.title,
      body: snapshot?.body,
      tags: snapshot?.tags?.join('\n'),
    };
    return h(
      'div',
      { class: `content${blurred ? ' blurred' : ''}`, id: 'content', lang: snapshot?.locale },
      FIELDS.filter((field) => texts[field] !== undefined).map((field) =>
        h(
          'div',
          { class: `field field-${field}` },
          h('div', { class: 'field-label' }, fieldLabel(field)),
          h(
            'div',
            { class: 'field-text' },
            segmentText(
              texts[field] ?? '',
              highlights.filter((highlight) => highlight.field === field),
            ).map((segment) =>
              segment.highlights.length === 0
                ? segment.text
                : h(
                    'mark',
                    {
                      title: segment.highlights.map((span) => `${span.ruleId} (${span.clause})`).join('\n'),
                      'data-rules': segment.highlights.map((span) => span.ruleId).join(' '),
                    },
                    segment.text,
                  ),
            ),
          ),
        ),
      ),
    );
  }

  function matchedRules(highlights: Highlight[], reviewCase: ReviewCase): HTMLElement {
    return h(
      'div',
      { class: 'matched-rules' },
      h('h2', {}, t('matchedRules')),
      h(
        'ul',
        {},
        reviewCase.reasons.map((reason) =>
          h(
            'li',
            {},
            h('code', {}, reason.ruleId),
            ` · ${t('clause')}: ${reason.clause} · ${reason.severity} · `,
            highlights
              .filter((span) => span.ruleId === reason.ruleId)
              .map((span) =>
                h('span', { class: 'span-ref' }, `${fieldLabel(span.field)} ${span.start}–${span.end}`),
              ),
          ),
        ),
      ),
    );
  }

  function mlScores(loaded: CaseDetail): HTMLElement {
    const ml = loaded.verdictHistory.at(-1)?.ml;
    return h(
      'div',
      { class: 'ml-scores' },
      h('h2', {}, t('mlScores')),
      ml === undefined
        ? h('p', {}, t('noMl'))
        : ml.models.map((model) =>
            h(
              'dl',
              { class: 'scores' },
              Object.entries(model.scores).map(([label, score]) => [
                h('dt', {}, `${model.modelId} · ${label}`),
                h('dd', {}, h('meter', { min: 0, max: 1, value: score }), ` ${score.toFixed(2)}`),
              ]),
            ),
          ),
    );
  }

  function leaseView(reviewCase: ReviewCase): HTMLElement {
    const claim = reviewCase.claim;
    if (mine(reviewCase) && claim !== undefined)
      return h(
        'span',
        {},
        leaseCountdown(claim.leaseExpiresAt),
        h('button', { type: 'button', onclick: () => void act('renew') }, t('renew')),
        h('button', { type: 'button', onclick: () => void act('release') }, t('release')),
      );
    return h(
      'span',
      {},
      reviewCase.status === 'claimed' ? `${claim?.moderatorId ?? ''} ` : '',
      reviewCase.status !== 'decided' &&
        h('button', { type: 'button', id: 'claim', onclick: () => void act('claim') }, t('claim')),
    );
  }

  function decisionForm(reviewCase: ReviewCase): HTMLElement {
    if (reviewCase.status === 'decided')
      return h(
        'section',
        { class: 'panel' },
        h('h2', {}, t('decision')),
        h('p', {}, `${reviewCase.outcome?.action ?? ''} · ${reviewCase.outcome?.moderatorId ?? ''}`),
      );
    const escalateTo = queues.find((queue) => queue.name === reviewCase.queue)?.escalateTo;
    return h(
      'section',
      { class: 'panel decision', 'aria-labelledby': 'decision-title' },
      h('h2', { id: 'decision-title' }, t('decision')),
      !mine(reviewCase) && h('p', { class: 'hint' }, t('notClaimed')),
      h('label', { for: 'reason-code' }, t('reasonCode')),
      h('input', { id: 'reason-code', value: reviewCase.reasons[0]?.clause ?? '' }),
      h('label', { for: 'note' }, t('note')),
      h('textarea', { id: 'note', rows: 2 }),
      h('label', { for: 'to-queue' }, t('toQueue')),
      h(
        'select',
        { id: 'to-queue' },
        queues
          .filter((queue) => queue.name !== reviewCase.queue)
          .map((queue) =>
            h('option', { value: queue.name, selected: queue.name === escalateTo }, queue.name),
          ),
        escalateTo !== undefined &&
          !queues.some((queue) => queue.name === escalateTo) &&
          h('option', { value: escalateTo, selected: true }, escalateTo),
      ),
      h(
        'label',
        {},
        h('input', { type: 'checkbox', id: 'submit-next', checked: true }),
        ` ${t('submitAndNext')}`,
      ),
      h(
        'div',
        { class: 'row' },
        (['approve', 'remove', 'escalate'] as const).map((action) =>
          h(
            'button',
            {
              type: 'button',
              class: `decide ${action}`,
              'data-action': action,
              'aria-keyshortcuts': action[0],
              disabled: !mine(reviewCase),
              onclick: () => void decide(action),
            },
            `${t(action)} `,
            h('kbd', {}, action[0] ?? ''),
          ),
        ),
      ),
    );
  }

  function authorView(author: UserRecord | undefined): HTMLElement {
    if (author === undefined)
      return h('section', { class: 'panel' }, h('h2', {}, t('author')), h('p', {}, t('noAuthor')));
    return h(
      'section',
      { class: 'panel author' },
      h('h2', {}, `${t('author')} · ${author.userId}`),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, t('strikes')),
        h('dd', {}, String(author.strikes.total)),
        h('dt', {}, t('enforcement')),
        h('dd', {}, JSON.stringify(author.enforcement).slice(0, 80)),
        h('dt', {}, t('linkedAccounts')),
        h('dd', {}, author.linkedAccounts.map((linked) => JSON.stringify(linked)).join(', ') || '—'),
      ),
      h('h3', {}, t('previousVerdicts')),
      h(
        'ul',
        { class: 'compact' },
        author.recentVerdicts
          .slice(0, 5)
          .map((verdict) => h('li', {}, JSON.stringify(verdict).slice(0, 120))),
      ),
    );
  }

  function reportsView(loaded: CaseDetail): HTMLElement {
    return h(
      'section',
      { class: 'panel' },
      h('h2', {}, `${t('reports')} (${loaded.reports.length})`),
      loaded.reports.length === 0
        ? h('p', {}, t('noReports'))
        : h(
            'ul',
            { class: 'compact' },
            loaded.reports.map((report) =>
              h('li', {}, `${report.reportedAt.slice(0, 16)} · ${report.reporterId} · ${report.reasonCode}`),
            ),
          ),
    );
  }

  function auditView(audit: CaseAudit): HTMLElement {
    return h(
      'details',
      { class: 'panel audit' },
      h('summary', {}, `${t('audit')} (${audit.entries.length})`),
      h(
        'ol',
        { class: 'compact' },
        audit.entries.map((entry) =>
          h(
            'li',
            {},
            h('time', { datetime: entry.at }, new Date(entry.at).toLocaleString()),
            ' ',
            entry.kind === 'view'
              ? `view · ${entry.viewerId}`
              : `${entry.event.type} · ${entry.event.actor.moderatorId ?? entry.event.actor.type}`,
          ),
        ),
      ),
    );
  }

  function toggleBlur(): void {
    blurred = !blurred;
    document.getElementById('content')?.classList.toggle('blurred', blurred);
    const button = document.getElementById('blur-toggle');
    if (button !== null) {
      button.setAttribute('aria-pressed', String(blurred));
      button.firstChild?.replaceWith(`${blurred ? t('unblur') : t('blur')} `);
    }
  }

  async function act(action: 'claim' | 'renew' | 'release'): Promise<void> {
    const claimVersion = detail?.case.claim?.version;
    try {
      await app.api.post(
        `/v1/cases/${encodeURIComponent(caseId)}/${action}`,
        action === 'claim' || claimVersion === undefined ? {} : { claimVersion },
      );
      await load();
    } catch (error) {
      app.toast((error as Error).message, 'error');
    }
  }

  async function decide(action: Action): Promise<void> {
    const reviewCase = detail?.case;
    if (reviewCase === undefined || busy) return;
    if (!mine(reviewCase) || reviewCase.claim === undefined) {
      app.toast(t('notClaimed'), 'error');
      return;
    }
    const value = (id: string) => (document.getElementById(id) as HTMLInputElement | null)?.value ?? '';
    const note = value('note');
    busy = true;
    try {
      await app.api.post(
        `/v1/cases/${encodeURIComponent(caseId)}/decision`,
        {
          action,
          reasonCode: value('reason-code'),
          claimVersion: reviewCase.claim.version,
          ...(note === '' ? {} : { note }),
          ...(action === 'escalate' ? { toQueue: value('to-queue') } : {}),
        },
        { 'idempotency-key': `${caseId}:${reviewCase.claim.version}:${action}` },
      );
      app.toast(t('decidedToast', { caseId, action: t(action as MessageKey) }));
      if ((document.getElementById('submit-next') as HTMLInputElement | null)?.checked)
        await takeNextCase(app, reviewCase.queue);
      else await load();
    } catch (error) {
      app.toast((error as Error).message, 'error');
    } finally {
      busy = false;
    }
  }

  void load();
  return {
    onKey(event) {
      const action = ACTION_KEYS[event.key];
      if (action !== undefined) {
        void decide(action);
        return true;
      }
      if (event.key === 'b') {
        toggleBlur();
        return true;
      }
      if (event.key === 'n') {
        void takeNextCase(app, detail?.case.queue).catch((error: Error) => app.toast(error.message, 'error'));
        return true;
      }
      return false;
    },
  };
}

function subjectLabel(reviewCase: ReviewCase): string {
  return reviewCase.subject.type === 'content' ? reviewCase.subject.contentId : reviewCase.subject.userId;
}
