/**
 * Pages where extensions cannot run, recognised from the tab's URL before anything is injected, and
 * from the browser's own error messages when the URL is not visible to Decant. Pure functions (no
 * webextension-polyfill), so they are unit-tested directly.
 */
import type { RestrictedKind } from './protocol';

/** The browsers' add-on stores, where both Chrome and Firefox refuse every extension script. */
const STORE_URLS: readonly RegExp[] = [
  /^https:\/\/chromewebstore\.google\.com\//i, // Chrome Web Store (2023–)
  /^https:\/\/chrome\.google\.com\/webstore/i, // Chrome Web Store (old address)
  /^https:\/\/addons\.mozilla\.org\//i, // Firefox Add-ons (restricted domain in Firefox)
  /^https:\/\/microsoftedge\.microsoft\.com\/addons/i, // Edge Add-ons
];

/** Chrome's built-in PDF viewer is an extension with this id; Firefox shows PDFs with pdf.js. */
const PDF_VIEWER = /^chrome-extension:\/\/mhjfbmdgcfjbbpaeojofohoefgiehjai\//i;
const BROWSER_SCHEMES = /^(?:chrome|chrome-untrusted|chrome-search|chrome-devtools|devtools|edge|brave|opera|vivaldi|about|resource|jar|moz-extension|chrome-extension|extension|blob|data|javascript):/i;

/**
 * Why a URL cannot be cleaned, or null when Decant may try. `fileAccess` says whether the user let
 * Decant read file URLs (`extension.isAllowedFileSchemeAccess()`).
 */
export function restrictedKind(url: string | null | undefined, fileAccess = false, ownOrigin?: string): RestrictedKind | null {
  if (!url) return null;
  if (/^view-source:/i.test(url)) return 'view-source';
  if (PDF_VIEWER.test(url)) return 'pdf';
  if (ownOrigin && url.startsWith(ownOrigin)) return 'extension';
  if (/^about:(?:blank|srcdoc)(?:[?#]|$)/i.test(url)) return 'blank';
  if (/^data:/i.test(url)) return 'data';
  if (STORE_URLS.some((re) => re.test(url))) return 'store';
  if (/^file:/i.test(url)) return fileAccess ? null : 'file';
  if (BROWSER_SCHEMES.test(url)) return 'browser';
  if (!/^https?:/i.test(url)) return 'browser';
  return null;
}

/** What a refused injection means: a kind of page Decant cannot read, or a page it may read once allowed. */
export type InjectionFailure = { kind: RestrictedKind } | { noAccess: true } | null;

/** The address Chrome names when it refuses: `Cannot access contents of url "about:blank". …` */
const REFUSED_URL = /Cannot access contents of url "([^"]*)"/i;

/**
 * The browser's refusal messages (Chrome and Firefox wording), mapped to what they mean. `url` is the
 * tab's address when Decant may see it (tab.url, else tab.pendingUrl). `gesture`: the reader's click
 * on Decant (toolbar button, keyboard command, menu) just granted activeTab for this tab.
 */
export function classifyInjectionError(message: string, url: string | null, gesture = false): InjectionFailure {
  const m = message || '';
  if (/extensions gallery cannot be scripted|cannot be scripted/i.test(m)) return { kind: 'store' };
  // Chrome, when Decant may read the site: "Frame with ID 0 is showing error page".
  if (/showing error page/i.test(m)) return { kind: 'error-page' };
  if (/Cannot access contents of (?:the page|url)|Missing host permission|must request permission|host permission/i.test(m)) {
    const named = REFUSED_URL.exec(m)?.[1] || null;
    const kind = restrictedKind(named ?? url, false);
    if (kind) return { kind };
    // The click lets Decant read whatever web page the tab shows, and shows it the tab's address. A
    // refusal with no address in sight is a page activeTab does not cover: about:blank, data:,
    // view-source: or the browser's error page (Chrome says only "Cannot access contents of the
    // page" for each, and tab.url is hidden without the tabs permission).
    if (gesture && !named && !url) return { kind: 'unreadable' };
    return { noAccess: true };
  }
  if (/Cannot access a (?:chrome|about|edge|devtools)[\w-]*:\/\/ URL|Cannot access a chrome-extension:\/\/ URL|cannot access.*(?:chrome|about):/i.test(m)) return { kind: 'browser' };
  return null;
}

/** A sentence for each kind, written for a reader. */
export const RESTRICTED_MESSAGES: Readonly<Record<RestrictedKind, string>> = {
  browser: 'This is a browser page. Browsers do not let extensions read their own pages; open an article on the web and click Decant there.',
  store: 'This is the browser’s add-on store. Browsers do not let extensions read it, so Decant cannot clean this page.',
  pdf: 'This is a PDF shown by the browser’s PDF viewer. Decant reads web pages, not PDF files.',
  'view-source': 'This is a page’s source view. Open the page itself and click Decant there.',
  file: 'This is a file on your computer. To let Decant read local files, turn on “Allow access to file URLs” for Decant in the browser’s extension settings.',
  extension: 'This is already one of Decant’s own pages.',
  'not-html': 'This tab shows a file that is not a web page (an image, a video or plain data), so there is no article to read.',
  blank: 'This tab is empty (about:blank): there is no page in it to read. Open an article and click Decant there.',
  data: 'This page was made from a data: address, not loaded from the web. Browsers do not let extensions read such pages; open the article from its web address and click Decant there.',
  'error-page': 'This tab shows the browser’s error page: the page itself did not load. Reload it, then click Decant again.',
  unreadable: 'Browsers do not let extensions read this kind of page: an empty tab, a page’s source view, a data: address or the browser’s own error page. Open an article on the web and click Decant there.',
};

/** `http://host/*`: the match pattern for one site (ports are not part of match patterns). */
export function originPattern(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return `${u.protocol}//${u.hostname}/*`;
  } catch {
    return null;
  }
}
