import type { ConsoleConfig } from '../config.ts';
import { h, replaceChildren } from '../dom.ts';
import { t } from '../i18n.ts';
import { cognitoSignInUrl, type Session, startSession } from '../session.ts';

/** The sign-in page: dev tokens to choose from in `patrol dev`, a pasted token, or Cognito's hosted UI. */
export function renderSignIn(
  main: HTMLElement,
  config: ConsoleConfig,
  onSignedIn: (session: Session) => void,
): void {
  const error = h('p', { class: 'error', role: 'alert' });
  const use = (token: string) => {
    const session = startSession(token);
    if (session === undefined)
      error.textContent = `${t('token')}: not a Patrol token (expected a JWT with a role)`;
    else onSignedIn(session);
  };
  const pasted = h('textarea', { id: 'token', rows: 3, spellcheck: 'false', autocomplete: 'off' });
  const { auth } = config;
  const choices =
    auth.mode === 'cognito'
      ? [h('a', { class: 'button primary', href: cognitoSignInUrl(auth) }, t('signInCognito'))]
      : [
          h('h2', {}, t('signInDev')),
          h(
            'div',
            { class: 'row' },
            Object.entries(auth.tokens).map(([role, token]) =>
              h(
                'button',
                { type: 'button', class: 'primary', 'data-role': role, onclick: () => use(token ?? '') },
                t('signInAs', { role }),
              ),
            ),
          ),
        ];
  replaceChildren(
    main,
    h(
      'section',
      { class: 'panel sign-in' },
      h('h1', {}, t('signInTitle')),
      choices,
      h(
        'form',
        {
          onsubmit: (event: Event) => {
            event.preventDefault();
            use(pasted.value);
          },
        },
        h('label', { for: 'token' }, t('signInPaste')),
        pasted,
        h('button', { type: 'submit' }, t('signIn')),
      ),
      error,
    ),
  );
}
