/**
 * Deterministic randomness for the seed: a seeded PRNG (sfc32 over a string hash) and stable ids.
 * Nothing here reads Math.random or the wall clock.
 */
import { createHash } from 'crypto';
import { seededRandom } from '../../../core/random';

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** Picks by weights (same length as items). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  chance(p: number): boolean;
  /** n distinct items (or all when n >= length), in a random order. */
  sample<T>(items: readonly T[], n: number): T[];
}

export function createRng(seed: string | number): Rng {
  const next = seededRandom(String(seed));
  for (let i = 0; i < 12; i++) next();
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: items => items[Math.floor(next() * items.length)],
    weighted: (items, weights) => {
      const total = weights.reduce((x, y) => x + y, 0);
      let r = next() * total;
      for (let i = 0; i < items.length; i++) {
        r -= weights[i];
        if (r < 0) return items[i];
      }
      return items[items.length - 1];
    },
    chance: p => next() < p,
    sample: (items, n) => {
      const copy = items.slice();
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy.slice(0, Math.min(n, copy.length));
    }
  };
  return rng;
}

/** A GUID derived from a name (same name, same id), formatted like a version 4 UUID. */
export function stableGuid(name: string): string {
  const h = createHash('sha1').update(name).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Lower-case ASCII for mail aliases: accents dropped, apostrophes removed, spaces to hyphens. */
export function asciiAlias(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/['’]/g, '').trim().toLowerCase()
    .replace(/\s+/g, '-').replace(/[^a-z0-9.-]/g, '');
}
