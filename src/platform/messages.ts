/**
 * Typed messages between the extension's pages and its service worker (the content script answers
 * through `scripting.executeScript` results instead, see background.ts).
 *
 * Each request type maps to its payload and its response. Issue 5 adds its own entries here
 * (`auto-clean:get`/`auto-clean:set` for the popup's toggle, `auto-clean:ledger` for the live page's
 * hidden blocks); handlers register with {@link handleMessages}, so an unknown type is answered
 * with an error, never left hanging.
 */
import { browser, reportError, type Runtime } from './browser';
import type { Outcome } from './protocol';
import type { LiveLedger } from './live-protocol';
import { isWireRequest, unwrapReply, wireRequest } from './wire';

/** Auto-clean as the popup sees it for one tab (issue 5). */
export interface AutoCleanState {
  /** `scheme://host` of the tab, or null where auto-clean cannot apply (browser pages, files). */
  site: string | null;
  /** On in the settings and the host permission held. */
  enabled: boolean;
  /** The host permission is held (it may be, with auto-clean off: "Allow on this site" for the popup). */
  granted: boolean;
  /** What auto-clean hid on the open page, when its script runs there. */
  live: LiveLedger | null;
}

export interface MessageMap {
  /** Run Decant on a tab (injecting the content script) and keep the result for the reader view. */
  /** `gesture`: sent by the toolbar popup, whose opening click granted activeTab for the tab. */
  'clean-tab': { request: { tabId: number; gesture?: boolean }; response: Outcome };
  /** Open the reader view: for a kept result (`key`), or for a tab (cleaning it first). */
  'open-reader': { request: { key?: string; tabId?: number }; response: { ok: true; readerTabId: number } | { ok: false; message: string } };
  /** Auto-clean for a tab's site: on/off, permission, and the live page's ledger. */
  'auto-clean:state': { request: { tabId: number }; response: AutoCleanState };
  /** The reader asked for a site's permission to switch auto-clean on (sent while the dialog is open). */
  'auto-clean:intent': { request: { site: string }; response: null };
  /** The permission request was answered no (or failed): forget the intent. */
  'auto-clean:cancel': { request: { site: string }; response: null };
  /** Switch auto-clean on for a site whose permission Decant holds; cleans its open tabs at once. */
  'auto-clean:enable': { request: { site: string }; response: { ok: true } | { ok: false; message: string } };
  /** Switch it off: open pages restored without a reload, registration and permission removed. */
  'auto-clean:disable': { request: { site: string }; response: null };
  /** Show one hidden thing on the live page again, or hide it again. */
  'auto-clean:item': { request: { tabId: number; id: string; show: boolean }; response: LiveLedger | null };
}

export type MessageType = keyof MessageMap;
export type Request<K extends MessageType> = MessageMap[K]['request'];
export type Response<K extends MessageType> = MessageMap[K]['response'];

/** Ask the service worker. Rejects with the handler's error message when it fails. */
export async function sendMessage<K extends MessageType>(type: K, payload: Request<K>): Promise<Response<K>> {
  return unwrapReply<Response<K>>(await browser.runtime.sendMessage(wireRequest(type, payload)), type);
}

export type Handlers = { [K in MessageType]: (payload: Request<K>, sender: Runtime.MessageSender) => Promise<Response<K>> };

/** Register the service worker's handlers (call once, synchronously, at the top level). */
export function handleMessages(handlers: Partial<Handlers>): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (!isWireRequest(message)) return undefined;
    // Only Decant's own pages talk to the service worker (content scripts answer via executeScript).
    if (sender.id !== browser.runtime.id || !sender.url?.startsWith(browser.runtime.getURL(''))) return undefined;
    const handler = handlers[message.decant as MessageType] as ((p: unknown, s: Runtime.MessageSender) => Promise<unknown>) | undefined;
    if (!handler) return Promise.resolve({ ok: false, error: `Unknown request "${message.decant}".` });
    return handler(message.payload, sender).then(
      (value) => ({ ok: true, value }),
      (e: unknown) => {
        reportError(message.decant, e);
        return { ok: false, error: e instanceof Error ? e.message : String(e) };
      },
    );
  });
}
