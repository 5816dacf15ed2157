/**
 * Structure evidence several families share: position (a dialog or fixed box over the page).
 */
import type { Facts, Signal } from './types';
import { AUTHOR_NOTE_LINE, NOTICE_LINE, READER_APPEAL_LINE, REPORTING_LINE } from '../furniture.data';

/**
 * A paragraph of the article's end matter (credits, author notes, notices, an appeal to the reader):
 * not prose that ends the article, so what follows the story's real last paragraph is its tail.
 * The four patterns one by one, not joined into one: furniture.ts compiles three of them on every page
 * anyway, and a joined copy costs its own compile (~22 ms in Node, then as much again when V8 tiers it
 * up to native code), paid on every page load in the browser, where each page gets a fresh world.
 */
export function isTailNote(text: string): boolean {
  return REPORTING_LINE.test(text) || AUTHOR_NOTE_LINE.test(text) || NOTICE_LINE.test(text) || READER_APPEAL_LINE.test(text);
}

/** A dialog, or a fixed/sticky box on top of the page: the shape of a modal or a banner. */
export function positionSignal(f: Facts): readonly Signal[] {
  const p = f.place;
  if (p.dialog) return [{ kind: 'position', what: 'a dialog (role/aria-modal)' }];
  if (p.fixed && (p.onTop || p.cover)) return [{ kind: 'position', what: 'fixed over the page' }];
  if (p.fixed) return [{ kind: 'position', what: 'fixed to the viewport' }];
  return tailSignal(f);
}

/** Post phase: a block after the article's last paragraph (where promos and rails sit). */
export function tailSignal(f: Facts): readonly Signal[] {
  return f.place.tail ? [{ kind: 'position', what: 'after the article’s last paragraph' }] : NONE;
}

/** Most blocks have no position evidence: one shared empty answer instead of an array per family per element. */
const NONE: readonly Signal[] = Object.freeze([]);
