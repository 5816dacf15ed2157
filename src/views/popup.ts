/**
 * The toolbar popup. On open it asks the service worker to clean the active tab (the click granted
 * activeTab) and shows, within a moment, the article with its metadata and the ledger's counts; or a
 * sentence saying why there is no article. `popup.html?tab=<id>` points it at another tab (tests,
 * and Firefox where the page is opened in a tab).
 */
import './popup.css';
import { browser, reportError } from '../platform/browser';
import { sendMessage } from '../platform/messages';
import type { Outcome } from '../platform/protocol';
import { originPattern } from '../platform/restricted';
import { loadSettings, onSettingsChanged, updateSettings, type Settings } from '../platform/storage';
import { copyText, markdownOf, plainTextOf, sizeLabel, toast } from './actions';
import { exportMenu, libraryButton, saveButton } from './exports';
import { articleParts, type ArticleOutcome } from './article-parts';
import { append, clear, h, icon, redrawInPlace } from './dom';
import { outcomeMessage, stateCard, type StateAction } from './states';
import { autoCleanPanel, type AutoCleanPanel } from './auto-clean-panel';

const LOADING_RETRY_MS = 400;
const LOADING_GIVE_UP_MS = 30_000;

const app = document.getElementById('app')!;
const params = new URLSearchParams(location.search);
/** Opened by the toolbar button (not as popup.html?tab=<id>): that click granted activeTab. */
const gesture = !params.has('tab');
let settings: Settings;
let notices: string[] = [];
let tabId: number | null = null;
/** Auto-clean for this tab's site (issue 5): one element, kept across re-renders. */
let autoClean: AutoCleanPanel | null = null;
/** The article on screen and the image setting it was drawn with (null while a card is shown). */
let drawn: { images: boolean; redraw(): void } | null = null;

function setState(state: string): void {
  document.body.dataset.state = state;
}

function topbar(actions: HTMLElement | null): HTMLElement {
  return h(
    'div',
    { class: 'topbar' },
    h('div', { class: 'brand' }, h('img', { src: 'icons/decant-32.png', alt: '', width: 20, height: 20 }), h('span', {}, 'Decant')),
    actions,
  );
}

function noticeBar(): HTMLElement | null {
  return notices.length ? h('aside', { class: 'notice', role: 'note' }, icon('info'), h('div', {}, ...notices.map((n) => h('p', {}, n)))) : null;
}

/** Show the settings as stored: the theme, and the article drawn again when the image setting changed. */
function follow(next: Settings): void {
  settings = next;
  document.documentElement.dataset.theme = next.reader.theme;
  if (drawn && drawn.images !== next.images) drawn.redraw();
}

function showCard(state: string, message: string, actions: StateAction[] = []): void {
  drawn = null;
  clear(app);
  append(app, topbar(null), autoClean?.el, h('main', { class: 'popup-main state-main' }, stateCard(state, message, actions)), noticeBar());
  setState(state);
}

function renderArticle(outcome: ArticleOutcome, keepShown: readonly string[] = []): void {
  const parts = articleParts(outcome, { images: settings.images }, keepShown, { compact: true });
  // A redraw keeps the focus (on the Images switch), the ledger category open and the paragraph in view.
  drawn = { images: settings.images, redraw: () => redrawInPlace(app, () => renderArticle(outcome, parts.shown())) };
  const readerButton = h('button', { type: 'button', class: 'button primary', 'data-action': 'reader', title: 'Open in the reader view (Alt+Shift+R)' }, icon('reader'), 'Reader view');
  readerButton.addEventListener('click', () => {
    void sendMessage('open-reader', { key: outcome.key, tabId: outcome.tab.tabId ?? undefined })
      .then((r) => (r.ok ? window.close() : toast(r.message, 'error')))
      .catch((e: unknown) => toast(`Could not open the reader view: ${(e as Error).message}`, 'error'));
  });
  const mdButton = h('button', { type: 'button', class: 'button ghost', 'data-action': 'copy-markdown', title: 'Copy as Markdown, with metadata' }, icon('markdown'), 'Markdown');
  mdButton.addEventListener('click', () => {
    void markdownOf(outcome)
      .then(async (md) => {
        await copyText(md);
        toast(`Copied as Markdown (${sizeLabel(md)})`);
      })
      .catch((e: unknown) => toast(`Could not copy: ${(e as Error).message}`, 'error'));
  });
  const textButton = h('button', { type: 'button', class: 'button ghost', 'data-action': 'copy-text', title: 'Copy the article as plain text' }, icon('text'), 'Text');
  textButton.addEventListener('click', () => {
    const text = plainTextOf(outcome);
    void copyText(text)
      .then(() => toast(`Copied as text (${sizeLabel(text)})`))
      .catch((e: unknown) => toast(`Could not copy: ${(e as Error).message}`, 'error'));
  });
  const imagesToggle = h('button', { type: 'button', class: 'link-button', 'data-action': 'images', 'aria-pressed': String(settings.images) }, icon('image'), settings.images ? 'Images on' : 'Images off');
  imagesToggle.addEventListener('click', () => {
    void updateSettings({ images: !settings.images })
      .then(follow)
      .catch((e: unknown) => toast(`Could not save the setting: ${(e as Error).message}`, 'error'));
  });

  const main = h('main', { class: 'popup-main' });
  append(main, parts.ledger, parts.warnings, h('article', { class: 'article', lang: outcome.article.lang, dir: outcome.article.dir }, parts.header, parts.body));
  clear(app);
  append(
    app,
    topbar(h('div', { class: 'topbar-actions' }, mdButton, textButton, readerButton)),
    autoClean?.el,
    main,
    h('div', { class: 'popup-actions' }, saveButton(outcome), exportMenu(outcome, { up: true }), libraryButton()),
    h('footer', { class: 'popup-footer' }, imagesToggle, h('span', { class: 'footer-note' }, `Cleaned in ${Math.round(outcome.capture.timings.total)} ms`)),
    noticeBar(),
  );
  setState('article');
  performance.mark('decant:article-rendered');
  document.title = `${outcome.article.title ?? 'Article'} — Decant`;
  // "Visible": the frame that paints the article has been produced (bench:browser reads this mark).
  requestAnimationFrame(() => setTimeout(() => performance.mark('decant:article-visible'), 0));
}

async function requestAccess(origin: string): Promise<void> {
  const pattern = originPattern(origin);
  if (!pattern) return;
  try {
    const granted = await browser.permissions.request({ origins: [pattern] });
    if (granted && tabId !== null) await run(tabId);
    else toast('Decant was not given access to this site.', 'error');
  } catch (e) {
    toast(`Could not ask for access: ${(e as Error).message}`, 'error');
  }
}

function render(outcome: Outcome): void {
  switch (outcome.state) {
    case 'article':
      renderArticle(outcome);
      return;
    case 'no-access':
      showCard('no-access', outcome.message, outcome.origin ? [{ label: `Allow on ${new URL(outcome.origin).hostname}`, primary: true, run: () => void requestAccess(outcome.origin!) }] : []);
      return;
    case 'error':
      showCard('error', outcome.message, [{ label: 'Try again', primary: true, run: () => void (tabId !== null && run(tabId)) }]);
      return;
    default:
      showCard(outcome.state, outcomeMessage(outcome));
  }
}

async function run(id: number, first?: Promise<Outcome>): Promise<void> {
  const started = Date.now();
  showCard('working', 'Decant is taking the article out of the page.');
  for (;;) {
    let outcome: Outcome;
    try {
      outcome = await (first ?? sendMessage('clean-tab', { tabId: id, gesture }));
      performance.mark('decant:clean-answered');
    } catch (e) {
      outcome = { tab: { tabId: id, url: null, title: null }, state: 'error', message: `Decant could not reach its background page: ${(e as Error).message}` };
    }
    first = undefined;
    if (outcome.state === 'loading' && Date.now() - started < LOADING_GIVE_UP_MS) {
      if (document.body.dataset.state !== 'loading') render(outcome);
      await new Promise((r) => setTimeout(r, LOADING_RETRY_MS));
      continue;
    }
    render(outcome);
    return;
  }
}

async function main(): Promise<void> {
  // popup-early.js started reading the settings too.
  const loaded = await loadSettings(globalThis.__decantEarly?.settings);
  settings = loaded.settings;
  notices = loaded.notices;
  // The popup follows the reader view's theme (Auto follows the system).
  document.documentElement.dataset.theme = settings.reader.theme;
  // Changed elsewhere while the popup is open (the options page, a reader tab; in Firefox the popup
  // may be a tab of its own): read again, as the reader view does.
  onSettingsChanged(() => void loadSettings().then((l) => follow(l.settings)));
  performance.mark('decant:settings-loaded');
  // popup-early.js asked for the article while this module loaded; use its answer (or ask again if
  // that request failed). The tab is known well before the answer: the view is set up meanwhile.
  const early = globalThis.__decantEarly;
  let first: Promise<Outcome> | undefined;
  if (early) {
    tabId = await early.tab.catch(() => null);
    const id = tabId;
    if (id !== null) first = early.outcome.catch(() => sendMessage('clean-tab', { tabId: id, gesture }));
  }
  if (tabId === null) {
    const given = params.get('tab');
    if (given !== null && /^\d+$/.test(given)) tabId = Number(given);
    else {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      tabId = tab?.id ?? null;
    }
  }
  if (tabId === null) {
    showCard('error', 'Decant could not find the tab to read. Click the Decant button on the page you want to read.');
    return;
  }
  autoClean = autoCleanPanel(tabId);
  await run(tabId, first);
}

main().catch((e: unknown) => {
  reportError('popup', e);
  showCard('error', `Decant could not start: ${(e as Error).message}`);
});
