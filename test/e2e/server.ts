/**
 * A local web server on 127.0.0.1 for the real-browser tests and bench:browser. It serves the bundled
 * sample page, the nag pages of ../shared/nags and the pages of ../shared/corpus/scrapinghub (read in
 * place, never copied), and pages the tests build on the fly (script-injection vectors, a page that is
 * still loading, a page with no article).
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { ROOT, SHARED } from '../helpers';

export interface TestServer {
  origin: string;
  /** Add or replace a page built by a test: `path` → HTML (and optional headers). */
  page(pathname: string, html: string, headers?: Record<string, string>): string;
  /** A page whose response stays open until `release()` is called: the tab keeps loading. */
  slowPage(pathname: string, head: string, rest: string): { url: string; release(): void };
  close(): Promise<void>;
}

export const SAMPLE_PATH = '/sample/moscow-times-venezuela.html';

/**
 * Corpus pages (bench:browser) are served as their saved bytes (the browser decodes them itself) under
 * a policy that runs none of the page's own scripts and fetches nothing from elsewhere: the pages are
 * saved copies, their scripts and resources would fail offline anyway, and a script that rewrote the
 * page would make the timings depend on the run. Content scripts are not subject to the page's policy.
 */
export const CORPUS_CSP = "default-src 'self' data:; script-src 'none'; style-src 'self' 'unsafe-inline' data:; img-src 'self' data:; object-src 'none'; base-uri 'none'";

/** Where a page of ../shared/corpus/scrapinghub is served: `/corpus/<id>.html`. */
export const corpusPath = (id: string): string => `/corpus/${id}.html`;

export async function startServer(): Promise<TestServer> {
  const pages = new Map<string, { html: string; headers: Record<string, string> }>();
  const slow = new Map<string, { head: string; rest: string; waiting: http.ServerResponse[]; released: boolean }>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, body: string | Buffer, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
      res.end(body);
    };
    const built = pages.get(url.pathname);
    if (built) return send(200, built.html, built.headers);
    const s = slow.get(url.pathname);
    if (s) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.write(s.head);
      if (s.released) res.end(s.rest);
      else s.waiting.push(res);
      return;
    }
    if (url.pathname === SAMPLE_PATH) return send(200, fs.readFileSync(path.join(ROOT, 'sample', 'moscow-times-venezuela.html')));
    const nag = /^\/nags\/([\w-]+\.html)$/.exec(url.pathname);
    if (nag && fs.existsSync(path.join(SHARED, 'nags', nag[1]))) return send(200, fs.readFileSync(path.join(SHARED, 'nags', nag[1])));
    const corpus = /^\/corpus\/([0-9a-f]{64})\.html$/.exec(url.pathname);
    const corpusFile = corpus && path.join(SHARED, 'corpus', 'scrapinghub', `${corpus[1]}.html`);
    if (corpusFile && fs.existsSync(corpusFile)) {
      res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store', 'content-security-policy': CORPUS_CSP });
      return res.end(fs.readFileSync(corpusFile));
    }
    if (url.pathname === '/favicon.ico') return send(204, '');
    send(404, '<!DOCTYPE html><title>Not found</title><p>Not found</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    page(pathname, html, headers = {}) {
      pages.set(pathname, { html, headers });
      return origin + pathname;
    },
    slowPage(pathname, head, rest) {
      const entry = { head, rest, waiting: [] as http.ServerResponse[], released: false };
      slow.set(pathname, entry);
      return {
        url: origin + pathname,
        release() {
          entry.released = true;
          for (const res of entry.waiting.splice(0)) res.end(rest);
        },
      };
    },
    async close() {
      for (const s of slow.values()) for (const res of s.waiting) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
