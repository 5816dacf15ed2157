/**
 * HTML text → jsdom Document for the command line and tests. Scripts never run and nothing is
 * fetched (jsdom's defaults: `runScripts` off, no resource loader), and no style sheet is built from
 * its `<style>` blocks (no-stylesheets.ts). A page whose CSS still breaks jsdom's parser (an inline
 * style, or a `<style>` block should jsdom's internals change) is retried with its `<style>` contents
 * dropped, then with inline styles dropped too. Declarative shadow roots are put in place as a
 * browser shows them (declarative-shadow.ts).
 */
import { JSDOM, VirtualConsole } from 'jsdom';
import { applyCssTreeFix } from './css-tree-fix';
import { withoutStyleSheets } from './no-stylesheets';
import { composeDeclarativeShadows } from './declarative-shadow';

applyCssTreeFix();

export interface ParsedPage {
  dom: JSDOM;
  document: Document;
  window: Window & typeof globalThis;
  /** The URL used to resolve relative links: --url, else the page's canonical or og:url, else null. */
  baseUrl: string | null;
  warnings: string[];
}

const quiet = (): VirtualConsole => new VirtualConsole();

function make(html: string, url: string | undefined): JSDOM {
  return withoutStyleSheets(() => new JSDOM(html, { url, virtualConsole: quiet(), contentType: 'text/html' }));
}

function isHttpUrl(value: string | null | undefined): value is string {
  if (!value) return false;
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Parse a page. Throws an Error with a clear message only when every fallback fails. */
export function parseHtml(html: string, url?: string | null): ParsedPage {
  const warnings: string[] = [];
  const given = isHttpUrl(url) ? url : undefined;
  let dom: JSDOM;
  try {
    dom = make(html, given);
  } catch (first) {
    try {
      dom = make(html.replace(/(<style\b[^>]*>)[\s\S]*?(<\/style\s*>)/gi, '$1$2'), given);
      warnings.push(`The page's CSS could not be parsed (${(first as Error).message}); its <style> blocks were ignored.`);
    } catch {
      try {
        dom = make(
          html.replace(/(<style\b[^>]*>)[\s\S]*?(<\/style\s*>)/gi, '$1$2').replace(/\sstyle\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, ''),
          given,
        );
        warnings.push(`The page's CSS could not be parsed (${(first as Error).message}); its styles were ignored.`);
      } catch (third) {
        throw new Error(`The HTML could not be parsed: ${(third as Error).message}`);
      }
    }
  }
  composeDeclarativeShadows(dom.window.document);
  let baseUrl: string | null = given ?? null;
  if (!baseUrl) {
    const doc = dom.window.document;
    const canonical = doc.querySelector('link[rel~="canonical" i][href]')?.getAttribute('href') ?? doc.querySelector('meta[property="og:url" i][content]')?.getAttribute('content');
    if (isHttpUrl(canonical)) {
      dom.reconfigure({ url: canonical });
      baseUrl = canonical;
    }
  }
  return { dom, document: dom.window.document, window: dom.window as unknown as Window & typeof globalThis, baseUrl, warnings };
}

/**
 * Free a page's jsdom window. Never throws: jsdom counts a foreign-namespace <iframe> or <frame> (for
 * example `<svg><iframe>`) as a frame without a window, and window.close() then fails on it
 * ("Cannot read properties of undefined (reading 'close')"), which turned a finished page into an
 * error (found by the property tests). What close() did not reach is garbage once the page is dropped.
 */
export function closePage(page: { window: { close(): void } }): void {
  try {
    page.window.close();
  } catch {
    // see above
  }
}
