/**
 * Shapes shared by the auto-clean content script (content-auto.js), the service worker and the popup.
 * Types and constants only: the content script imports them without the polyfill.
 */
import type { Category } from '../core/types';

/** The marker on every element auto-clean hides; its value is the rule that hid it. */
export const HIDDEN_BY_ATTR = 'data-decant-hidden-by';
/** On `html`/`body` while auto-clean overrides the page's scroll lock: `overflow`, `position`. */
export const UNLOCKED_ATTR = 'data-decant-unlocked';
/** The one stylesheet (registered with the content script, or inserted with it). */
export const AUTO_CLEAN_CSS = 'content-auto.css';
export const AUTO_CLEAN_JS = 'content-auto.js';

/** One thing auto-clean hid on the live page. */
export interface LiveItem {
  /** `h1`, `h2`, … unique on this page load. */
  id: string;
  /** The rule family that named it, `scroll-lock`, or `live-cover` (a layer over the whole viewport). */
  rule: string;
  category: Category;
  /** The evidence, in words. */
  reason: string;
  /** The first 160 characters of its text (or what the lock was). */
  preview: string;
  /** Found after the page had loaded (a late nag), rather than in the first pass. */
  late: boolean;
  /** The reader chose to show it again. */
  shown: boolean;
}

/** What the popup shows for an auto-cleaned tab. */
export interface LiveLedger {
  url: string;
  /** Items currently hidden (the badge number). */
  hidden: number;
  items: LiveItem[];
  /** Milliseconds spent: the first pass, and all later scans together. */
  timings: { first: number; late: number };
}

/** What content-auto.js defines in the extension's isolated world of a tab. */
export interface LiveApi {
  version: number;
  ledger(): LiveLedger;
  /** Show one item again (true when it was found), or hide it again. */
  show(id: string): boolean;
  hide(id: string): boolean;
  /** Turn auto-clean off on this page: everything shown again, the page as it was, no reload. */
  stop(): void;
}

export const LIVE_API_VERSION = 1;

declare global {
  var __decantLive: LiveApi | undefined;
}

/** Content script → service worker. */
export type LiveMessage = { decantLive: 'count'; count: number };

export function isLiveMessage(m: unknown): m is LiveMessage {
  return typeof m === 'object' && m !== null && (m as { decantLive?: unknown }).decantLive === 'count' && Number.isInteger((m as { count?: unknown }).count);
}
