// Writes the demo's app icons (PNG, no dependencies): `node demo/make-icons.mjs`.
// Two overlapping discs ("match") on a blue tile; the maskable variant keeps them in the safe zone.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BG = [31, 78, 121];
const A = [255, 255, 255];
const B = [242, 153, 74];

function crc32(buf) {
  let c;
  const table = (crc32.table ??= Array.from({ length: 256 }, (_, n) => {
    c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  }));
  let crc = 0xffffffff;
  for (const byte of buf) crc = table[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size, maskable) {
  const ss = 4;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const scale = maskable ? 0.8 : 1; // maskable: content within the 80 % safe circle
  const radius = maskable ? 0 : 0.18; // corner radius of the tile, fraction of size
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++) {
          const u = (x + (sx + 0.5) / ss) / size;
          const v = (y + (sy + 0.5) / ss) / size;
          // rounded tile
          const cx = Math.min(Math.max(u, radius), 1 - radius);
          const cy = Math.min(Math.max(v, radius), 1 - radius);
          const inTile = radius === 0 || Math.hypot(u - cx, v - cy) <= radius;
          if (!inTile) continue;
          let col = BG;
          const pu = (u - 0.5) / scale + 0.5;
          const pv = (v - 0.5) / scale + 0.5;
          const inA = Math.hypot(pu - 0.39, pv - 0.5) <= 0.22;
          const inB = Math.hypot(pu - 0.61, pv - 0.5) <= 0.22;
          if (inA && inB) col = [255, 214, 170];
          else if (inA) col = A;
          else if (inB) col = B;
          acc[0] += col[0];
          acc[1] += col[1];
          acc[2] += col[2];
          acc[3] += 255;
        }
      const n = ss * ss;
      const o = y * (size * 4 + 1) + 1 + x * 4;
      const alpha = acc[3] / n;
      raw[o] = alpha ? Math.round(acc[0] / (acc[3] / 255)) : 0;
      raw[o + 1] = alpha ? Math.round(acc[1] / (acc[3] / 255)) : 0;
      raw[o + 2] = alpha ? Math.round(acc[2] / (acc[3] / 255)) : 0;
      raw[o + 3] = Math.round(alpha);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const out = new URL('./public/', import.meta.url);
writeFileSync(new URL('icon-192.png', out), png(192, false));
writeFileSync(new URL('icon-512.png', out), png(512, false));
writeFileSync(new URL('icon-maskable-512.png', out), png(512, true));
writeFileSync(new URL('apple-touch-icon.png', out), png(180, true));
console.log('wrote demo/public/icon-*.png');
