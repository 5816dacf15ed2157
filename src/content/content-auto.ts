/**
 * content-auto.js: auto-clean for the sites the reader chose (issue 5). Registered by the service
 * worker for exactly those sites (scripting.registerContentScripts, with content-auto.css), and
 * injected into open tabs when a site is switched on. It reads the settings itself (no round trip to
 * a sleeping service worker), cleans the live page (live-clean.ts) and defines `__decantLive` in the
 * extension's isolated world, which the service worker calls for the popup's ledger, "show again"
 * and "turn off".
 *
 * A classic script (IIFE), like content.js; no webextension-polyfill.
 */
import { enabledCategories, autoCleanOn } from '../platform/settings';
import { closedShadowReader, notifyBackground, readAutoCleanInContent } from '../platform/content-api';
import { LIVE_API_VERSION, type LiveMessage } from '../platform/live-protocol';
import { LiveCleaner } from './live-clean';

const BOOTING = Symbol.for('decant.live.booting');
type Flagged = typeof globalThis & { [BOOTING]?: boolean };

async function boot(): Promise<void> {
  const g = globalThis as Flagged;
  if (g.__decantLive || g[BOOTING]) return; // registered and injected into the same page: run once
  g[BOOTING] = true;
  try {
    const autoClean = await readAutoCleanInContent();
    if (!autoCleanOn({ autoClean }, location.href)) return;
    const categories = enabledCategories(autoClean.categories);
    if (!categories.length) return;
    if (document.readyState === 'loading') await new Promise((r) => document.addEventListener('DOMContentLoaded', r, { once: true }));
    const cleaner = new LiveCleaner({
      categories,
      view: window,
      onCount: (count) => notifyBackground({ decantLive: 'count', count } satisfies LiveMessage),
      closedShadowRoot: closedShadowReader() ?? undefined,
    });
    g.__decantLive = {
      version: LIVE_API_VERSION,
      ledger: () => cleaner.ledger(),
      show: (id) => cleaner.show(id),
      hide: (id) => cleaner.hide(id),
      stop: () => {
        cleaner.stop();
        g.__decantLive = undefined;
      },
    };
    cleaner.start();
  } catch (e) {
    console.error('Decant (auto-clean):', e);
  } finally {
    g[BOOTING] = false;
  }
}

void boot();
