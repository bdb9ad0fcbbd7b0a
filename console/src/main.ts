import { ApiClient } from './api-client.ts';
import { type AppContext, isLead, type View } from './app.ts';
import type { ConsoleConfig } from './config.ts';
import { tickCountdowns } from './countdowns.ts';
import { h, isTyping, replaceChildren } from './dom.ts';
import { currentLocale, type Locale, setLocale, t } from './i18n.ts';
import { endSession, restoreSession, type Session } from './session.ts';
import { renderCase } from './views/case.ts';
import { renderDashboard } from './views/dashboard.ts';
import { openHelp } from './views/help.ts';
import { renderQueues } from './views/queues.ts';
import { renderRules } from './views/rules.ts';
import { renderSignIn } from './views/sign-in.ts';

const header = document.getElementById('top') as HTMLElement;
const main = document.getElementById('main') as HTMLElement;
const toastRegion = document.getElementById('toast') as HTMLElement;
const config = (await (await fetch('/config.json')).json()) as ConsoleConfig;
let session: Session | undefined = restoreSession();
let view: View | undefined;

/** Renders the page the URL fragment names, or the sign-in page. */
function route(): void {
  view?.dispose?.();
  view = undefined;
  document.documentElement.lang = currentLocale();
  renderHeader();
  if (session === undefined) {
    renderSignIn(main, config, (signedIn) => {
      session = signedIn;
      navigate('#/queues');
    });
    return;
  }
  const app: AppContext = {
    api: new ApiClient(config.apiBase, session.token),
    session,
    config,
    navigate,
    toast,
  };
  const [, page = 'queues', id = ''] = location.hash.split('/');
  if (page === 'cases' && id !== '') view = renderCase(main, app, decodeURIComponent(id));
  else if (page === 'dashboard') view = renderDashboard(main, app);
  else if (page === 'rules') view = renderRules(main, app, id === '' ? undefined : Number(id));
  else view = renderQueues(main, app);
}

function navigate(target: string): void {
  if (location.hash === target) route();
  else location.hash = target;
}

const TOAST_MS = 5_000;
let toastTimer: number | undefined;

function toast(message: string, tone: 'info' | 'error' = 'info'): void {
  toastRegion.dataset.tone = tone;
  toastRegion.textContent = message;
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => {
    toastRegion.textContent = '';
  }, TOAST_MS);
}

function renderHeader(): void {
  const language = h(
    'select',
    {
      id: 'language',
      'aria-label': t('language'),
      onchange: (event: Event) => {
        setLocale((event.target as HTMLSelectElement).value as Locale);
        route();
      },
    },
    h('option', { value: 'en', selected: currentLocale() === 'en' }, 'English'),
    h('option', { value: 'ja', selected: currentLocale() === 'ja' }, '日本語'),
  );
  replaceChildren(
    header,
    h('span', { class: 'brand' }, t('appName')),
    session !== undefined &&
      h(
        'nav',
        { 'aria-label': 'main' },
        h('a', { href: '#/queues' }, t('navQueues')),
        isLead(session) && h('a', { href: '#/rules' }, t('navRules')),
        isLead(session) && h('a', { href: '#/dashboard' }, t('navDashboard')),
      ),
    h('span', { class: 'spacer' }),
    language,
    session !== undefined &&
      h('span', { class: 'who' }, `${session.userId} · ${session.role} · ${session.tenant}`),
    session !== undefined &&
      h(
        'button',
        {
          type: 'button',
          onclick: () => {
            endSession();
            session = undefined;
            navigate('#/');
          },
        },
        t('signOut'),
      ),
    h('button', { type: 'button', 'aria-keyshortcuts': '?', onclick: openHelp }, h('kbd', {}, '?')),
  );
}

document.addEventListener('keydown', (event) => {
  if (
    isTyping(event) ||
    event.ctrlKey ||
    event.metaKey ||
    event.altKey ||
    document.querySelector('dialog[open]')
  )
    return;
  if (event.key === '?') openHelp();
  else if (!view?.onKey?.(event)) return;
  event.preventDefault();
});
window.addEventListener('hashchange', route);
setInterval(tickCountdowns, 1_000);
route();
