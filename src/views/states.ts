/**
 * Every state that is not an article gets a short explanation — never a blank popup (issue 4 §5).
 */
import type { Outcome } from '../platform/protocol';
import { h, icon } from './dom';

export interface StateAction {
  label: string;
  run: () => void;
  primary?: boolean;
}

const TITLES: Record<string, string> = {
  loading: 'The page is still loading',
  'no-article': 'No article on this page',
  restricted: 'Decant can’t read this page',
  'no-access': 'Decant needs your permission',
  error: 'Something went wrong',
  working: 'Reading the page…',
  gone: 'This article is no longer here',
};

const ICON: Record<string, string> = {
  loading: 'hourglass',
  'no-article': 'info',
  restricted: 'lock',
  'no-access': 'lock',
  error: 'warning',
  working: 'hourglass',
  gone: 'info',
};

/** A state card: an icon, a title, a sentence, and optional actions. */
export function stateCard(state: string, message: string, actions: StateAction[] = []): HTMLElement {
  return h(
    'section',
    { class: `state state-${state}`, 'data-state-card': state, role: state === 'error' ? 'alert' : 'status' },
    h('div', { class: 'state-icon' }, icon(ICON[state] ?? 'info')),
    h('h2', { class: 'state-title' }, TITLES[state] ?? state),
    h('p', { class: 'state-message' }, message),
    actions.length
      ? h('div', { class: 'state-actions' }, ...actions.map((a) => h('button', { type: 'button', class: a.primary ? 'button primary' : 'button', onclick: a.run }, a.label)))
      : null,
  );
}

/** The message for a non-article outcome. */
export function outcomeMessage(outcome: Outcome): string {
  switch (outcome.state) {
    case 'loading':
      return 'Decant will read it as soon as it has arrived.';
    case 'no-article':
      return outcome.reason;
    case 'restricted':
    case 'no-access':
    case 'error':
      return outcome.message;
    default:
      return '';
  }
}
