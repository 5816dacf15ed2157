/**
 * SHA-256 of the captured page for the export record's provenance (CONTRACT §5). SubtleCrypto where
 * the page is a secure context; on plain-http pages `crypto.subtle` is missing, so a small pure
 * implementation stands in (same bytes, same hex).
 */
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';

export async function sha256HexOf(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  const subtle = globalThis.crypto?.subtle;
  if (subtle) {
    try {
      return bytesToHex(new Uint8Array(await subtle.digest('SHA-256', bytes)));
    } catch {
      // fall through to the pure implementation
    }
  }
  return bytesToHex(sha256(bytes));
}
