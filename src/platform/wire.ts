/**
 * The envelope of a request to the service worker and of its reply. Pure (no polyfill), so the
 * popup's early script can use it before the interface's modules have loaded.
 */

/** A request: `{ decant: <type>, payload }`. */
export interface WireRequest<T extends string = string, P = unknown> {
  decant: T;
  payload: P;
}

/** A reply: the handler's value, or its error message. */
export type WireReply<V = unknown> = { ok: true; value: V } | { ok: false; error: string };

export function wireRequest<T extends string, P>(type: T, payload: P): WireRequest<T, P> {
  return { decant: type, payload };
}

export function isWireRequest(m: unknown): m is WireRequest {
  return typeof m === 'object' && m !== null && typeof (m as { decant?: unknown }).decant === 'string';
}

/** The value of a reply, or an Error with the handler's message. */
export function unwrapReply<V>(reply: unknown, type: string): V {
  const r = reply as WireReply<V> | undefined;
  if (!r || typeof r !== 'object' || !('ok' in r)) throw new Error(`Decant's background page did not answer "${type}".`);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}
