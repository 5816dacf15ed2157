/**
 * The shapes that travel between the content script, the service worker and the extension pages.
 * Types and constants only, so the content script can import them without pulling in
 * webextension-polyfill.
 */
import type { Article, Category, CitationMeta, LedgerEntry } from '../core/types';

/** Bumped when the content script's `run()` changes shape, so an old copy in a tab is replaced. */
export const CONTENT_API_VERSION = 2;

/** What Decant captured at the click, for exports (CONTRACT §5 provenance). */
export interface Capture {
  /** The click time, ISO 8601. */
  capturedAt: string;
  /** SHA-256 (hex) of the UTF-8 serialisation of `document.documentElement.outerHTML` at the click. */
  sha256Html: string;
  /** The page's address at the click. */
  url: string;
  /**
   * Milliseconds the content script spent: serialising the page for the hash (`capture`), marking on
   * the core's copy what the live page hides (`mark`), the core pipeline without the marks (`clean`),
   * the ledger's HTML (`ledger`), waiting for the hash (`hash`), and all of it (`total`).
   */
  timings: { capture: number; mark: number; clean: number; ledger: number; hash: number; total: number };
  /** The core pipeline's own steps (`debug.steps`), for the benchmark and bug reports. */
  steps?: { name: string; ms: number }[];
}

/** What content.js defines in the extension's isolated world of a tab. */
export interface ContentApi {
  version: number;
  run(options?: ContentOptions): Promise<ContentReply>;
  /**
   * The HTML of the removed blocks (page markup, NOT sanitised) of the run that answered with `ledgerPending: token`,
   * in ledger order; null when that run is gone (another run since, or the page reloaded).
   */
  ledgerHtml(token: string): string[] | null;
}

declare global {
  var __decantContent: ContentApi | undefined;
  /** Calls that reached the page before content.js (background.ts sends both at once); it answers them. */
  var __decantContentWaiting: (() => void)[] | undefined;
}

/** Options the service worker passes to the content script. */
export interface ContentOptions {
  /** Categories to remove (the user's settings); all when absent. */
  categories?: Category[];
  /**
   * `later`: answer with the ledger's entries but empty `html` and a `ledgerPending` token; the
   * HTML (needed only to show a removed block again) comes from `ledgerHtml(token)`, after
   * the popup has the article. Default: in the answer.
   */
  ledgerHtml?: 'now' | 'later';
}

/** A ledger entry as it travels: plain data (`html` already read from the core's lazy getter). */
export type WireLedgerEntry = LedgerEntry;

/**
 * The content script's answer for one page. `article.contentHtml` and each entry's `html` are page
 * markup the content script did NOT sanitise (core/deferred.ts): only html.ts turns them into nodes
 * or into what is stored in the library or exported.
 */
export type ContentReply =
  | { state: 'article'; article: Article; removed: WireLedgerEntry[]; warnings: string[]; capture: Capture; citation?: CitationMeta | null; ledgerPending?: string }
  | { state: 'no-article'; reason: string; removed: WireLedgerEntry[]; warnings: string[]; capture: Capture; ledgerPending?: string }
  | { state: 'loading' }
  | { state: 'restricted'; kind: RestrictedKind }
  | { state: 'error'; message: string };

/** Pages extensions may not read, or that are not web pages. */
export type RestrictedKind = 'browser' | 'store' | 'pdf' | 'view-source' | 'file' | 'extension' | 'not-html' | 'blank' | 'data' | 'error-page' | 'unreadable';

/** What a view needs to know about the tab an outcome belongs to. */
export interface TabInfo {
  tabId: number | null;
  /** Null when the browser does not tell Decant (no access to the tab). */
  url: string | null;
  title: string | null;
}

/** The result of "clean this tab", as the popup and reader view render it. */
export type Outcome = { tab: TabInfo; key?: string } & (
  /**
   * `citation`: the page's citation_* metadata (DOI, journal…), for the citation exports.
   * `ledgerPending`: the entries' `html` is still being made (the service worker stores the outcome
   * again with it moments later; views fill it in, see views/ledger-html.ts).
   */
  | { state: 'article'; article: Article; removed: WireLedgerEntry[]; warnings: string[]; capture: Capture; citation?: CitationMeta | null; ledgerPending?: string }
  | { state: 'no-article'; reason: string; removed: WireLedgerEntry[]; warnings: string[]; capture: Capture; ledgerPending?: string }
  | { state: 'loading' }
  | { state: 'restricted'; kind: RestrictedKind; message: string }
  /** Decant may not read this tab (no click grant, no host permission). `origin` when known. */
  | { state: 'no-access'; origin: string | null; message: string }
  | { state: 'error'; message: string }
);

export type OutcomeState = Outcome['state'];
