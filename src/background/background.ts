/**
 * The service worker (Chrome) / event page (Firefox). It injects the content script into a tab on
 * the reader's gesture (the toolbar popup, the keyboard command, the context menu: each grants
 * activeTab), turns the answer into an {@link Outcome}, keeps it in session storage for the reader
 * view, and opens reader tabs. Listeners are registered synchronously at the top level, as MV3
 * requires; no state lives in globals (the worker may stop at any time).
 */
import { browser, contextMenus, features, ownOrigin, reportError, type Tabs } from '../platform/browser';
import { handleMessages } from '../platform/messages';
import type { ContentOptions, ContentReply, Outcome, TabInfo } from '../platform/protocol';
import { CONTENT_API_VERSION } from '../platform/protocol';
import { RESTRICTED_MESSAGES, classifyInjectionError, restrictedKind } from '../platform/restricted';
import { clearOutcomes, loadSettings, reserveOutcome, rewriteOutcome, saveOutcome } from '../platform/storage';
import { CATEGORIES } from '../core/types';
import { disableSite, enableSite, listenForAutoClean, reconcile, recordIntent, stateOf, takeIntent, toggleItem } from './auto-clean';

const MENU_ID = 'decant-open-reader';
const COMMAND_OPEN_READER = 'open-reader';
const CONTENT_FILE = 'content.js';

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** How long the call sent alongside content.js waits in the page for it (then the worker asks again). */
const CALL_WAITS_MS = 2000;

/** Ask the tab's content script to clean the page, injecting it first if it is not there yet. */
async function runInTab(tabId: number, options: ContentOptions): Promise<ContentReply> {
  const call = async (waitMs: number): Promise<ContentReply | null> => {
    const [frame] = await browser.scripting.executeScript({
      target: { tabId },
      // Runs in the tab's isolated world; it must be self-contained (it is serialised). When content.js
      // is not there yet, it waits up to `wait` ms for content.js to say it has defined its API.
      func: (opts: ContentOptions, version: number, wait: number) => {
        const answer = (): Promise<ContentReply> | null => {
          const api = globalThis.__decantContent;
          return api && api.version === version ? api.run(opts) : null;
        };
        const now = answer();
        if (now || wait <= 0) return now;
        return new Promise<ContentReply | null>((resolve) => {
          const timer = setTimeout(() => resolve(null), wait);
          (globalThis.__decantContentWaiting ??= []).push(() => {
            clearTimeout(timer);
            resolve(answer());
          });
        });
      },
      args: [options, CONTENT_API_VERSION, waitMs],
      injectImmediately: true,
    });
    if (!frame) throw new Error('The page did not answer.');
    const error = (frame as { error?: unknown }).error;
    if (error) throw error instanceof Error ? error : new Error(messageOf(error));
    return (frame.result ?? null) as ContentReply | null;
  };
  // A reader clicks once per page, so the script is usually not there yet: load it and send the call
  // at the same moment; the call waits in the page until content.js has defined its API. Sent one
  // after the other, the call waited for content.js's load to come back to the worker first (a round
  // trip through the browser, ~5 ms). Loading it again on a second click is cheap and harmless:
  // content.js keeps the first copy's API. A failed load fails the whole request at once.
  const loading = browser.scripting.executeScript({ target: { tabId }, files: [CONTENT_FILE], injectImmediately: true });
  const [, first] = await Promise.all([loading, call(CALL_WAITS_MS)]);
  const reply = first ?? (await call(0));
  if (!reply) throw new Error('Decant’s reader script did not start in this page.');
  return reply;
}

async function tabInfo(tabId: number): Promise<(TabInfo & { tab: Tabs.Tab }) | null> {
  try {
    const tab = await browser.tabs.get(tabId);
    return { tabId, url: tab.url ?? null, title: tab.title ?? null, tab };
  } catch {
    return null;
  }
}

/** Clean one tab: the outcome every view renders. Never throws. */
/** Outcomes still being stored, by key (the reader view reads them by key). */
const storing = new Map<string, Promise<unknown>>();

/**
 * `gesture`: the reader just clicked Decant for this tab (toolbar popup, keyboard command, menu), so
 * activeTab is granted and a refusal means the kind of page, not a missing permission.
 */
export async function cleanTab(tabId: number, gesture = false): Promise<Outcome> {
  // The settings are read while the tab is looked up: both are needed before the page is asked.
  const settingsLoaded = loadSettings();
  settingsLoaded.catch(() => {});
  const info = await tabInfo(tabId);
  if (!info) return { tab: { tabId, url: null, title: null }, state: 'error', message: 'That tab is no longer open.' };
  const tab: TabInfo = { tabId, url: info.url, title: info.title };
  try {
    const fileAccess = tab.url?.startsWith('file:') ? await browser.extension.isAllowedFileSchemeAccess() : false;
    const kind = restrictedKind(tab.url, fileAccess, ownOrigin());
    if (kind) return { tab, state: 'restricted', kind, message: RESTRICTED_MESSAGES[kind] };

    const { settings } = await settingsLoaded;
    const categories = CATEGORIES.filter((c) => settings.categories[c]);
    let reply: ContentReply;
    try {
      reply = await runInTab(tabId, { ...(categories.length === CATEGORIES.length ? {} : { categories }), ledgerHtml: 'later' });
    } catch (e) {
      return injectionFailure(tab, messageOf(e), { gesture, pendingUrl: info.tab.pendingUrl ?? null });
    }
    let outcome: Outcome;
    switch (reply.state) {
      case 'article':
      case 'no-article':
        outcome = { tab: { ...tab, url: tab.url ?? reply.capture.url }, ...reply };
        break;
      case 'restricted':
        outcome = { tab, state: 'restricted', kind: reply.kind, message: RESTRICTED_MESSAGES[reply.kind] };
        break;
      case 'loading':
        return { tab, state: 'loading' };
      case 'error':
        outcome = { tab, state: 'error', message: `Decant could not clean this page: ${reply.message}` };
        break;
    }
    // Answer at once; the copy kept for the reader view is written meanwhile, then again with the
    // ledger's HTML (openReader waits for both; the views fill the HTML in when it is stored).
    const { key, saved } = reserveOutcome(outcome);
    const done = saved.then(() => completeLedger(tabId, key, outcome));
    storing.set(key, done);
    void done.catch((e: unknown) => reportError('save outcome', e)).finally(() => storing.delete(key));
    return { ...outcome, key };
  } catch (e) {
    reportError('clean-tab', e);
    return { tab, state: 'error', message: `Decant could not clean this page: ${messageOf(e)}` };
  }
}

/**
 * Fetch the ledger's HTML the content script kept back (ContentOptions.ledgerHtml 'later') and store
 * the outcome again with it. When the page has moved on, the entries keep no HTML and the views show
 * their previews instead; either way the outcome is no longer pending.
 */
async function completeLedger(tabId: number, key: string, outcome: Outcome): Promise<void> {
  if ((outcome.state !== 'article' && outcome.state !== 'no-article') || !outcome.ledgerPending) return;
  const token = outcome.ledgerPending;
  let htmls: string[] | null = null;
  try {
    const [frame] = await browser.scripting.executeScript({
      target: { tabId },
      func: (t: string, version: number) => {
        const api = globalThis.__decantContent;
        return api && api.version === version ? api.ledgerHtml(t) : null;
      },
      args: [token, CONTENT_API_VERSION],
      injectImmediately: true,
    });
    htmls = (frame?.result ?? null) as string[] | null;
  } catch {
    htmls = null;
  }
  const stored = { ...outcome, removed: outcome.removed.map((e, i) => ({ ...e, html: htmls?.[i] ?? '' })) };
  delete stored.ledgerPending;
  await rewriteOutcome(key, stored);
}

function injectionFailure(tab: TabInfo, message: string, context: { gesture: boolean; pendingUrl: string | null }): Outcome {
  const known = classifyInjectionError(message, tab.url ?? context.pendingUrl, context.gesture);
  if (known && 'kind' in known) return { tab, state: 'restricted', kind: known.kind, message: RESTRICTED_MESSAGES[known.kind] };
  if (known) {
    let origin: string | null = null;
    try {
      origin = tab.url ? new URL(tab.url).origin : null;
    } catch {
      origin = null;
    }
    return {
      tab,
      state: 'no-access',
      origin,
      message: origin
        ? `Decant does not have access to ${new URL(origin).host} in this tab. Click the Decant button on the page, or allow Decant on this site.`
        : 'Decant does not have access to this tab. Open the page and click the Decant button in the toolbar.',
    };
  }
  if (/No tab with id|Invalid tab ID/i.test(message)) return { tab, state: 'error', message: 'That tab is no longer open.' };
  return { tab, state: 'error', message: `Decant could not run in this page: ${message}` };
}

/** Open the reader view next to the article's tab; cleans the tab first when there is no kept result. */
export async function openReader(request: { key?: string; tabId?: number; gesture?: boolean }): Promise<{ ok: true; readerTabId: number } | { ok: false; message: string }> {
  let key = request.key;
  const sourceTabId = request.tabId ?? null;
  if (!key) {
    if (sourceTabId === null) return { ok: false, message: 'No tab to read.' };
    const outcome = await cleanTab(sourceTabId, request.gesture);
    key = outcome.key;
    if (!key) {
      // Still loading: keep the state so the reader view can say so and try again itself.
      key = await saveOutcome(outcome);
    }
  }
  await storing.get(key)?.catch(() => {});
  const source = sourceTabId !== null ? await tabInfo(sourceTabId) : null;
  const created = await browser.tabs.create({
    url: browser.runtime.getURL(`reader.html?id=${encodeURIComponent(key)}${sourceTabId !== null ? `&tab=${sourceTabId}` : ''}`),
    ...(source ? { index: source.tab.index + 1, windowId: source.tab.windowId, openerTabId: sourceTabId! } : {}),
  });
  return { ok: true, readerTabId: created.id ?? -1 };
}

async function activeTabId(): Promise<number | null> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.id ?? null;
}

function createMenus(): void {
  const menus = contextMenus();
  if (!menus) return;
  void menus.removeAll().then(() =>
    menus.create({
      id: MENU_ID,
      title: 'Open in Decant reader view',
      contexts: ['page', 'selection', 'link', 'image'],
      documentUrlPatterns: ['http://*/*', 'https://*/*', 'file:///*'],
    }),
  ).catch((e: unknown) => reportError('context menu', e));
}

// --- Listeners (top level, synchronous) --------------------------------------------------------

handleMessages({
  'clean-tab': ({ tabId, gesture }) => cleanTab(tabId, gesture),
  'open-reader': (request) => openReader(request),
  'auto-clean:state': ({ tabId }) => stateOf(tabId),
  'auto-clean:intent': ({ site }) => recordIntent(site),
  'auto-clean:cancel': async ({ site }) => (await takeIntent(site), null),
  'auto-clean:enable': ({ site }) => enableSite(site),
  'auto-clean:disable': ({ site }) => disableSite(site),
  'auto-clean:item': ({ tabId, id, show }) => toggleItem(tabId, id, show),
});
listenForAutoClean();

browser.runtime.onInstalled.addListener(() => {
  createMenus();
  // An update may have changed the settings schema or the script; make registrations match.
  void reconcile().catch((e: unknown) => reportError('install', e));
});
browser.runtime.onStartup.addListener(() => {
  createMenus();
  void reconcile().catch((e: unknown) => reportError('startup', e));
  // Without storage.session, results sit in local storage; they belong to one browser session.
  if (!features.sessionStorage()) void clearOutcomes().catch((e: unknown) => reportError('startup', e));
});

contextMenus()?.onClicked.addListener((info, tab) => {
  if (info.menuItemId !== MENU_ID || tab?.id === undefined) return;
  void openReader({ tabId: tab.id, gesture: true }).catch((e: unknown) => reportError('context menu', e));
});

if (features.commands()) {
  browser.commands.onCommand.addListener((command: string, tab?: Tabs.Tab) => {
    if (command !== COMMAND_OPEN_READER) return;
    void (async () => {
      const tabId = tab?.id ?? (await activeTabId());
      if (tabId !== null && tabId !== undefined) await openReader({ tabId, gesture: true });
    })().catch((e: unknown) => reportError('command', e));
  });
}

// Test hooks (a module service worker has no implicit globals; BROWSER-TESTING.md pitfall 5). They
// call the same handlers as the keyboard command and the context menu; pages cannot reach them.
(globalThis as { __decantTest?: unknown }).__decantTest = {
  cleanTab,
  openReader,
  command: (name: string, tabId: number) => (name === COMMAND_OPEN_READER ? openReader({ tabId, gesture: true }) : Promise.reject(new Error(`unknown command ${name}`))),
  menuClick: (tabId: number) => openReader({ tabId, gesture: true }),
};
