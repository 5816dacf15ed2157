/**
 * Per-site content-script registration and host permissions for auto-clean (issue 5).
 *
 * One registration per site (`content-auto.js` + `content-auto.css`, at `document_end`, top frame),
 * kept by the browser across restarts. Both Chrome and Firefox (102+) offer
 * `scripting.registerContentScripts`; where it is missing, Firefox's older `contentScripts.register`
 * stands in — its registrations live only as long as the background page, so the service worker
 * re-registers on every start (`reconcile`). Detected, never sniffed (STYLE §4).
 */
import { browser, features } from './browser';
import { AUTO_CLEAN_CSS, AUTO_CLEAN_JS } from './live-protocol';
import { sitePattern } from './settings';

const ID_PREFIX = 'decant-auto-clean:';

/** The registration id of a site's auto-clean script. */
export function scriptIdOf(site: string): string {
  return ID_PREFIX + site;
}

function registration(site: string, persist: boolean) {
  return {
    id: scriptIdOf(site),
    matches: [sitePattern(site)],
    js: [AUTO_CLEAN_JS],
    css: [AUTO_CLEAN_CSS],
    runAt: 'document_end' as const,
    allFrames: false,
    ...(persist ? { persistAcrossSessions: true } : {}),
  };
}

interface LegacyHandle {
  unregister(): Promise<void>;
}
/** Firefox's `contentScripts.register` handles, by site (only used where `scripting` lacks registration). */
const legacy = new Map<string, LegacyHandle>();

/** Sites with an auto-clean registration now. */
export async function registeredSites(): Promise<string[]> {
  if (features.registerContentScripts()) {
    const scripts = await browser.scripting.getRegisteredContentScripts();
    return scripts.map((s) => s.id).filter((id) => id.startsWith(ID_PREFIX)).map((id) => id.slice(ID_PREFIX.length));
  }
  return [...legacy.keys()];
}

/** Register a site's auto-clean script (no-op when it is already registered). */
export async function registerSite(site: string): Promise<void> {
  if ((await registeredSites()).includes(site)) return;
  if (features.registerContentScripts()) {
    try {
      await browser.scripting.registerContentScripts([registration(site, true)]);
    } catch (e) {
      // A browser that does not know `persistAcrossSessions` says so; register without it (the
      // service worker registers again at every start).
      if (!/persistAcrossSessions/i.test((e as Error).message)) throw e;
      await browser.scripting.registerContentScripts([registration(site, false)]);
    }
    return;
  }
  if (features.legacyContentScripts()) {
    const cs = (browser as unknown as { contentScripts: { register(o: object): Promise<LegacyHandle> } }).contentScripts;
    legacy.set(site, await cs.register({ matches: [sitePattern(site)], js: [{ file: AUTO_CLEAN_JS }], css: [{ file: AUTO_CLEAN_CSS }], runAt: 'document_end', allFrames: false }));
    return;
  }
  throw new Error('This browser cannot register content scripts (neither scripting.registerContentScripts nor contentScripts.register is available).');
}

export async function unregisterSite(site: string): Promise<void> {
  if (features.registerContentScripts()) {
    if ((await registeredSites()).includes(site)) await browser.scripting.unregisterContentScripts({ ids: [scriptIdOf(site)] });
    return;
  }
  await legacy.get(site)?.unregister();
  legacy.delete(site);
}

/** Does Decant hold the host permission for this site? */
export async function hasSitePermission(site: string): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [sitePattern(site)] });
  } catch {
    return false;
  }
}

/** Give the site's host permission back (the browser then stops Decant from reading it). */
export async function removeSitePermission(site: string): Promise<boolean> {
  try {
    return await browser.permissions.remove({ origins: [sitePattern(site)] });
  } catch {
    return false;
  }
}

/** The site of a granted origin pattern (`https://www.example.org/*` → `https://www.example.org`), or null. */
export function siteOfPattern(pattern: string): string | null {
  const m = /^(https?):\/\/([^/*:]+)\/\*$/.exec(pattern);
  return m ? `${m[1]}://${m[2]}` : null;
}
