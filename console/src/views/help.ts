import { h } from '../dom.ts';
import { t } from '../i18n.ts';

const SHORTCUTS = [
  ['a', 'keyApprove'],
  ['r', 'keyRemove'],
  ['e', 'keyEscalate'],
  ['n', 'keyNext'],
  ['b', 'keyBlur'],
  ['?', 'keyHelp'],
] as const;

/** Opens the keyboard help as a modal dialog; Escape or the button closes it and focus returns. */
export function openHelp(): void {
  const dialog = h(
    'dialog',
    { class: 'help', 'aria-labelledby': 'help-title' },
    h('h2', { id: 'help-title' }, t('help')),
    h(
      'dl',
      {},
      SHORTCUTS.map(([key, label]) => [h('dt', {}, h('kbd', {}, key)), h('dd', {}, t(label))]),
    ),
    h('button', { type: 'button', onclick: () => dialog.close() }, t('close')),
  );
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}
