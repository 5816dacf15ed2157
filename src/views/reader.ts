/**
 * The reader view: an extension page in its own tab with the cleaned article, its metadata header and
 * the ledger; light, sepia and dark themes, font size, line width and typeface (remembered), images
 * on or off, copy as Markdown or text, and print.
 *
 * `reader.html?id=<key>` shows a result kept in session storage (from the popup, the keyboard command
 * or the context menu); `&tab=<id>` names the article's tab, so the view can clean it again when the
 * kept result is gone or the page was still loading. `reader.html?saved=<entry id>` shows an article
 * saved in the library (its Read button).
 */
import './reader.css';
import { reportError } from '../platform/browser';
import { sendMessage } from '../platform/messages';
import type { Outcome } from '../platform/protocol';
import { FONT_SIZES, LINE_WIDTHS, loadOutcome, loadSettings, onSettingsChanged, updateSettings, type LineWidth, type ReaderPrefs, type Settings, type Theme } from '../platform/storage';
import { copyText, markdownOf, plainTextOf, sizeLabel, toast } from './actions';
import { exportMenu, openLibrary, saveButton } from './exports';
import { articleParts, type ArticleOutcome } from './article-parts';
import { formatDate } from '../export/dates';
import { outcomeOfEntry } from './record';
import { append, clear, closesOnEscape, h, icon, redrawInPlace } from './dom';
import { outcomeMessage, stateCard, type StateAction } from './states';

const app = document.getElementById('app')!;
const params = new URLSearchParams(location.search);
let settings: Settings;
let notices: string[] = [];
/** This page's settings writes still in flight (see {@link save}). */
let writing = 0;
/** The article on screen, the image setting it was drawn with, and how to draw it again. */
let shown: { images: boolean; redraw(): void } | null = null;

function setState(state: string): void {
  document.body.dataset.state = state;
}

/**
 * Theme, size, width and typeface live on <html> (CSSOM and data attributes; no inline style markup).
 * The Display menu shows them too: they may have been changed on the options page or in another tab.
 */
function applyPrefs({ reader: prefs, images }: Settings): void {
  const root = document.documentElement;
  root.dataset.theme = prefs.theme;
  root.dataset.width = prefs.lineWidth;
  root.dataset.font = prefs.font;
  root.style.setProperty('--reader-size', `${prefs.fontSize}px`);
  const current: Record<string, string> = { theme: prefs.theme, width: prefs.lineWidth, font: prefs.font, images: images ? 'on' : 'off' };
  for (const b of document.querySelectorAll<HTMLElement>('.segmented [data-value]')) {
    const control = b.parentElement!.dataset.control!;
    if (!(control in current)) continue;
    b.setAttribute('aria-checked', String(b.dataset.value === current[control]));
    b.tabIndex = b.dataset.value === current[control] ? 0 : -1;
  }
  const size = document.querySelector('[data-control="font-size-value"]');
  if (size) size.textContent = `${prefs.fontSize}px`;
}

function segmented<T extends string>(label: string, name: string, options: readonly { value: T; label: string }[], current: T, onPick: (v: T) => void): HTMLElement {
  const group = h('div', { class: 'segmented', role: 'radiogroup', 'aria-label': label, 'data-control': name });
  const choices: HTMLButtonElement[] = [];
  for (const o of options) {
    // One Tab stop per group, on the choice made; the arrow keys move it (below), as in any radio group.
    const b = h('button', { type: 'button', role: 'radio', 'aria-checked': String(o.value === current), tabindex: o.value === current ? 0 : -1, 'data-value': o.value }, o.label);
    b.addEventListener('click', () => {
      for (const other of choices) {
        other.setAttribute('aria-checked', String(other === b));
        other.tabIndex = other === b ? 0 : -1;
      }
      onPick(o.value);
    });
    choices.push(b);
    group.appendChild(b);
  }
  group.addEventListener('keydown', (ev) => {
    const step = ({ ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 } as Record<string, number>)[ev.key];
    if (!step) return;
    ev.preventDefault();
    const next = choices[(choices.indexOf(ev.target as HTMLButtonElement) + step + choices.length) % choices.length];
    next.focus();
    next.click();
  });
  return h('div', { class: 'control' }, h('span', { class: 'control-label' }, label), group);
}

/**
 * Show the settings as stored: the display at once, and the article drawn again when the image
 * setting is not the one it was drawn with (changed here, in the popup, on the options page or in
 * another reader tab). Not while this page's own writes are in flight: a stored value from between
 * two of them would undo the reader's last step (A+ pressed twice quickly went up by one).
 */
function follow(next: Settings): void {
  if (writing) return;
  settings = next;
  applyPrefs(next);
  if (shown && shown.images !== next.images) shown.redraw();
}

/** Save a change made on this page; then show what is stored (another page may have changed more). */
async function save(patch: Parameters<typeof updateSettings>[0]): Promise<void> {
  writing++;
  let error: unknown = null;
  await updateSettings(patch).catch((e: unknown) => (error = e));
  if (--writing === 0) follow((await loadSettings()).settings);
  if (error) toast(`Could not save the setting: ${(error as Error).message}`, 'error');
}

function savePrefs(patch: Partial<ReaderPrefs>): void {
  settings = { ...settings, reader: { ...settings.reader, ...patch } };
  applyPrefs(settings);
  void save({ reader: patch });
}

function displayMenu(): HTMLElement {
  const prefs = settings.reader;
  const size = h('output', { class: 'size-value', 'data-control': 'font-size-value' }, `${prefs.fontSize}px`);
  const step = (d: number) => () => {
    const next = Math.min(FONT_SIZES.max, Math.max(FONT_SIZES.min, settings.reader.fontSize + d));
    size.textContent = `${next}px`;
    savePrefs({ fontSize: next });
  };
  const panel = h(
    'div',
    { class: 'menu-panel' },
    segmented<Theme>('Theme', 'theme', [
      { value: 'system', label: 'Auto' },
      { value: 'light', label: 'Light' },
      { value: 'sepia', label: 'Sepia' },
      { value: 'dark', label: 'Dark' },
    ], prefs.theme, (theme) => savePrefs({ theme })),
    h(
      'div',
      { class: 'control' },
      h('span', { class: 'control-label' }, 'Text size'),
      h(
        'div',
        { class: 'stepper' },
        h('button', { type: 'button', 'data-control': 'font-smaller', 'aria-label': 'Smaller text', onclick: step(-FONT_SIZES.step) }, 'A−'),
        size,
        h('button', { type: 'button', 'data-control': 'font-larger', 'aria-label': 'Larger text', onclick: step(FONT_SIZES.step) }, 'A+'),
      ),
    ),
    segmented<LineWidth>('Line width', 'width', LINE_WIDTHS.map((w) => ({ value: w, label: w[0].toUpperCase() + w.slice(1) })), prefs.lineWidth, (lineWidth) => savePrefs({ lineWidth })),
    segmented<'serif' | 'sans'>('Typeface', 'font', [
      { value: 'serif', label: 'Serif' },
      { value: 'sans', label: 'Sans' },
    ], prefs.font, (font) => savePrefs({ font })),
    segmented<'on' | 'off'>('Images', 'images', [
      { value: 'on', label: 'Show' },
      { value: 'off', label: 'Don’t load' },
    ], settings.images ? 'on' : 'off', (v) => void save({ images: v === 'on' })),
  );
  return closesOnEscape(h('details', { class: 'menu' }, h('summary', { class: 'button ghost', 'data-action': 'display' }, h('span', { class: 'aa' }, 'Aa'), 'Display'), panel));
}

function provenance(outcome: ArticleOutcome): HTMLElement {
  const a = outcome.article;
  const src = outcome.capture.url;
  const when = new Date(outcome.capture.capturedAt);
  return h(
    'footer',
    { class: 'provenance' },
    h(
      'p',
      {},
      'Cleaned by Decant from ',
      /^https?:/i.test(src) ? h('a', { href: src, target: '_blank', rel: 'noopener noreferrer', referrerpolicy: 'no-referrer' }, src) : src,
      ` on ${formatDate(outcome.capture.capturedAt) ?? ''} at ${when.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}.`,
    ),
    h('p', { class: 'hash' }, `${a.wordCount.toLocaleString()} words · ${outcome.removed.length} blocks removed · SHA-256 of the page at the click: `, h('code', {}, outcome.capture.sha256Html)),
  );
}

function renderArticle(outcome: ArticleOutcome, keepShown: readonly string[] = []): void {
  const parts = articleParts(outcome, { images: settings.images }, keepShown);
  const original = outcome.capture.url;
  // The redraw keeps the blocks shown again, the open menus and ledger category, the focus (the
  // Images choice it was made with) and the paragraph at the top of the window.
  shown = { images: settings.images, redraw: () => redrawInPlace(app, () => renderArticle(outcome, parts.shown())) };
  const md = h('button', { type: 'button', class: 'button ghost', 'data-action': 'copy-markdown', title: 'Copy as Markdown, with metadata' }, icon('markdown'), 'Markdown');
  md.addEventListener('click', () => {
    void markdownOf(outcome)
      .then(async (text) => {
        await copyText(text);
        toast(`Copied as Markdown (${sizeLabel(text)})`);
      })
      .catch((e: unknown) => toast(`Could not copy: ${(e as Error).message}`, 'error'));
  });
  const text = h('button', { type: 'button', class: 'button ghost', 'data-action': 'copy-text', title: 'Copy as plain text' }, icon('text'), 'Text');
  text.addEventListener('click', () => {
    const t = plainTextOf(outcome);
    void copyText(t)
      .then(() => toast(`Copied as text (${sizeLabel(t)})`))
      .catch((e: unknown) => toast(`Could not copy: ${(e as Error).message}`, 'error'));
  });
  const print = h('button', { type: 'button', class: 'button ghost', 'data-action': 'print', title: 'Print or save as PDF', onclick: () => window.print() }, icon('print'), 'Print');

  const toolbar = h(
    'nav',
    { class: 'toolbar', 'aria-label': 'Reader controls' },
    h(
      'div',
      { class: 'toolbar-inner' },
      h('div', { class: 'brand' }, h('img', { src: 'icons/decant-32.png', alt: '', width: 22, height: 22 }), h('span', {}, 'Decant')),
      /^https?:/i.test(original)
        ? h('a', { class: 'button ghost original', href: original, target: '_blank', rel: 'noopener noreferrer', referrerpolicy: 'no-referrer', title: original }, icon('external'), 'Original page')
        : null,
      h('div', { class: 'toolbar-actions' }, saveButton(outcome, params.has('saved')), exportMenu(outcome), md, text, print, displayMenu()),
    ),
  );
  clear(app);
  append(
    app,
    toolbar,
    notices.length ? h('aside', { class: 'notice', role: 'note' }, icon('info'), h('div', {}, ...notices.map((n) => h('p', {}, n)))) : null,
    h('main', { class: 'reader-main' }, h('article', { class: 'article', lang: outcome.article.lang, dir: outcome.article.dir }, parts.header, parts.ledger, parts.warnings, parts.body), provenance(outcome)),
  );
  setState('article');
  // The page stays lang="en" (its toolbar and ledger are English); the <article> carries the article's.
  document.title = outcome.article.title ?? 'Decant reader';
}

function showCard(state: string, message: string, actions: StateAction[] = []): void {
  shown = null;
  clear(app);
  append(
    app,
    h('nav', { class: 'toolbar' }, h('div', { class: 'toolbar-inner' }, h('div', { class: 'brand' }, h('img', { src: 'icons/decant-32.png', alt: '', width: 22, height: 22 }), h('span', {}, 'Decant')))),
    h('main', { class: 'reader-main state-main' }, stateCard(state, message, actions)),
  );
  setState(state);
}

async function cleanAgain(tabId: number): Promise<void> {
  const started = Date.now();
  for (;;) {
    let outcome: Outcome;
    try {
      outcome = await sendMessage('clean-tab', { tabId });
    } catch (e) {
      showCard('error', `Decant could not reach its background page: ${(e as Error).message}`);
      return;
    }
    if (outcome.state === 'loading' && Date.now() - started < 30_000) {
      if (document.body.dataset.state !== 'loading') showCard('loading', outcomeMessage(outcome));
      await new Promise((r) => setTimeout(r, 400));
      continue;
    }
    render(outcome, tabId);
    return;
  }
}

function render(outcome: Outcome, tabId: number | null): void {
  if (outcome.state === 'article') renderArticle(outcome);
  else if (outcome.state === 'loading' && tabId !== null) void cleanAgain(tabId);
  else showCard(outcome.state, outcomeMessage(outcome), outcome.state === 'error' && tabId !== null ? [{ label: 'Try again', primary: true, run: () => void cleanAgain(tabId) }] : []);
}

/** `?saved=<entry id>`: the library's saved copy (the library page's Read). */
async function openSaved(id: string): Promise<void> {
  const { Library } = await import('../library/store');
  let entry;
  try {
    const library = await Library.open();
    try {
      entry = await library.get(id);
    } finally {
      library.close();
    }
  } catch (e) {
    return showCard('error', (e as Error).message);
  }
  if (!entry) return showCard('gone', 'This article is no longer in your library: it was deleted after this page was opened. Open the library to see what is saved.', [{ label: 'Open the library', primary: true, run: openLibrary }]);
  render(outcomeOfEntry(entry), null);
}

async function main(): Promise<void> {
  const loaded = await loadSettings();
  settings = loaded.settings;
  notices = loaded.notices;
  applyPrefs(settings);
  // Read again rather than trust the event's value: events of this page's own writes can arrive
  // after a later write finished.
  onSettingsChanged(() => void loadSettings().then((l) => follow(l.settings)));
  const saved = params.get('saved');
  if (saved) return openSaved(saved);
  const key = params.get('id');
  const tabParam = params.get('tab');
  const tabId = tabParam && /^\d+$/.test(tabParam) ? Number(tabParam) : null;
  const outcome = key ? await loadOutcome(key) : null;
  if (outcome) return render(outcome, tabId);
  if (tabId !== null) return cleanAgain(tabId);
  showCard('gone', 'Decant keeps cleaned articles only until the browser closes. Open the page again and click the Decant button.');
}

main().catch((e: unknown) => {
  reportError('reader', e);
  showCard('error', `The reader view could not start: ${(e as Error).message}`);
});
