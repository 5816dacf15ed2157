/**
 * Works around css-tree 3.2.1's TokenStream zero-filling its whole token buffer on every parse
 * (https://github.com/csstree/csstree/issues/379, open): `setSource()` runs `balance.fill(0)` over
 * a buffer that grows to the largest CSS source the process has ever tokenized and never shrinks.
 * jsdom parses every `<style>` block and every `style` attribute it touches with css-tree, so after
 * one page with a large stylesheet each later tiny parse (a style attribute, a selector) zero-fills
 * that large buffer: 8% of all CPU of a `decant batch` worker over the corpus was this `memset`,
 * and in a long-lived batch worker the cost only grows with the largest stylesheet seen so far.
 *
 * The fix here: before a parse, drop buffers much larger than the source, so css-tree allocates
 * (zeroed) ones of the right size. What css-tree computes is unchanged — it fills fresh buffers
 * instead of reused ones. Applied to the CommonJS copy that jsdom itself loads; a missing or changed
 * css-tree leaves everything as it was.
 */
import { createRequire } from 'node:module';

interface TokenStreamLike {
  balance: Uint32Array | null;
  offsetAndType: Uint32Array | null;
  setSource(source?: string, tokenize?: unknown): void;
}

/** Buffers up to this many entries (css-tree's own minimum is 16 Ki) are always kept. */
const KEEP = 64 * 1024;

let applied = false;

export function applyCssTreeFix(): void {
  if (applied) return;
  applied = true;
  try {
    const fromJsdom = createRequire(createRequire(import.meta.url).resolve('jsdom'));
    const { TokenStream } = fromJsdom('css-tree/tokenizer') as { TokenStream?: { prototype: TokenStreamLike } };
    const proto = TokenStream?.prototype;
    if (!proto || typeof proto.setSource !== 'function') return;
    const setSource = proto.setSource;
    proto.setSource = function (this: TokenStreamLike, source?: string, tokenize?: unknown): void {
      const size = String(source || '').length + 1;
      if (this.balance && this.balance.length > KEEP && this.balance.length > 4 * size) this.balance = null;
      if (this.offsetAndType && this.offsetAndType.length > KEEP && this.offsetAndType.length > 4 * size) this.offsetAndType = null;
      setSource.call(this, source, tokenize);
    };
  } catch {
    // css-tree not where jsdom would load it: nothing to fix
  }
}
