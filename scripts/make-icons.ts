/**
 * Draws Hearth's app icons (a house with a flame inside, the same glyph as
 * client/public/favicon.svg) into PNG files, with nothing but node:zlib. Deterministic: the
 * same code always writes the same bytes, so the committed icons can be checked by re-running.
 *
 *   npx tsx scripts/make-icons.ts
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

type Rgb = readonly [number, number, number];
type Point = readonly [number, number];

const brand: Rgb = [0x8a, 0x35, 0x10];
const wall: Rgb = [0xfb, 0xf5, 0xee];
const flame: Rgb = [0xd9, 0x69, 0x1f];
const ember: Rgb = [0xff, 0xcc, 0x4d];

/** The glyph on a 32×32 grid, as in favicon.svg. */
const house: Point[] = [
  [16, 5],
  [4, 15.5],
  [7, 15.5],
  [7, 27],
  [25, 27],
  [25, 15.5],
  [28, 15.5],
];

interface IconSpec {
  file: string;
  size: number;
  /**
   * Maskable and Apple icons fill the whole square (the platform cuts its own shape) and keep
   * the glyph inside the central safe zone; "any" icons have rounded, transparent corners.
   */
  fullBleed: boolean;
  /** How much of the square the 32-unit glyph grid spans. */
  glyphScale: number;
}

const icons: IconSpec[] = [
  { file: "icon-192.png", size: 192, fullBleed: false, glyphScale: 1 },
  { file: "icon-512.png", size: 512, fullBleed: false, glyphScale: 1 },
  // W3C manifest spec: the safe zone of a maskable icon is a centred circle of 80% diameter.
  { file: "icon-maskable-512.png", size: 512, fullBleed: true, glyphScale: 0.72 },
  { file: "apple-touch-icon.png", size: 180, fullBleed: true, glyphScale: 0.9 },
];

/** Which colour the glyph has at (x, y) on the 32-unit grid; undefined is transparent. */
function colourAt(x: number, y: number, spec: IconSpec): Rgb | undefined {
  if (!spec.fullBleed && !insideRoundedSquare(x, y, 32, 6)) return undefined;
  // Map into the glyph's own grid, scaled about the centre.
  const gx = 16 + (x - 16) / spec.glyphScale;
  const gy = 16 + (y - 16) / spec.glyphScale;
  if (insideTeardrop(gx, gy, 16, 18.5, 22.2, 2.2)) return ember;
  if (insideTeardrop(gx, gy, 16, 13, 21, 4.6)) return flame;
  if (insidePolygon(gx, gy, house)) return wall;
  return brand;
}

function insideRoundedSquare(x: number, y: number, size: number, radius: number): boolean {
  const cx = Math.min(Math.max(x, radius), size - radius);
  const cy = Math.min(Math.max(y, radius), size - radius);
  return x >= 0 && y >= 0 && x <= size && y <= size && (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

/** A flame: a circle of radius r centred at (cx, cy), topped by a point at (cx, tipY). */
function insideTeardrop(x: number, y: number, cx: number, tipY: number, cy: number, r: number) {
  if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) return true;
  return insidePolygon(x, y, [
    [cx, tipY],
    [cx - r, cy],
    [cx + r, cy],
  ]);
}

function insidePolygon(x: number, y: number, polygon: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i] as Point;
    const [xj, yj] = polygon[j] as Point;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Renders RGBA rows, each pixel the average of 4×4 samples (smooth edges). */
function render(spec: IconSpec): Buffer {
  const samples = 4;
  const rowBytes = spec.size * 4 + 1;
  const raw = Buffer.alloc(rowBytes * spec.size);
  for (let py = 0; py < spec.size; py++) {
    raw[py * rowBytes] = 0; // PNG filter type 0: the row as it is.
    for (let px = 0; px < spec.size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = ((px + (sx + 0.5) / samples) / spec.size) * 32;
          const y = ((py + (sy + 0.5) / samples) / spec.size) * 32;
          const colour = colourAt(x, y, spec);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const offset = py * rowBytes + 1 + px * 4;
      raw[offset] = a ? Math.round(r / a) : 0;
      raw[offset + 1] = a ? Math.round(g / a) : 0;
      raw[offset + 2] = a ? Math.round(b / a) : 0;
      raw[offset + 3] = Math.round((a / (samples * samples)) * 255);
    }
  }
  return raw;
}

/** A PNG file (RFC 2083): signature, IHDR (8-bit RGBA), one zlib IDAT, IEND. */
function png(size: number, rows: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (crcTable[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const outDir = new URL("../client/public/icons/", import.meta.url);
mkdirSync(outDir, { recursive: true });
for (const spec of icons) {
  const file = new URL(spec.file, outDir);
  writeFileSync(file, png(spec.size, render(spec)));
  console.log(`wrote client/public/icons/${spec.file} (${spec.size}×${spec.size})`);
}
