import { v5 } from 'uuid';

const NAMESPACE = '6f1c2a4e-8d3b-5e7f-9a0b-1c2d3e4f5a6b';

/** A UUID derived from a natural key, so the demo dataset has the same ids on every machine. */
export const demoId = (key: string) => v5(key, NAMESPACE);

/** A small seeded PRNG (mulberry32): the same sequence everywhere, so the demo data is deterministic. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}
