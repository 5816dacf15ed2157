#!/usr/bin/env node
// Draws Decant's toolbar and store icons (icons/decant-{16,32,48,128}.png) without any image library:
// a deep-teal rounded square with a white decanter (a round body and a long neck) whose lower half
// holds clear "wine" — the page poured off its sediment. Shapes are signed-distance functions sampled
// 4×4 per pixel for anti-aliasing; PNG is written by hand (zlib + CRC). Run once, commit the PNGs:
//   node scripts/make-icons.mjs
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = [16, 32, 48, 128];

const CRC_TABLE = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(buf) {
  let c = -1;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Signed distances in a 0..1 square (negative inside).
const roundedBox = (x, y, cx, cy, hw, hh, r) => {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const ellipse = (x, y, cx, cy, rx, ry) => {
  // An approximate distance (exact enough for anti-aliasing an icon).
  const k = Math.hypot((x - cx) / rx, (y - cy) / ry);
  return (k - 1) * Math.min(rx, ry);
};
const union = (a, b) => Math.min(a, b);
const smoothUnion = (a, b, k) => {
  const h = Math.max(k - Math.abs(a - b), 0) / k;
  return Math.min(a, b) - (h * h * k) / 4;
};

/** The colour of one sample point, as [r, g, b, a] in 0..1, for an icon of `size` pixels. */
function sample(x, y, size) {
  const small = size <= 16;
  // Background: rounded square, deep teal with a faint vertical gradient.
  const bg = roundedBox(x, y, 0.5, 0.5, 0.5, 0.5, 0.22);
  if (bg > 0) return [0, 0, 0, 0];
  const t = y;
  const base = [0.05 + 0.03 * (1 - t), 0.33 + 0.08 * (1 - t), 0.38 + 0.08 * (1 - t)];
  // The decanter: a round body and a neck with a lip; thicker strokes at small sizes.
  const body = ellipse(x, y, 0.5, 0.65, small ? 0.33 : 0.31, small ? 0.25 : 0.23);
  const neck = roundedBox(x, y, 0.5, 0.33, small ? 0.085 : 0.065, 0.16, 0.03);
  const lip = roundedBox(x, y, 0.5, 0.18, small ? 0.13 : 0.11, small ? 0.045 : 0.035, 0.02);
  const glass = union(smoothUnion(body, neck, 0.08), lip);
  const stroke = small ? 0.075 : 0.05;
  if (glass > 0) return [...base, 1];
  // Inside the glass: white outline, clear interior, a warm "poured" liquid below the waterline.
  if (glass > -stroke) return [1, 1, 1, 1];
  const level = 0.62;
  if (y > level) {
    const shade = (y - level) / 0.26;
    return [0.98 - 0.06 * shade, 0.78 - 0.12 * shade, 0.36 - 0.1 * shade, 1];
  }
  return [0.87, 0.95, 0.95, 1];
}

function render(size) {
  const out = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const [cr, cg, cb, ca] = sample((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size, size);
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const i = (py * size + px) * 4;
      const alpha = a / (n * n);
      out[i] = a ? Math.round((r / a) * 255) : 0;
      out[i + 1] = a ? Math.round((g / a) * 255) : 0;
      out[i + 2] = a ? Math.round((b / a) * 255) : 0;
      out[i + 3] = Math.round(alpha * 255);
    }
  }
  return out;
}

fs.mkdirSync(path.join(root, 'icons'), { recursive: true });
for (const size of SIZES) {
  const file = path.join(root, 'icons', `decant-${size}.png`);
  fs.writeFileSync(file, png(size, render(size)));
  console.log(`wrote ${path.relative(root, file)}`);
}
