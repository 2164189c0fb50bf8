/**
 * Deterministic generated avatars: a symmetric 5x5 pattern on a coloured background, derived
 * from a seed string (the user's id), encoded as PNG. Same seed, same bytes.
 */
import { encodePng } from './png';

export const AVATAR_SIZE = 120;

function hash32(s: string): number {
  // FNV-1a
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const k = (n: number): number => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number): number => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)];
}

const cache = new Map<string, Buffer>();

export function avatarPng(seed: string, size: number = AVATAR_SIZE): Buffer {
  const key = `${seed}|${size}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let h = hash32(seed);
  const hue = h % 360;
  const bg = hslToRgb(hue, 0.45, 0.88);
  const fg = hslToRgb(hue, 0.55, 0.42);
  const cells: boolean[] = [];
  for (let i = 0; i < 15; i++) {
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
    cells.push((h & 1) === 1);
  }
  const rgb = new Uint8Array(size * size * 3);
  const margin = Math.floor(size / 8);
  const cell = Math.floor((size - 2 * margin) / 5);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const cx = Math.floor((x - margin) / cell);
      const cy = Math.floor((y - margin) / cell);
      let on = false;
      if (x >= margin && y >= margin && cx < 5 && cy < 5) {
        const col = cx < 3 ? cx : 4 - cx; // mirror around the middle column
        on = cells[cy * 3 + col];
      }
      const c = on ? fg : bg;
      const o = (y * size + x) * 3;
      rgb[o] = c[0];
      rgb[o + 1] = c[1];
      rgb[o + 2] = c[2];
    }
  }
  const png = encodePng(size, size, rgb);
  if (cache.size > 2000) cache.clear();
  cache.set(key, png);
  return png;
}
