/**
 * The ledger's HTML arrives after the article (ContentOptions.ledgerHtml 'later'): the popup gets the
 * outcome with empty `html` and a `ledgerPending` token, and the service worker stores the outcome
 * again with the HTML moments later. This fills it into the outcome the view already holds (the
 * same entry objects the ledger and "show again" read), once per outcome.
 */
import type { Outcome } from '../platform/protocol';
import { loadOutcome, onOutcomeStored } from '../platform/storage';

type WithLedger = Extract<Outcome, { state: 'article' | 'no-article' }>;

/** Give up waiting after this long: "show again" then shows the block's preview instead. */
const WAIT_MS = 5000;

const waiting = new WeakMap<object, Promise<void>>();

/** Resolves when `outcome`'s ledger HTML is in (at once when it is not pending). */
export function ledgerReady(outcome: WithLedger): Promise<void> {
  const key = outcome.key;
  if (!outcome.ledgerPending || !key) return Promise.resolve();
  let ready = waiting.get(outcome);
  if (!ready) {
    ready = new Promise<void>((resolve) => {
      let stop = (): void => {};
      const finish = (): void => {
        stop();
        clearTimeout(timer);
        resolve();
      };
      const apply = (stored: Outcome | null): void => {
        if (!stored || (stored.state !== 'article' && stored.state !== 'no-article') || stored.ledgerPending) return;
        const html = new Map(stored.removed.map((e) => [e.id, e.html]));
        for (const e of outcome.removed) e.html = html.get(e.id) ?? e.html;
        delete outcome.ledgerPending;
        finish();
      };
      const timer = setTimeout(finish, WAIT_MS);
      stop = onOutcomeStored(key, apply);
      // It may have been stored before this view listened.
      void loadOutcome(key).then(apply, () => {});
    });
    waiting.set(outcome, ready);
  }
  return ready;
}
