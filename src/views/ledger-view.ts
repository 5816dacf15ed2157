/**
 * The removal ledger as readers see it (CONTRACT §3): at first glance only the counts per category;
 * a category opens to its blocks, each with the rule's reason, a preview and "Show again". Previews
 * are built only when a category opens, so no nag text is on the page before the reader asks.
 */
import { CATEGORIES, CATEGORY_LABELS, type Category, type LedgerEntry } from '../core/types';
import { append, clear, h, icon } from './dom';

/**
 * A preview as a line to read: a modal's text often starts with its close button ("× Enjoying
 * ad-free content?…"), which says nothing about the block. The ledger keeps the block's text as it is
 * (CONTRACT §2); only what the popup and the reader view show loses the glyph.
 */
export function readablePreview(preview: string): string {
  return preview.replace(/^[×✕✖✗✘]\s*/u, '');
}

/** Dispatched on `document` whenever a removed block is shown or hidden again. */
export const RESTORED_EVENT = 'decant:restored';

export interface LedgerHandlers {
  /** Whether the block is currently shown again in the article. */
  isShown(entry: LedgerEntry): boolean;
  /** Show (true) or hide (false) the block in the article. */
  toggle(entry: LedgerEntry, show: boolean): void;
}

/** Short names for the chips; the full labels (CATEGORY_LABELS) title the open list. */
const SHORT: Readonly<Record<Category, string>> = {
  donation: 'Donation',
  membership: 'Subscription',
  newsletter: 'Newsletter',
  cookie: 'Cookies',
  ad: 'Ads',
  sponsored: 'Sponsored',
  related: 'Related',
  social: 'Social',
  comments: 'Comments',
  overlay: 'Overlay',
  other: 'Other',
};

export function countByCategory(removed: readonly LedgerEntry[]): Map<Category, LedgerEntry[]> {
  const map = new Map<Category, LedgerEntry[]>();
  for (const c of CATEGORIES) {
    const list = removed.filter((e) => e.category === c);
    if (list.length) map.set(c, list);
  }
  return map;
}

export function renderLedger(removed: readonly LedgerEntry[], handlers: LedgerHandlers, options: { compact?: boolean } = {}): HTMLElement {
  const groups = countByCategory(removed);
  // Decant's own words, English and left to right, also inside a right-to-left article (the reader
  // view puts the ledger in it); each preview is the page's text and finds its own direction.
  const section = h('section', { class: `ledger${options.compact ? ' ledger-compact' : ''}`, lang: 'en', dir: 'ltr', 'aria-label': 'What Decant removed', 'data-total': removed.length });
  if (!removed.length) {
    // On a page auto-clean already tidied, its hidden nags are not in the copy Decant read; the
    // auto-clean card lists them, so this line says "nothing else" there (see auto-clean-panel.ts).
    section.appendChild(
      h(
        'p',
        { class: 'ledger-none' },
        h('span', { class: 'ledger-none-plain' }, 'Nothing needed removing on this page.'),
        h('span', { class: 'ledger-none-auto' }, 'Auto-clean had already hidden this page’s nags (listed above); nothing else needed removing.'),
      ),
    );
    return section;
  }
  const panel = h('div', { class: 'ledger-panel', id: 'ledger-panel', hidden: true });
  const chips = h('ul', { class: 'ledger-chips' });
  const buttons = new Map<Category, HTMLButtonElement>();
  let open: Category | null = null;

  const openCategory = (cat: Category | null): void => {
    open = cat;
    for (const [c, b] of buttons) b.setAttribute('aria-expanded', String(c === cat));
    clear(panel);
    panel.hidden = cat === null;
    if (cat === null) return;
    const entries = groups.get(cat)!;
    const list = h('ol', { class: 'ledger-entries' });
    for (const entry of entries) list.appendChild(entryItem(entry, handlers));
    append(panel, h('h3', { class: 'ledger-panel-title' }, CATEGORY_LABELS[cat], h('span', { class: 'count' }, String(entries.length))), list);
  };

  for (const [cat, entries] of groups) {
    const button = h(
      'button',
      { type: 'button', class: 'chip', 'data-category': cat, 'data-count': entries.length, 'aria-expanded': 'false', 'aria-controls': 'ledger-panel', title: CATEGORY_LABELS[cat], onclick: () => openCategory(open === cat ? null : cat) },
      h('span', { class: 'chip-name' }, SHORT[cat]),
      h('span', { class: 'chip-count' }, String(entries.length)),
    );
    buttons.set(cat, button);
    chips.appendChild(h('li', {}, button));
  }
  const total = removed.length;
  append(
    section,
    h('div', { class: 'ledger-head' }, h('span', { class: 'ledger-title' }, `Removed ${total} ${total === 1 ? 'block' : 'blocks'}`), chips),
    panel,
  );
  return section;
}

function entryItem(entry: LedgerEntry, handlers: LedgerHandlers): HTMLElement {
  const button = h('button', { type: 'button', class: 'button small show-again', 'data-entry': entry.id });
  const sync = (): void => {
    const shown = handlers.isShown(entry);
    button.textContent = shown ? 'Hide again' : 'Show again';
    button.setAttribute('aria-pressed', String(shown));
  };
  button.addEventListener('click', () => {
    handlers.toggle(entry, !handlers.isShown(entry));
    sync();
  });
  // The article's own "Hide again" buttons announce changes; keep this button in step.
  document.addEventListener(RESTORED_EVENT, sync);
  sync();
  const line = readablePreview(entry.preview);
  return h(
    'li',
    { class: 'ledger-entry', 'data-entry': entry.id, 'data-rule': entry.rule },
    h('p', { class: 'entry-preview', dir: 'auto' }, line ? `“${line}${entry.preview.length >= 160 ? '…' : ''}”` : h('em', {}, 'No text (an empty box or backdrop)')),
    h('p', { class: 'entry-reason' }, icon('info'), h('span', {}, entry.reason)),
    h('div', { class: 'entry-actions' }, button),
  );
}
