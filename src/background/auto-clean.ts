/**
 * Auto-clean in the service worker (issue 5): per-site permission, registration, the open tabs of a
 * site, and the toolbar badge.
 *
 * Switching on starts in the popup: the toggle's click calls `permissions.request` for exactly that
 * site and tells this worker of the intent, because the popup may close while the browser's dialog is
 * open. The grant then arrives here as `permissions.onAdded` (or, when the permission was already
 * held and no dialog showed, as the popup's `auto-clean:enable`). Either way `enableSite` saves the
 * site, registers the content script and cleans the site's open tabs at once.
 *
 * Nothing lives in globals: every step reads storage, so a restarted worker carries on. `reconcile`
 * makes the registrations match "site in settings AND permission held" at start, after an import,
 * and whenever the permissions or settings change.
 */
import { browser, features, reportError, type Runtime } from '../platform/browser';
import { hasSitePermission, registerSite, registeredSites, removeSitePermission, siteOfPattern, unregisterSite } from '../platform/auto-clean';
import type { AutoCleanState } from '../platform/messages';
import { AUTO_CLEAN_CSS, AUTO_CLEAN_JS, LIVE_API_VERSION, isLiveMessage, type LiveLedger } from '../platform/live-protocol';
import { changeSettings, loadSettings, onSettingsChanged, siteOf, sitePattern } from '../platform/storage';

const PENDING_KEY = 'autoClean.pending';
/** How long a popup's "switch on" intent waits for the permission dialog's answer. */
const INTENT_TTL_MS = 5 * 60_000;
const BADGE_COLOR = '#3d6b4f';

function pendingArea() {
  return features.sessionStorage() ? browser.storage.session : browser.storage.local;
}

async function readPending(): Promise<Record<string, number>> {
  const got = await pendingArea().get(PENDING_KEY);
  const v = got[PENDING_KEY];
  return v && typeof v === 'object' ? (v as Record<string, number>) : {};
}

export async function recordIntent(site: string): Promise<null> {
  const pending = await readPending();
  pending[site] = Date.now();
  await pendingArea().set({ [PENDING_KEY]: pending });
  return null;
}

/** Forget a site's intent; true when a fresh one was there. */
export async function takeIntent(site: string): Promise<boolean> {
  const pending = await readPending();
  const at = pending[site];
  if (at === undefined) return false;
  delete pending[site];
  await pendingArea().set({ [PENDING_KEY]: pending });
  return Date.now() - at < INTENT_TTL_MS;
}

function checkSite(site: string): string {
  if (siteOf(`${site}/`) !== site) throw new Error(`Not a site Decant can clean: ${JSON.stringify(site)}.`);
  return site;
}

// --- Registrations ---------------------------------------------------------------------------------

let reconciling: Promise<void> = Promise.resolve();

/** Registered scripts = sites in the settings whose permission Decant holds. Serialised. */
export function reconcile(): Promise<void> {
  const run = reconciling.then(async () => {
    const { settings, unread } = await loadSettings();
    // Defaults standing in for unreadable storage say nothing about the reader's sites: change nothing.
    if (unread) return;
    const wanted = new Set<string>();
    for (const site of Object.keys(settings.autoClean.sites)) if (await hasSitePermission(site)) wanted.add(site);
    const have = new Set(await registeredSites());
    for (const site of have) if (!wanted.has(site)) await unregisterSite(site);
    for (const site of wanted) if (!have.has(site)) await registerSite(site);
  });
  reconciling = run.catch((e: unknown) => reportError('auto-clean reconcile', e));
  return run;
}

/** Tabs open on a site (host permission lets Decant see their URLs without the `tabs` permission). */
async function tabsOf(site: string): Promise<number[]> {
  try {
    const tabs = await browser.tabs.query({ url: sitePattern(site) });
    return tabs.map((t) => t.id).filter((id): id is number => typeof id === 'number');
  } catch {
    return [];
  }
}

/** Switch auto-clean on for a site (its permission must be held). */
export async function enableSite(site: string): Promise<{ ok: true } | { ok: false; message: string }> {
  checkSite(site);
  await takeIntent(site);
  if (!(await hasSitePermission(site))) return { ok: false, message: `Decant does not have access to ${new URL(site).host}, so it cannot clean it automatically.` };
  await changeSettings((s) => {
    s.autoClean.sites[site] ??= { enabledAt: new Date().toISOString() };
    return s;
  });
  await reconcile();
  // The registration applies from the next page load; clean what is open now.
  await Promise.all((await tabsOf(site)).map((tabId) => startInTab(tabId)));
  return { ok: true };
}

async function startInTab(tabId: number): Promise<void> {
  try {
    await browser.scripting.insertCSS({ target: { tabId }, files: [AUTO_CLEAN_CSS] });
    await browser.scripting.executeScript({ target: { tabId }, files: [AUTO_CLEAN_JS] });
  } catch (e) {
    reportError('auto-clean start', e);
  }
}

/**
 * Switch auto-clean off for a site: its open pages are restored at once (while Decant can still
 * reach them), then the registration goes, the site leaves the settings and the permission is given
 * back.
 */
export async function disableSite(site: string): Promise<null> {
  checkSite(site);
  await takeIntent(site);
  await Promise.all(
    (await tabsOf(site)).map(async (tabId) => {
      await liveCall(tabId, 'stop');
      await setBadge(tabId, 0);
      await browser.scripting.removeCSS({ target: { tabId }, files: [AUTO_CLEAN_CSS] }).catch(() => undefined);
    }),
  );
  await unregisterSite(site).catch((e: unknown) => reportError('auto-clean unregister', e));
  await changeSettings((s) => {
    delete s.autoClean.sites[site];
    return s;
  });
  await removeSitePermission(site);
  await reconcile();
  return null;
}

// --- The live page -----------------------------------------------------------------------------------

type LiveCall = 'ledger' | 'stop' | 'show' | 'hide';

/** Call the page's `__decantLive` (null when auto-clean does not run there, or Decant cannot reach it). */
async function liveCall(tabId: number, call: LiveCall, id?: string): Promise<LiveLedger | null> {
  try {
    const [frame] = await browser.scripting.executeScript({
      target: { tabId },
      // Serialised into the tab's isolated world: self-contained.
      func: (what: LiveCall, itemId: string | null, version: number) => {
        const api = globalThis.__decantLive;
        if (!api || api.version !== version) return null;
        if (what === 'stop') {
          api.stop();
          return null;
        }
        if (what === 'show' && itemId) api.show(itemId);
        if (what === 'hide' && itemId) api.hide(itemId);
        return api.ledger();
      },
      args: [call, id ?? null, LIVE_API_VERSION],
      injectImmediately: true,
    });
    return (frame?.result as LiveLedger | null | undefined) ?? null;
  } catch {
    return null;
  }
}

export async function stateOf(tabId: number): Promise<AutoCleanState> {
  let url: string | null = null;
  try {
    url = (await browser.tabs.get(tabId)).url ?? null;
  } catch {
    url = null;
  }
  const site = siteOf(url);
  if (!site) return { site: null, enabled: false, granted: false, live: null };
  const [{ settings }, granted] = await Promise.all([loadSettings(), hasSitePermission(site)]);
  const enabled = granted && Object.prototype.hasOwnProperty.call(settings.autoClean.sites, site);
  return { site, enabled, granted, live: enabled ? await liveCall(tabId, 'ledger') : null };
}

export async function toggleItem(tabId: number, id: string, show: boolean): Promise<LiveLedger | null> {
  return liveCall(tabId, show ? 'show' : 'hide', id);
}

async function setBadge(tabId: number, count: number): Promise<void> {
  try {
    await browser.action.setBadgeText({ tabId, text: count > 0 ? String(count) : '' });
    if (count > 0) await browser.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR });
  } catch {
    // the tab closed
  }
}

// --- Listeners (registered synchronously by background.ts) ---------------------------------------------

export function listenForAutoClean(): void {
  browser.permissions.onAdded.addListener((perms) => {
    void (async () => {
      for (const origin of perms.origins ?? []) {
        const site = siteOfPattern(origin);
        if (site && (await takeIntent(site))) await enableSite(site);
      }
      await reconcile();
    })().catch((e: unknown) => reportError('auto-clean permission added', e));
  });
  // Access taken away in the browser's own settings: stop registering; the site stays in the settings
  // (the options page offers to allow it again).
  browser.permissions.onRemoved.addListener(() => {
    void reconcile().catch((e: unknown) => reportError('auto-clean permission removed', e));
  });
  onSettingsChanged(() => void reconcile().catch((e: unknown) => reportError('auto-clean settings changed', e)));

  // The live page reports how much it hid: the toolbar badge for that tab.
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (!isLiveMessage(message) || sender.id !== browser.runtime.id || sender.tab?.id === undefined) return undefined;
    if (sender.frameId !== undefined && sender.frameId !== 0) return undefined;
    void setBadge(sender.tab.id, message.count);
    return undefined;
  });
}
