// The content script's pure SHA-256 (used on plain-http pages, where crypto.subtle is missing) must give
// node:crypto's digest for every length around the block and padding boundaries and for real pages.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { sha256, sha256HexOf } from '../src/content/hash';
import { SAMPLE } from './helpers';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const reference = (b: Uint8Array): string => crypto.createHash('sha256').update(b).digest('hex');

describe('content script SHA-256', () => {
  test('the FIPS 180-4 examples', () => {
    expect(hex(sha256(new TextEncoder().encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(sha256(new Uint8Array()))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  test.each([1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 65_537])('%i bytes', (n) => {
    const bytes = crypto.randomBytes(n);
    expect(hex(sha256(new Uint8Array(bytes)))).toBe(reference(bytes));
  });

  test('the sample page, through the same path as the content script when crypto.subtle is missing', async () => {
    const html = fs.readFileSync(SAMPLE, 'utf8');
    const subtle = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
    Object.defineProperty(globalThis, 'crypto', { value: {}, configurable: true });
    try {
      expect(await sha256HexOf(html)).toBe(reference(Buffer.from(html, 'utf8')));
    } finally {
      if (subtle) Object.defineProperty(globalThis, 'crypto', subtle);
    }
  });
});
