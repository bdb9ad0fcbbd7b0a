import type {
  BacktestReport,
  PackIssue,
  RepatrolJob,
  RuleSetDetail,
  RuleSetDiff,
  RuleSetList,
} from '../api-types.ts';
import type { AppContext, View } from '../app.ts';
import { isLead } from '../app.ts';
import { h, replaceChildren } from '../dom.ts';
import { ApiRequestError } from '../errors.ts';
import { type MessageKey, t } from '../i18n.ts';

const VALIDATE_DELAY_MS = 400;
const POLL_MS = 400;
const PRECISION_FLOOR = 0.5;
const PRECISION_DROP = 0.1;
const MIN_REVIEWED = 3;

/** Moderators' precision per rule over a week and over the last day, from the dashboard figures. */
interface RulePrecision {
  week?: number;
  day?: number;
  reviewed: number;
  falls: boolean;
}

/** The leads' rules page: versions with their status, a pack editor that shows mistakes at their line, diff, back-test, publish and roll back. */
export function renderRules(main: HTMLElement, app: AppContext, selectedVersion?: number): View {
  if (!isLead(app.session)) {
    replaceChildren(main, h('p', { class: 'panel' }, t('leadsOnly')));
    return {};
  }
  let list: RuleSetList | undefined;
  let detail: RuleSetDetail | undefined;
  let fileName = 'common.yaml';
  let edited: Record<string, string> = {};
  let validateTimer: number | undefined;
  let precision = new Map<string, RulePrecision>();
  const versionsPanel = h('nav', { class: 'panel versions', 'aria-label': t('versions') });
  const editorPanel = h('section', { class: 'panel editor-panel', 'aria-label': t('pack') });
  const resultPanel = h('section', { class: 'panel results', 'aria-live': 'polite' });
  replaceChildren(
    main,
    h('div', { class: 'rules-page' }, versionsPanel, h('div', {}, editorPanel, resultPanel)),
  );

  async function load(number?: number): Promise<void> {
    try {
      list = await app.api.get<RuleSetList>('/v1/rule-sets');
      precision = await loadPrecision();
      const chosen = number ?? list.active?.active ?? list.versions.at(-1)?.number ?? 1;
      detail = await app.api.get<RuleSetDetail>(`/v1/rule-sets/${chosen}`);
      edited = { ...detail.version.packs };
      if (!(fileName in edited)) fileName = Object.keys(edited)[0] ?? '';
      renderVersions();
      renderEditor([]);
    } catch (error) {
      app.toast((error as Error).message, 'error');
    }
  }

  async function loadPrecision(): Promise<Map<string, RulePrecision>> {
    type Figures = { rules: { ruleId: string; reviewed: number; overturned: number }[] };
    const [week, day] = await Promise.all([
      app.api.get<Figures>('/v1/dashboard?hours=168'),
      app.api.get<Figures>('/v1/dashboard?hours=24'),
    ]);
    const share = (rule: { reviewed: number; overturned: number } | undefined) =>
      rule === undefined || rule.reviewed === 0
        ? undefined
        : (rule.reviewed - rule.overturned) / rule.reviewed;
    return new Map(
      week.rules.map((rule) => {
        const recent = day.rules.find((candidate) => candidate.ruleId === rule.ruleId);
        const weekShare = share(rule);
        const dayShare = share(recent);
        const falls =
          rule.reviewed >= MIN_REVIEWED &&
          ((weekShare ?? 1) < PRECISION_FLOOR ||
            (dayShare !== undefined && weekShare !== undefined && dayShare < weekShare - PRECISION_DROP));
        return [
          rule.ruleId,
          {
            ...(weekShare === undefined ? {} : { week: weekShare }),
            ...(dayShare === undefined ? {} : { day: dayShare }),
            reviewed: rule.reviewed,
            falls,
          },
        ];
      }),
    );
  }

  function statusOf(number: number): MessageKey {
    if (list?.active?.active === number) return 'live';
    return list?.active?.history.includes(number) ? 'previous' : 'draft';
  }

  function renderVersions(): void {
    if (list === undefined) return;
    replaceChildren(
      versionsPanel,
      h('h1', {}, t('rulesTitle')),
      h(
        'ol',
        { class: 'version-list', reversed: true },
        [...list.versions].reverse().map((version) =>
          h(
            'li',
            {},
            h(
              'button',
              {
                type: 'button',
                class: 'version-button',
                'data-version': version.number,
                'aria-current': version.number === detail?.version.number ? 'true' : undefined,
                onclick: () => void load(version.number),
              },
              h('strong', {}, t('version', { number: version.number })),
              ' ',
              h('span', { class: `badge ${statusOf(version.number)}` }, t(statusOf(version.number))),
              h('div', { class: 'meta' }, `${version.createdBy} · ${version.createdAt.slice(0, 16)}`),
              version.note !== undefined && h('div', { class: 'meta' }, version.note),
            ),
          ),
        ),
      ),
      h('h2', {}, t('auditLog')),
      h(
        'ul',
        { class: 'compact' },
        list.audit
          .slice(0, 10)
          .map((entry) =>
            h('li', {}, `${entry.at.slice(0, 16)} ${entry.actorId} ${entry.action} v${entry.version}`),
          ),
      ),
    );
  }

  function renderEditor(issues: PackIssue[]): void {
    if (detail === undefined) return;
    const number = detail.version.number;
    const text = edited[fileName] ?? '';
    const errorLines = new Map(
      issues.filter((issue) => issue.file === fileName).map((issue) => [issue.line, issue]),
    );
    const gutter = h(
      'div',
      { class: 'gutter', 'aria-hidden': 'true' },
      text.split('\n').map((_, index) =>
        h(
          'div',
          {
            'data-line': index + 1,
            class: errorLines.has(index + 1) ? 'error' : undefined,
            title: errorLines.get(index + 1)?.message,
          },
          String(index + 1),
        ),
      ),
    );
    const editor = h('textarea', {
      id: 'pack-editor',
      spellcheck: 'false',
      'aria-label': `${t('pack')} ${fileName}`,
      'aria-describedby': 'pack-issues',
      wrap: 'off',
    });
    editor.value = text;
    editor.addEventListener('scroll', () => {
      gutter.scrollTop = editor.scrollTop;
    });
    editor.addEventListener('input', () => {
      edited[fileName] = editor.value;
      window.clearTimeout(validateTimer);
      validateTimer = window.setTimeout(() => void validate(false), VALIDATE_DELAY_MS);
    });
    const rulesOfFile = detail.rules.filter((rule) => rule.file === fileName);
    const live = list?.active?.active;
    replaceChildren(
      editorPanel,
      h(
        'div',
        { class: 'toolbar' },
        h(
          'h2',
          {},
          `${t('version', { number })} · `,
          h('span', { class: `badge ${statusOf(number)}` }, t(statusOf(number))),
        ),
        h('label', { for: 'pack-file' }, t('pack')),
        h(
          'select',
          {
            id: 'pack-file',
            onchange: (event: Event) => {
              fileName = (event.target as HTMLSelectElement).value;
              renderEditor([]);
            },
          },
          Object.keys(edited).map((name) => h('option', { value: name, selected: name === fileName }, name)),
        ),
        h('button', { type: 'button', onclick: () => void validate(true) }, t('validate')),
        h(
          'button',
          { type: 'button', class: 'primary', id: 'save-version', onclick: () => void save() },
          t('saveVersion'),
        ),
      ),
      h('div', { class: 'editor' }, gutter, editor),
      h(
        'ul',
        { id: 'pack-issues', class: 'issues' },
        issues.map((issue) =>
          h(
            'li',
            { 'data-line': issue.line },
            h(
              'button',
              { type: 'button', class: 'link', onclick: () => goToLine(editor, issue.line) },
              `${issue.file}:${issue.line}:${issue.column}`,
            ),
            ` ${issue.ruleId ?? ''} ${issue.field}: ${issue.message}`,
          ),
        ),
      ),
      h(
        'table',
        { class: 'rules-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            (['rule', 'status', 'severity', 'action', 'precision', 'line'] as MessageKey[]).map((key) =>
              h('th', {}, t(key)),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          rulesOfFile.map((rule) =>
            h(
              'tr',
              {},
              h('td', {}, h('code', {}, rule.id)),
              h('td', {}, h('span', { class: `badge ${rule.status}` }, t(rule.status as MessageKey))),
              h('td', {}, rule.severity),
              h('td', {}, rule.action),
              h(
                'td',
                { class: precision.get(rule.id)?.falls ? 'flagged' : undefined },
                precisionText(precision.get(rule.id)),
              ),
              h(
                'td',
                {},
                h(
                  'button',
                  { type: 'button', class: 'link', onclick: () => goToLine(editor, rule.line) },
                  String(rule.line),
                ),
              ),
            ),
          ),
        ),
      ),
      h(
        'div',
        { class: 'toolbar' },
        h('label', { for: 'backtest-days' }, t('days')),
        h('input', { id: 'backtest-days', type: 'number', min: 1, max: 90, value: 7, class: 'narrow' }),
        h('button', { type: 'button', id: 'run-backtest', onclick: () => void backtest() }, t('backtest')),
        live !== undefined &&
          live !== number &&
          h(
            'button',
            { type: 'button', id: 'show-diff', onclick: () => void diff(live, number) },
            t('diffWithLive'),
          ),
        live !== number &&
          h(
            'button',
            { type: 'button', id: 'publish', class: 'primary', onclick: () => void publish(number) },
            t('publish'),
          ),
        live === number &&
          h(
            'span',
            { class: 'row' },
            h(
              'select',
              { id: 'repatrol-rule', 'aria-label': t('rule') },
              h('option', { value: '' }, t('allRules')),
              detail.rules
                .filter((rule) => rule.status === 'live')
                .map((rule) => h('option', { value: rule.id }, rule.id)),
            ),
            h(
              'button',
              { type: 'button', id: 'start-repatrol', onclick: () => void repatrol() },
              t('repatrol'),
            ),
          ),
        live === number &&
          (list?.active?.history.length ?? 0) > 0 &&
          h('button', { type: 'button', id: 'roll-back', onclick: () => void rollBack() }, t('rollBack')),
      ),
    );
  }

  async function validate(announce: boolean): Promise<PackIssue[]> {
    const { issues } = await app.api.post<{ issues: PackIssue[] }>('/v1/rule-sets/validate', {
      fileName,
      yamlText: edited[fileName] ?? '',
    });
    const focused = document.activeElement;
    const selection = focused instanceof HTMLTextAreaElement ? focused.selectionStart : undefined;
    renderEditor(issues);
    const editor = document.getElementById('pack-editor') as HTMLTextAreaElement;
    if (selection !== undefined) {
      editor.focus();
      editor.setSelectionRange(selection, selection);
    } else if (issues[0] !== undefined) goToLine(editor, issues[0].line);
    if (announce)
      app.toast(
        issues.length === 0 ? t('noIssues') : t('issuesFound', { count: issues.length }),
        issues.length === 0 ? 'info' : 'error',
      );
    return issues;
  }

  async function save(): Promise<void> {
    if (detail === undefined) return;
    try {
      if ((await validate(false)).length > 0) {
        app.toast(t('issuesFound', { count: document.querySelectorAll('#pack-issues li').length }), 'error');
        return;
      }
      const { version } = await app.api.post<{ version: { number: number } }>('/v1/rule-sets', {
        basedOn: detail.version.number,
        packs: edited,
      });
      app.toast(t('saved', { number: version.number }));
      await load(version.number);
    } catch (error) {
      if (error instanceof ApiRequestError && Array.isArray(error.body.issues))
        renderEditor(error.body.issues as PackIssue[]);
      app.toast((error as Error).message, 'error');
    }
  }

  async function backtest(): Promise<void> {
    if (detail === undefined) return;
    const days = Number((document.getElementById('backtest-days') as HTMLInputElement).value);
    try {
      renderBacktest(
        await app.api.post<BacktestReport>(`/v1/rule-sets/${detail.version.number}/backtest`, { days }),
      );
    } catch (error) {
      app.toast((error as Error).message, 'error');
    }
  }

  function renderBacktest(report: BacktestReport): void {
    const percent = (value: number | undefined) =>
      value === undefined ? '—' : `${Math.round(value * 100)}%`;
    replaceChildren(
      resultPanel,
      h('h2', { id: 'backtest-title' }, `${t('backtest')} · ${t('version', { number: report.version })}`),
      h(
        'p',
        { class: 'backtest-summary' },
        t('backtestSummary', {
          items: report.items,
          days: report.days,
          decided: report.decidedByModerators,
          changed: report.changed,
        }),
      ),
      h(
        'ul',
        { class: 'compact' },
        Object.entries(report.changes).map(([change, count]) => h('li', {}, `${change}: ${count}`)),
      ),
      h(
        'table',
        { class: 'backtest-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            (
              [
                'rule',
                'status',
                'hits',
                'newHits',
                'lostHits',
                'precision',
                'recall',
                'examples',
              ] as MessageKey[]
            ).map((key) => h('th', {}, t(key))),
          ),
        ),
        h(
          'tbody',
          {},
          report.rules.map((rule) =>
            h(
              'tr',
              { 'data-rule': rule.ruleId, class: rule.precisionFalls ? 'flagged' : undefined },
              h('td', {}, h('code', {}, rule.ruleId)),
              h('td', {}, h('span', { class: `badge ${rule.status}` }, t(rule.status as MessageKey))),
              h('td', {}, `${rule.hits} (${rule.liveHits})`),
              h('td', {}, String(rule.newHits)),
              h('td', {}, String(rule.lostHits)),
              h(
                'td',
                {},
                `${percent(rule.precision)} (${percent(rule.liveRulePrecision)})`,
                rule.precisionFalls && h('span', { class: 'badge breached' }, ` ⚠ ${t('precisionFalls')}`),
              ),
              h('td', {}, percent(rule.recall)),
              h('td', { class: 'meta' }, rule.examples.join(', ')),
            ),
          ),
        ),
      ),
    );
  }

  async function diff(from: number, to: number): Promise<void> {
    try {
      const result = await app.api.get<RuleSetDiff>(`/v1/rule-sets/diff?from=${from}&to=${to}`);
      replaceChildren(
        resultPanel,
        h('h2', {}, `${t('version', { number: from })} → ${t('version', { number: to })}`),
        h(
          'dl',
          { class: 'facts' },
          h('dt', {}, t('rulesAdded')),
          h('dd', {}, result.rules.added.join(', ') || '—'),
          h('dt', {}, t('rulesRemoved')),
          h('dd', {}, result.rules.removed.join(', ') || '—'),
          h('dt', {}, t('rulesChanged')),
          h(
            'dd',
            {},
            result.rules.changed
              .map((id) => {
                const status = result.rules.statusChanged.find((change) => change.id === id);
                return status === undefined ? id : `${id} (${status.from} → ${status.to})`;
              })
              .join(', ') || '—',
          ),
        ),
        result.files.map((file) =>
          h(
            'div',
            { class: 'diff-file' },
            h('h3', {}, `${file.fileName} (${file.status})`),
            h(
              'pre',
              { class: 'diff' },
              file.lines.map((line) =>
                h(
                  'div',
                  { class: `diff-${line.op}` },
                  `${String(line.oldLine ?? '').padStart(4)} ${String(line.newLine ?? '').padStart(4)} ${line.op === 'add' ? '+' : line.op === 'remove' ? '-' : ' '} ${line.text}`,
                ),
              ),
            ),
          ),
        ),
      );
    } catch (error) {
      app.toast((error as Error).message, 'error');
    }
  }

  async function repatrol(): Promise<void> {
    const days = Number((document.getElementById('backtest-days') as HTMLInputElement).value);
    const ruleId = (document.getElementById('repatrol-rule') as HTMLSelectElement).value;
    const bar = h('progress', { id: 'repatrol-progress', max: 1, value: 0, 'aria-label': t('repatrol') });
    const status = h('p', { id: 'repatrol-status', role: 'status' });
    replaceChildren(resultPanel, h('h2', {}, t('repatrol')), bar, status);
    try {
      let { job } = await app.api.post<{ job: RepatrolJob }>('/v1/rule-sets/repatrol', {
        days,
        ...(ruleId === '' ? {} : { ruleId }),
      });
      while (job.status === 'running') {
        bar.max = Math.max(job.total, 1);
        bar.value = job.evaluated;
        status.textContent = t('repatrolProgress', { evaluated: job.evaluated, total: job.total });
        await new Promise((resolve) => window.setTimeout(resolve, POLL_MS));
        ({ job } = await app.api.get<{ job: RepatrolJob }>(`/v1/repatrols/${job.jobId}`));
      }
      bar.max = Math.max(job.total, 1);
      bar.value = job.status === 'done' ? bar.max : job.evaluated;
      status.dataset.status = job.status;
      status.textContent =
        job.status === 'done'
          ? t('repatrolDone', { evaluated: job.evaluated, hits: job.newHits, cases: job.casesRequested })
          : t('repatrolFailed', { error: job.error ?? '' });
    } catch (error) {
      app.toast((error as Error).message, 'error');
    }
  }

  async function publish(number: number): Promise<void> {
    try {
      await app.api.post(`/v1/rule-sets/${number}/publish`, { expectedActive: list?.active?.active });
      app.toast(t('published', { number }));
      await load(number);
    } catch (error) {
      app.toast((error as Error).message, 'error');
    }
  }

  async function rollBack(): Promise<void> {
    try {
      const { active } = await app.api.post<{ active: { active: number } }>('/v1/rule-sets/rollback', {
        expectedActive: list?.active?.active,
      });
      app.toast(t('published', { number: active.active }));
      await load(active.active);
    } catch (error) {
      app.toast((error as Error).message, 'error');
    }
  }

  void load(selectedVersion);
  return { dispose: () => window.clearTimeout(validateTimer) };
}

/** Moves the caret to the start of a line and scrolls it into view. */
function goToLine(editor: HTMLTextAreaElement, line: number): void {
  const lines = editor.value.split('\n');
  const offset = lines.slice(0, line - 1).reduce((sum, text) => sum + text.length + 1, 0);
  editor.focus();
  editor.setSelectionRange(offset, offset + (lines[line - 1]?.length ?? 0));
  const lineHeight = editor.scrollHeight / Math.max(lines.length, 1);
  editor.scrollTop = Math.max(0, (line - 5) * lineHeight);
}

/** Precision over the week (and the last day), flagged when it falls. */
function precisionText(figures: RulePrecision | undefined): string {
  if (figures?.week === undefined) return '—';
  const percent = (share: number) => `${Math.round(share * 100)}%`;
  const recent = figures.day === undefined ? '' : ` · 24h ${percent(figures.day)}`;
  return `${percent(figures.week)} (${figures.reviewed})${recent}${figures.falls ? ` ⚠ ${t('precisionFalls')}` : ''}`;
}
