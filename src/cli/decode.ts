/**
 * Bytes → text in the order of CONTRACT §4: BOM → the transport's charset (WARC/HTTP header, JSONL
 * field) → `<meta charset>` / `http-equiv` prescan → strict UTF-8 when the bytes are valid UTF-8 → a
 * detector (UTF-16 without a BOM by its zero bytes, else chardet) → windows-1252. The HTML spec's sniffing comes from html-encoding-sniffer (what
 * jsdom uses); decoding from @exodus/bytes' WHATWG TextDecoder (all legacy encodings).
 */
import sniffHTMLEncoding from 'html-encoding-sniffer';
import { TextDecoder, labelToName } from '@exodus/bytes/encoding.js';
import chardet from 'chardet';
import { gunzipSync } from 'node:zlib';

export type EncodingSource = 'bom' | 'transport' | 'meta' | 'utf-8' | 'detector' | 'default';

export interface Decoded {
  text: string;
  encoding: string;
  source: EncodingSource;
}

/** Refusals with a message a user can act on. */
export class InputError extends Error {
  override name = 'InputError';
}

const NO_DEFAULT = '\u0000none';

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** True when the bytes look binary (NULs outside UTF-16 text, or many control bytes). */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  if (!n) return false;
  let nul = 0;
  let ctrl = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) nul++;
    else if (b < 9 || (b > 13 && b < 32)) ctrl++;
  }
  return nul > n * 0.3 || (nul === 0 && ctrl > n * 0.1) || (nul > 0 && nul < n * 0.3 && ctrl + nul > n * 0.05);
}

/**
 * UTF-16 without a BOM (Windows' "Unicode" saves, some exporters). HTML's ASCII markup puts a zero
 * byte at every other position — the second of each pair in UTF-16LE, the first in BE — and next to
 * none at the others; the text must then open as markup does, with `<`. Binary data seldom looks
 * like that, and UTF-8 HTML never does (a NUL in every tenth pair).
 */
function bomlessUtf16(bytes: Uint8Array): 'UTF-16LE' | 'UTF-16BE' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 16) return null;
  let first = 0;
  let second = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) first++;
    if (bytes[i + 1] === 0) second++;
  }
  const pairs = n / 2;
  // A tenth: the markup and the spaces between words of any script (Cyrillic or CJK letters have no zero byte).
  const encoding = second > pairs * 0.1 && first < second / 10 ? 'UTF-16LE' : first > pairs * 0.1 && second < first / 10 ? 'UTF-16BE' : null;
  if (!encoding) return null;
  return new TextDecoder(encoding).decode(bytes.subarray(0, Math.min(n, 1024))).trimStart().startsWith('<') ? encoding : null;
}

/** The largest page Decant reads, in bytes (README: the hard caps); also the cap once decompressed. */
export const MAX_INPUT_BYTES = 50 * 1024 * 1024;

/**
 * Gunzip when the bytes are gzip (magic 1f 8b); archives of pages are often stored compressed. The
 * output is capped at MAX_INPUT_BYTES: a hostile archive's 50 KB of gzip can inflate to gigabytes
 * and exhaust the memory of a whole directory or batch run (a "gzip bomb").
 */
export function maybeGunzip(bytes: Uint8Array): Uint8Array {
  if (bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return new Uint8Array(gunzipSync(bytes, { maxOutputLength: MAX_INPUT_BYTES }));
    } catch (e) {
      if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new InputError(`it is too large to clean once decompressed (more than ${MAX_INPUT_BYTES / 1048576} MB, the limit)`);
      }
      throw new InputError(`it looks gzip-compressed but could not be decompressed (${(e as Error).message})`);
    }
  }
  return bytes;
}

/** Decode HTML bytes. `transportCharset` is the charset a header or record declared, if any. */
export function decodeHtml(input: Uint8Array, transportCharset?: string | null): Decoded {
  const bytes = maybeGunzip(input);
  if (!bytes.length) throw new InputError('it is empty');
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 'UTF-8' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'UTF-16BE' : bytes[0] === 0xff && bytes[1] === 0xfe ? 'UTF-16LE' : null;
  const utf16 = bom ? null : bomlessUtf16(bytes);
  if (!bom && !utf16 && looksBinary(bytes)) throw new InputError('it is not HTML (binary data)');
  const transport = transportCharset ? labelToName(transportCharset) ?? undefined : undefined;
  const sniffed: string = sniffHTMLEncoding(bytes, { transportLayerEncodingLabel: transport, defaultEncoding: NO_DEFAULT });
  let encoding: string;
  let source: EncodingSource;
  if (bom) {
    encoding = labelToName(bom)!;
    source = 'bom';
  } else if (sniffed !== NO_DEFAULT) {
    encoding = sniffed;
    source = transport && sniffed === transport ? 'transport' : 'meta';
  } else if (utf16) {
    // Before the UTF-8 check: ASCII in UTF-16 is valid UTF-8 (with a NUL after each letter).
    encoding = utf16;
    source = 'detector';
  } else if (isValidUtf8(bytes)) {
    encoding = 'UTF-8';
    source = 'utf-8';
  } else {
    const guess = chardet.detect(bytes);
    const name = guess ? labelToName(guess) : null;
    if (name && name !== 'UTF-8') {
      encoding = name;
      source = 'detector';
    } else {
      encoding = 'windows-1252';
      source = 'default';
    }
  }
  // ignoreBOM false: the decoder drops the BOM itself.
  const text = new TextDecoder(encoding).decode(bytes);
  return { text, encoding, source };
}
