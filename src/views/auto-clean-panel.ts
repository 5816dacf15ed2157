/**
 * The popup's "Auto-clean this site" switch and, when it is on, what it hid on the open page with a
 * way to show each thing again (issue 5).
 *
 * Switching on asks the browser for access to exactly this site, from the click itself (a user
 * gesture; nothing may be awaited before the request). The service worker is told of the intent at
 * the same moment, because the popup may close while the browser's dialog is open; it finishes the
 * job on `permissions.onAdded`.
 */
import { browser, reportError } from '../platform/browser';
import { sendMessage, type AutoCleanState } from '../platform/messages';
import { sitePattern } from '../platform/settings';
import type { LiveItem, LiveLedger } from '../platform/live-protocol';
import { CATEGORY_LABELS } from '../core/types';
import { append, clear, h } from './dom';
import { toast } from './actions';
import { readablePreview } from './ledger-view';

/** Re-read the live ledger this often for a moment after switching on (the first pass takes a while). */
const REFRESH_AFTER_MS = [250, 800, 2000];

export interface AutoCleanPanel {
  el: HTMLElement;
  refresh(): Promise<void>;
}

function hostOf(site: string): string {
  try {
    return new URL(site).host;
  } catch {
    return site;
  }
}

/** The panel for one tab; it fills itself in and stays the same element across popup re-renders. */
export function autoCleanPanel(tabId: number): AutoCleanPanel {
  const el = h('section', { class: 'autoclean', 'data-state': 'loading', 'aria-label': 'Auto-clean' });
  let state: AutoCleanState | null = null;
  let busy: 'asking' | 'stopping' | false = false;

  // The switch and its note are made once and updated in place, so a refresh never swaps the element
  // under the reader's (or a test's) click.
  const input = h('input', { type: 'checkbox', role: 'switch', 'data-action': 'auto-clean', 'aria-describedby': 'autoclean-note' });
  const siteName = h('b', { 'data-field': 'site' });
  const label = h('label', { class: 'autoclean-switch' }, input, h('span', { class: 'switch-track', 'aria-hidden': 'true' }), h('span', { class: 'autoclean-label' }, 'Auto-clean ', siteName));
  const note = h('p', { class: 'autoclean-note', id: 'autoclean-note' });
  const ledgerSlot = h('div', { class: 'autoclean-ledger-slot' });
  append(el, h('div', { class: 'autoclean-row' }, label), note, ledgerSlot);
  input.addEventListener('change', () => {
    const site = state?.site;
    if (!site) return;
    if (input.checked) switchOn(site);
    else switchOff(site);
  });

  const render = (): void => {
    if (!state?.site) {
      el.hidden = true;
      el.dataset.state = 'unavailable';
      return;
    }
    el.hidden = false;
    const site = state.site;
    el.dataset.state = busy ? 'asking' : state.enabled ? 'on' : 'off';
    input.checked = busy ? input.checked : state.enabled;
    input.disabled = busy !== false;
    siteName.textContent = hostOf(site);
    note.textContent = busy === 'stopping'
      ? `Switching auto-clean off and restoring this page…`
      : busy
      ? `Waiting for your answer to the browser’s question about ${hostOf(site)}…`
      : state.enabled
        ? 'Nags on this site are hidden as each page loads. Switch off to see the page as the site sends it.'
        : 'Hide this site’s nags as each page loads. Decant will ask for access to this site only.';
    // Tells the popup's ledger that auto-clean hid nags before Decant read the page.
    if (state.enabled && state.live && state.live.hidden > 0) document.documentElement.dataset.autoHidden = String(state.live.hidden);
    else delete document.documentElement.dataset.autoHidden;
    const open = ledgerSlot.querySelector('details')?.hasAttribute('open');
    clear(ledgerSlot);
    if (state.enabled && state.live) {
      const list = liveList(state.live);
      if (open) list.setAttribute('open', '');
      ledgerSlot.appendChild(list);
    }
  };

  const liveList = (live: LiveLedger): HTMLElement => {
    const shown = live.items.filter((i) => i.shown).length;
    const summary = h('summary', { 'data-field': 'hidden-count' }, `${live.hidden} hidden on this page`, shown ? ` · ${shown} shown again` : '');
    const list = h('ul', { class: 'autoclean-items' }, ...live.items.map(itemRow));
    return h('details', { class: 'autoclean-ledger', 'data-hidden': live.hidden }, summary, list);
  };

  const itemRow = (item: LiveItem): HTMLElement => {
    const button = h('button', { type: 'button', class: 'link-button', 'data-action': item.shown ? 'hide-item' : 'show-item' }, item.shown ? 'Hide again' : 'Show');
    button.addEventListener('click', () => {
      void sendMessage('auto-clean:item', { tabId, id: item.id, show: !item.shown })
        .then((live) => {
          if (state && live) state = { ...state, live };
          render();
        })
        .catch((e: unknown) => toast(`Could not change the page: ${(e as Error).message}`, 'error'));
    });
    return h(
      'li',
      { 'data-item': item.id, 'data-category': item.category, 'data-shown': String(item.shown), title: item.reason },
      h('span', { class: 'autoclean-cat' }, CATEGORY_LABELS[item.category]),
      h('span', { class: 'autoclean-preview' }, readablePreview(item.preview) || `(${item.rule === 'scroll-lock' ? 'scroll lock' : 'empty block'})`),
      button,
    );
  };

  const switchOn = (site: string): void => {
    // First, still inside the click: the browser asks the reader about exactly this site.
    let asked: Promise<boolean>;
    try {
      asked = browser.permissions.request({ origins: [sitePattern(site)] });
    } catch (e) {
      toast(`Could not ask for access: ${(e as Error).message}`, 'error');
      input.checked = false;
      return;
    }
    void sendMessage('auto-clean:intent', { site }).catch((e: unknown) => reportError('auto-clean intent', e));
    busy = 'asking';
    render();
    void asked
      .then(async (granted) => {
        busy = false;
        if (!granted) {
          await sendMessage('auto-clean:cancel', { site });
          toast(`Decant was not given access to ${hostOf(site)}; auto-clean stays off.`, 'error');
          await refresh();
          return;
        }
        const r = await sendMessage('auto-clean:enable', { site });
        if (!r.ok) toast(r.message, 'error');
        await refresh();
        for (const ms of REFRESH_AFTER_MS) setTimeout(() => void refresh(), ms);
      })
      .catch(async (e: unknown) => {
        busy = false;
        await sendMessage('auto-clean:cancel', { site }).catch(() => null);
        toast(`Could not switch auto-clean on: ${(e as Error).message}`, 'error');
        await refresh();
      });
  };

  const switchOff = (site: string): void => {
    busy = 'stopping';
    render();
    void sendMessage('auto-clean:disable', { site })
      .then(() => toast(`Auto-clean is off for ${hostOf(site)}; the page is back as the site sent it.`))
      .catch((e: unknown) => toast(`Could not switch auto-clean off: ${(e as Error).message}`, 'error'))
      .finally(() => {
        busy = false;
        void refresh();
      });
  };

  const refresh = async (): Promise<void> => {
    try {
      state = await sendMessage('auto-clean:state', { tabId });
    } catch (e) {
      reportError('auto-clean state', e);
      state = null;
    }
    render();
  };

  void refresh();
  return { el, refresh };
}

