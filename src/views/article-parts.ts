/**
 * The parts both views put on screen for an article — metadata header, ledger, warnings and body —
 * wired together so "Show again" in the ledger puts the block back in the body, and its "Hide again"
 * takes it out.
 */
import type { LedgerEntry } from '../core/types';
import type { Outcome } from '../platform/protocol';
import { articleBody, articleHeader, hideBlock, isShown, openingTexts, showBlock, type ViewOptions } from './article-view';
import { h, icon } from './dom';
import { RESTORED_EVENT, renderLedger } from './ledger-view';
import { ledgerReady } from './ledger-html';

export type ArticleOutcome = Extract<Outcome, { state: 'article' }>;

export interface ArticleParts {
  header: HTMLElement;
  ledger: HTMLElement;
  warnings: HTMLElement | null;
  body: HTMLElement;
  /** Ids of blocks currently shown again (to keep them when the body is rebuilt). */
  shown(): string[];
}

export function warningsBox(warnings: readonly string[]): HTMLElement | null {
  if (!warnings.length) return null;
  return h(
    'aside',
    { class: 'warnings', role: 'note', 'aria-label': 'Coverage warnings', lang: 'en', dir: 'ltr' }, // Decant's sentences, in an RTL article too
    icon('warning'),
    h('ul', {}, ...warnings.map((w) => h('li', {}, w))),
  );
}

/** Resolves after the next frame has been produced (at once where there are no frames, e.g. jsdom). */
function afterFirstPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame !== 'function') return void setTimeout(resolve, 0);
    requestAnimationFrame(() => setTimeout(resolve, 0));
  });
}

export function articleParts(outcome: ArticleOutcome, options: ViewOptions, keepShown: readonly string[] = [], ledgerOptions: { compact?: boolean } = {}): ArticleParts {
  const body = articleBody(outcome.article, options);
  const order = outcome.removed.map((e) => e.id);
  const byId = new Map(outcome.removed.map((e) => [e.id, e]));
  const announce = (): void => void document.dispatchEvent(new CustomEvent(RESTORED_EVENT));
  // "Hide again" goes with its block: the focus goes back to where the block was shown from (the
  // ledger's "Show again" for it, or its category when that list was closed), not to the page's top.
  const hidden = (entry: LedgerEntry): void => {
    const hadFocus = !!document.activeElement?.closest('[data-restored]');
    hideBlock(body, entry.id);
    announce();
    if (!hadFocus) return;
    const from = [...ledger.querySelectorAll<HTMLElement>('.show-again')].find((b) => b.dataset.entry === entry.id) ?? ledger.querySelector<HTMLElement>(`.chip[data-category="${entry.category}"]`);
    from?.focus();
  };
  // The ledger's HTML may still be on its way (views/ledger-html.ts). Listen for it once the article
  // has been painted: reading the stored outcome back (the whole article again) and receiving its
  // storage events on the way to that first frame only delayed it. "Show again" waits for it.
  const ledgerIn = afterFirstPaint().then(() => ledgerReady(outcome));
  const place = (entry: LedgerEntry): void => {
    const block = showBlock(body, entry, order, options, () => hidden(entry));
    block.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  };
  const show = (entry: LedgerEntry): void => {
    if (!outcome.ledgerPending) return place(entry);
    void ledgerIn.then(() => {
      place(entry);
      announce();
    });
  };
  for (const id of keepShown) {
    const e = byId.get(id);
    if (e) showBlock(body, e, order, options, () => hidden(e));
  }
  const ledger = renderLedger(
    outcome.removed,
    {
      isShown: (e) => isShown(body, e.id),
      toggle: (e, on) => {
        if (on) show(e);
        else hideBlock(body, e.id);
        announce();
      },
    },
    ledgerOptions,
  );
  return {
    header: articleHeader(outcome.article, { opening: openingTexts(body) }),
    ledger,
    warnings: warningsBox(outcome.warnings),
    body,
    shown: () => Array.from(body.querySelectorAll('[data-restored]')).map((el) => el.getAttribute('data-restored')!),
  };
}
