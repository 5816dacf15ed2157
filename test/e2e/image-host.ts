/**
 * Stands in for the internet's image hosts during browser tests (there is no network here): Chromium
 * resolves every host name to a local HTTPS server (`--host-resolver-rules`, a throwaway self-signed
 * certificate made with openssl, `--ignore-certificate-errors`), which answers image paths with a
 * generated picture and records every request with its Referer — so tests can prove that Decant's
 * views load the article's images from their own URLs without a referrer, and nothing at all when
 * images are off.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  host: string;
  path: string;
  referer: string | null;
  dest: string | null;
}

export interface ImageHost {
  port: number;
  requests: SeenRequest[];
  /** Chromium flags that send every host name here (127.0.0.1 and localhost excluded). */
  chromiumArgs: string[];
  close(): Promise<void>;
}

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(buf: Buffer): number {
  let c = -1;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A calm 16:9 picture (a city at dusk: sky gradient, sun, two rows of buildings, a street). */
export function picture(width = 960, height = 540): Buffer {
  const raw = Buffer.alloc(height * (width * 3 + 1));
  const skyline = (x: number, seed: number, base: number, amp: number): number => {
    const block = Math.floor(x / (width / (18 + seed * 7)));
    const r = Math.sin(block * 12.9898 + seed * 78.233) * 43758.5453;
    return base - (r - Math.floor(r)) * amp;
  };
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0;
    for (let x = 0; x < width; x++) {
      const t = y / height;
      let r = 242 - 90 * t, g = 178 - 60 * t, b = 140 + 40 * t; // dusk sky
      const d = Math.hypot(x - width * 0.7, y - height * 0.42);
      if (d < height * 0.09) [r, g, b] = [252, 224, 160];
      else if (d < height * 0.16) {
        const k = (d - height * 0.09) / (height * 0.07);
        r = r * k + 250 * (1 - k); g = g * k + 205 * (1 - k); b = b * k + 150 * (1 - k);
      }
      if (y > skyline(x, 1, height * 0.62, height * 0.3)) [r, g, b] = [92, 84, 104];
      if (y > skyline(x, 2, height * 0.78, height * 0.22)) [r, g, b] = [54, 52, 66];
      if (y > height * 0.86) [r, g, b] = [40, 40, 48];
      const i = row + 1 + x * 3;
      raw[i] = r; raw[i + 1] = g; raw[i + 2] = b;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2; // RGB
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

export async function startImageHost(): Promise<ImageHost> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'decant-images-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=decant-test-images'], { stdio: 'ignore' });
  } catch (e) {
    throw new Error(`The image stand-in needs openssl (apt-get install -y openssl): ${(e as Error).message}`);
  }
  const png = picture();
  const requests: SeenRequest[] = [];
  const server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (req, res) => {
    const url = new URL(req.url ?? '/', `https://${req.headers.host ?? 'unknown'}`);
    requests.push({ host: url.hostname, path: url.pathname, referer: (req.headers.referer as string | undefined) ?? null, dest: (req.headers['sec-fetch-dest'] as string | undefined) ?? null });
    if (/\.(?:jpe?g|png|gif|webp|avif)$/i.test(url.pathname)) {
      res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' });
      res.end(png);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not here');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    requests,
    chromiumArgs: [`--host-resolver-rules=MAP * 127.0.0.1:${port}, EXCLUDE 127.0.0.1, EXCLUDE localhost`, '--ignore-certificate-errors'],
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
