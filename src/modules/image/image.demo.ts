import { createHash } from 'node:crypto';
import { loadSharp, type Processed, variants } from './image.process.js';

/*
 * Demo pictures: made from a key alone (`demo-<kind>-<name>`), the same picture for the same key on
 * every machine — gradients and shapes drawn as SVG, no text (there are no CJK fonts) and nothing
 * downloaded. The demo dataset records their rows only; a picture is made and stored the first time
 * it is asked for (image.http.ts), so loading the dataset costs no image work and any data directory
 * can serve a database seeded elsewhere.
 */

/** What a demo picture shows: a village's landscape, a house, a project's buildings, a person. */
export type DemoKind = 'village' | 'house' | 'project' | 'talent';

export const DEMO_PREFIX = 'demo-';

/** The storage key of the demo picture `name` of a `kind` (`demo-village-tea-garden`). */
export const demoKey = (kind: DemoKind, name: string) =>
  `${DEMO_PREFIX}${kind}-${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`.slice(0, 100);

/** Pixel size of each kind's picture (talents: a square avatar). */
export const DEMO_SIZE: Record<DemoKind, { width: number; height: number }> = {
  village: { width: 1200, height: 800 },
  house: { width: 1200, height: 800 },
  project: { width: 1200, height: 800 },
  talent: { width: 800, height: 800 },
};

/** Numbers in [0, 1) drawn from the key: the picture's choices. */
function draws(key: string) {
  let state = createHash('sha256').update(key).digest();
  let at = 0;
  return () => {
    if (at + 4 > state.length) {
      state = createHash('sha256').update(state).digest();
      at = 0;
    }
    const n = state.readUInt32BE(at) / 2 ** 32;
    at += 4;
    return n;
  };
}

const hsl = (h: number, s: number, l: number) => `hsl(${Math.round(h) % 360},${s}%,${l}%)`;

function scene(kind: DemoKind, key: string): string {
  const r = draws(key);
  const { width: w, height: h } = DEMO_SIZE[kind];
  // Skies from dawn orange through noon blue to dusk violet.
  const hue = [25, 190, 205, 215, 260][Math.floor(r() * 5)]! + r() * 20;
  const sky = `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${hsl(hue, 65, 78)}"/><stop offset="1" stop-color="${hsl(hue + 40, 55, 62)}"/></linearGradient></defs><rect width="${w}" height="${h}" fill="url(#sky)"/>`;
  const hill = (base: number, lift: number, light: number) => {
    const y = (f: number) => Math.round(h * base - h * lift * f);
    return `<path d="M0 ${y(r())} C ${w * 0.25} ${y(r() * 1.6)}, ${w * 0.5} ${y(r() * 0.4)}, ${w * 0.75} ${y(r())} S ${w} ${y(r())}, ${w} ${y(r())} V ${h} H 0 Z" fill="${hsl(85 + r() * 60, 35, light)}"/>`;
  };
  const sun = `<circle cx="${Math.round(w * (0.15 + r() * 0.7))}" cy="${Math.round(h * (0.15 + r() * 0.15))}" r="${Math.round(h * (0.07 + r() * 0.05))}" fill="#fff6d8" opacity="0.92"/>`;
  const house = (x: number, ground: number, size: number, wall: string) =>
    `<rect x="${x}" y="${ground - size}" width="${size * 1.4}" height="${size}" fill="${wall}"/><path d="M${x - size * 0.12} ${ground - size} L${x + size * 0.7} ${ground - size * 1.6} L${x + size * 1.52} ${ground - size} Z" fill="${hsl(hue + 200, 20, 30)}"/><rect x="${x + size * 0.55}" y="${ground - size * 0.55}" width="${size * 0.3}" height="${size * 0.55}" fill="${hsl(hue + 20, 35, 28)}"/>`;
  switch (kind) {
    case 'village': {
      const houses = Array.from({ length: 3 + Math.floor(r() * 4) }, (_, i) =>
        house(
          Math.round(w * (0.08 + i * 0.14 + r() * 0.05)),
          Math.round(h * 0.72),
          Math.round(h * (0.06 + r() * 0.03)),
          hsl(40, 30, 88),
        ),
      ).join('');
      return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${sky}${sun}${hill(0.62, 0.12, 48)}${houses}${hill(0.86, 0.1, 36)}${hill(1, 0.08, 26)}</svg>`;
    }
    case 'house': {
      const ground = Math.round(h * 0.8);
      const trees = Array.from({ length: 3 }, () => {
        const x = Math.round(w * (r() < 0.5 ? 0.05 + r() * 0.15 : 0.75 + r() * 0.2));
        const size = Math.round(h * (0.08 + r() * 0.05));
        return `<rect x="${x - 6}" y="${ground - size}" width="12" height="${size}" fill="${hsl(30, 40, 25)}"/><circle cx="${x}" cy="${ground - size}" r="${size * 0.8}" fill="${hsl(100 + r() * 40, 40, 30 + r() * 10)}"/>`;
      }).join('');
      return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${sky}${sun}<rect y="${ground}" width="${w}" height="${h - ground}" fill="${hsl(95 + r() * 30, 30, 42)}"/>${trees}${house(Math.round(w * 0.3), ground, Math.round(h * 0.32), hsl(35, 25, 90))}</svg>`;
    }
    case 'project': {
      const ground = Math.round(h * 0.82);
      let x = Math.round(w * 0.06);
      const blocks: string[] = [];
      while (x < w * 0.9) {
        const bw = Math.round(w * (0.08 + r() * 0.1));
        const bh = Math.round(h * (0.2 + r() * 0.4));
        blocks.push(
          `<rect x="${x}" y="${ground - bh}" width="${bw}" height="${bh}" fill="${hsl(hue + 180 + r() * 60, 20 + r() * 20, 55 + r() * 25)}"/>`,
        );
        for (let y = ground - bh + 24; y < ground - 40; y += 48)
          blocks.push(
            `<rect x="${x + 14}" y="${y}" width="${bw - 28}" height="16" fill="#ffffff" opacity="0.45"/>`,
          );
        x += bw + Math.round(w * 0.02);
      }
      return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${sky}${sun}${blocks.join('')}<rect y="${ground}" width="${w}" height="${h - ground}" fill="${hsl(100, 25, 35)}"/></svg>`;
    }
    case 'talent': {
      const skin = hsl(25 + r() * 10, 45, 70 + r() * 10);
      const cloth = hsl(hue + 180, 40, 35 + r() * 15);
      return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${sky}<path d="M${w * 0.14} ${h} C ${w * 0.18} ${h * 0.72}, ${w * 0.82} ${h * 0.72}, ${w * 0.86} ${h} Z" fill="${cloth}"/><circle cx="${w / 2}" cy="${h * 0.385}" r="${w * 0.205}" fill="${hsl(20, 30, 12 + r() * 15)}"/><circle cx="${w / 2}" cy="${h * 0.44}" r="${w * 0.18}" fill="${skin}"/></svg>`;
    }
  }
}

/** The kind a demo key names, if it is one. */
export function demoKindOf(key: string): DemoKind | null {
  const kind = /^demo-(village|house|project|talent)-/.exec(key)?.[1];
  return (kind as DemoKind | undefined) ?? null;
}

/** The demo picture of `key` (a JPEG original and its card), or null when the key is no demo key. */
export async function demoPicture(key: string): Promise<Processed | null> {
  const kind = demoKindOf(key);
  if (!kind) return null;
  const sharp = await loadSharp();
  return variants(sharp(Buffer.from(scene(kind, key))), 'jpeg');
}
