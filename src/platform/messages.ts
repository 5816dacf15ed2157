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

export interface MessageMap {
  /** Run Decant on a tab (injecting the content script) and keep the result for the reader view. */
  'clean-tab': { request: { tabId: number }; response: Outcome };
  /** Open the reader view: for a kept result (`key`), or for a tab (cleaning it first). */
  'open-reader': { request: { key?: string; tabId?: number }; response: { ok: true; readerTabId: number } | { ok: false; message: string } };
}

export type MessageType = keyof MessageMap;
export type Request<K extends MessageType> = MessageMap[K]['request'];
export type Response<K extends MessageType> = MessageMap[K]['response'];
type Envelope = { [K in MessageType]: { decant: K; payload: Request<K> } }[MessageType];

/** Ask the service worker. Rejects with the handler's error message when it fails. */
export async function sendMessage<K extends MessageType>(type: K, payload: Request<K>): Promise<Response<K>> {
  const reply = (await browser.runtime.sendMessage({ decant: type, payload })) as { ok: true; value: Response<K> } | { ok: false; error: string } | undefined;
  if (!reply) throw new Error(`Decant's background page did not answer "${type}".`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

export type Handlers = { [K in MessageType]: (payload: Request<K>, sender: Runtime.MessageSender) => Promise<Response<K>> };

function isEnvelope(m: unknown): m is Envelope {
  return typeof m === 'object' && m !== null && typeof (m as { decant?: unknown }).decant === 'string';
}

/** Register the service worker's handlers (call once, synchronously, at the top level). */
export function handleMessages(handlers: Partial<Handlers>): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (!isEnvelope(message)) return undefined;
    // Only Decant's own pages talk to the service worker (content scripts answer via executeScript).
    if (sender.id !== browser.runtime.id || !sender.url?.startsWith(browser.runtime.getURL(''))) return undefined;
    const handler = handlers[message.decant] as ((p: unknown, s: Runtime.MessageSender) => Promise<unknown>) | undefined;
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
