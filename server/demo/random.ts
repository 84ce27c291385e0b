import * as prng from 'lib0/prng';
import { itemAt, lastOf } from './lists';

/** A seeded random source: every demo value comes from one of these, never from Math.random or the clock. */
export type Rng = prng.PRNG;

/** Mixes a seed with a salt into a new non-zero 32-bit seed (a zero seed would leave xorshift stuck at zero). */
export function deriveSeed(seed: number, salt: number | string): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  const text = String(salt);
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x85ebca6b) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
  }
  h = Math.imul(h ^ (h >>> 16), 0xc2b2ae35) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  return h === 0 ? 1 : h;
}

/** A generator for one named part of the output, so adding draws in one part never shifts another. */
export function rngFor(seed: number, salt: number | string): Rng {
  return prng.create(deriveSeed(seed, salt));
}

/** An integer in [min, max]. */
export function intBetween(rng: Rng, min: number, max: number): number {
  return prng.int32(rng, min, max);
}

export function chance(rng: Rng, probability: number): boolean {
  return prng.real53(rng) < probability;
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[prng.int32(rng, 0, items.length - 1)];
  if (item === undefined) throw new RangeError('pick from an empty list');
  return item;
}

/** Picks a key with probability proportional to its weight. */
export function weighted<K extends string>(rng: Rng, weights: Readonly<Record<K, number>>): K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let roll = prng.real53(rng) * total;
  for (const [key, w] of entries) {
    roll -= w;
    if (roll < 0) return key;
  }
  // rounding can leave a sliver of the roll: it falls to the last key
  return lastOf(entries, 'weighted: the weights')[0];
}

/** A standard normal draw (Box–Muller). */
export function normal(rng: Rng): number {
  const u = 1 - prng.real53(rng);
  const v = prng.real53(rng);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Log-normal around `median`, clipped to [min, max]: project sizes cluster low with a long tail of giants. */
export function logNormal(rng: Rng, median: number, sigma: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, median * Math.exp(sigma * normal(rng))));
}

/** `count` distinct items in random order (partial Fisher–Yates). */
export function sample<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const copy = [...items];
  const n = Math.min(count, copy.length);
  for (let i = 0; i < n; i++) {
    const j = prng.int32(rng, i, copy.length - 1);
    [copy[i], copy[j]] = [itemAt(copy, j, 'sample'), itemAt(copy, i, 'sample')];
  }
  return copy.slice(0, n);
}
