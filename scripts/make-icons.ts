/**
 * Draws the Teams app icons (manifest/color.png 192x192, manifest/outline.png 32x32 white on transparent)
 * from a few shapes, so they can be regenerated without an image editor: `npx tsx scripts/make-icons.ts`.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng } from './png.js';

type Rgba = [number, number, number, number];
/** A shape in unit coordinates (0..1 across the icon). */
type Shape = (x: number, y: number) => boolean;

const circle = (cx: number, cy: number, r: number): Shape => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const roundedSquare = (inset: number, radius: number): Shape => (x, y) => {
  const dx = Math.max(inset + radius - x, 0, x - (1 - inset - radius));
  const dy = Math.max(inset + radius - y, 0, y - (1 - inset - radius));
  return x >= inset && x <= 1 - inset && y >= inset && y <= 1 - inset && dx * dx + dy * dy <= radius * radius;
};
/** Upper half of an ellipse: the shoulders of the person. */
const shoulders = (cx: number, cy: number, rx: number, ry: number): Shape => (x, y) => y <= cy && ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
const segment = (x1: number, y1: number, x2: number, y2: number, width: number): Shape => (x, y) => {
  const lx = x2 - x1;
  const ly = y2 - y1;
  const t = Math.max(0, Math.min(1, ((x - x1) * lx + (y - y1) * ly) / (lx * lx + ly * ly)));
  return (x - x1 - t * lx) ** 2 + (y - y1 - t * ly) ** 2 <= (width / 2) ** 2;
};
const union = (...shapes: Shape[]): Shape => (x, y) => shapes.some((s) => s(x, y));

/** Later layers paint over earlier ones; 4x4 supersampling gives smooth edges. */
function render(size: number, layers: { shape: Shape; color: Rgba }[]): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          let hit: Rgba | undefined;
          for (const layer of layers) if (layer.shape(x, y)) hit = layer.color;
          if (!hit) continue;
          r += hit[0] * hit[3];
          g += hit[1] * hit[3];
          b += hit[2] * hit[3];
          a += hit[3];
        }
      }
      const at = (py * size + px) * 4;
      const n = samples * samples;
      pixels[at] = a ? Math.round(r / a) : 0;
      pixels[at + 1] = a ? Math.round(g / a) : 0;
      pixels[at + 2] = a ? Math.round(b / a) : 0;
      pixels[at + 3] = Math.round(a / n);
    }
  }
  return encodePng(size, size, pixels);
}

const ACCENT: Rgba = [0x5b, 0x5f, 0xc7, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

// A person with a check badge: "users and their licenses, in order".
const person = union(circle(0.4, 0.36, 0.14), shoulders(0.4, 0.8, 0.27, 0.26));
const badge = circle(0.7, 0.68, 0.17);
const badgeRing = circle(0.7, 0.68, 0.21);
const check = union(segment(0.62, 0.68, 0.68, 0.74, 0.05), segment(0.68, 0.74, 0.79, 0.61, 0.05));

export function colorIcon(): Buffer {
  return render(192, [
    { shape: roundedSquare(0, 0.18), color: ACCENT },
    { shape: person, color: WHITE },
    { shape: badgeRing, color: ACCENT },
    { shape: badge, color: [0x2e, 0xa0, 0x43, 255] },
    { shape: check, color: WHITE },
  ]);
}

export function outlineIcon(): Buffer {
  return render(32, [
    { shape: person, color: WHITE },
    { shape: badgeRing, color: CLEAR },
    { shape: badge, color: WHITE },
    { shape: check, color: CLEAR },
  ]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'manifest');
  await writeFile(path.join(dir, 'color.png'), colorIcon());
  await writeFile(path.join(dir, 'outline.png'), outlineIcon());
  console.log(`wrote ${dir}/color.png and outline.png`);
}
