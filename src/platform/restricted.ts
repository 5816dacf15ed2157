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
  if (STORE_URLS.some((re) => re.test(url))) return 'store';
  if (/^file:/i.test(url)) return fileAccess ? null : 'file';
  if (BROWSER_SCHEMES.test(url)) return 'browser';
  if (!/^https?:/i.test(url)) return 'browser';
  return null;
}

/** The browser's refusal messages (Chrome and Firefox wording), mapped to what they mean. */
export function classifyInjectionError(message: string, url: string | null): { kind: RestrictedKind } | { noAccess: true } | null {
  const m = message || '';
  if (/extensions gallery cannot be scripted|cannot be scripted/i.test(m)) return { kind: 'store' };
  if (/Cannot access a (?:chrome|about|edge|devtools)[\w-]*:\/\/ URL|Cannot access a chrome-extension:\/\/ URL|cannot access.*(?:chrome|about):/i.test(m)) return { kind: 'browser' };
  if (/Cannot access contents of url "file:/i.test(m)) return { kind: 'file' };
  if (/Cannot access contents of (?:the page|url)|Missing host permission|must request permission|host permission/i.test(m)) {
    const kind = restrictedKind(url, false);
    return kind ? { kind } : { noAccess: true };
  }
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
