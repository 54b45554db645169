import { read, settings } from '../client';
import { h, href, s } from '../dom';
import { ShowcaseMapDocument, ShowcaseThemesDocument } from '../generated/graphql';
import { distanceKm, pointsOf, type VillagePoint } from '../geo';
import { locale, t } from '../i18n';
import type { Page } from './common';

const WIDTH = 960;
const HEIGHT = 600;
const MARGIN = 70;
/** One colour per theme, in the themes' order (12 themes in the demo town). */
const PALETTE = [
  '#2f6b4f', // green
  '#ea580c', // orange
  '#1d4ed8', // blue
  '#be185d', // pink
  '#7c3aed', // violet
  '#0d9488', // teal
  '#dc2626', // red
  '#65a30d', // lime
  '#ca8a04', // yellow
  '#0ea5e9', // sky
  '#111827', // black
  '#78716c', // stone
];

/** Positions on the drawing: an equirectangular projection of the points' box, lengths kept true at its middle. */
function projection(points: VillagePoint[]) {
  const lngs = points.map((p) => p.lng);
  const lats = points.map((p) => p.lat);
  const [west, east, south, north] = [
    Math.min(...lngs),
    Math.max(...lngs),
    Math.min(...lats),
    Math.max(...lats),
  ];
  const middle = (north + south) / 2;
  const squeeze = Math.cos((middle * Math.PI) / 180);
  const spanX = Math.max((east - west) * squeeze, 1e-6);
  const spanY = Math.max(north - south, 1e-6);
  const scale = Math.min((WIDTH - 2 * MARGIN) / spanX, (HEIGHT - 2 * MARGIN) / spanY);
  const offsetX = (WIDTH - spanX * scale) / 2;
  const offsetY = (HEIGHT - spanY * scale) / 2;
  return {
    x: (lng: number) => offsetX + (lng - west) * squeeze * scale,
    y: (lat: number) => offsetY + (north - lat) * scale,
    /** Pixels per km along the middle parallel. */
    pxPerKm: (squeeze * scale) / distanceKm({ lat: middle, lng: 0 }, { lat: middle, lng: 1 }),
  };
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const overlaps = (a: Box, b: Box) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** About how wide a 13px label is: CJK characters are square, Latin ones about half as wide. */
const labelWidth = (text: string) => [...text].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 13 : 7.2), 0);

/**
 * Where each marker's label goes: right of it, else left, above or below, whichever first clears the
 * labels placed so far and every marker (greedy; enough for a town's few dozen villages).
 */
function placeLabels(markers: { x: number; y: number; text: string }[]) {
  const placed: Box[] = markers.map((m) => ({
    left: m.x - 9,
    top: m.y - 9,
    right: m.x + 9,
    bottom: m.y + 9,
  }));
  return markers.map((m) => {
    const w = labelWidth(m.text);
    const candidates = [
      {
        x: m.x + 12,
        y: m.y + 4,
        anchor: 'start',
        box: { left: m.x + 12, top: m.y - 9, right: m.x + 12 + w, bottom: m.y + 6 },
      },
      {
        x: m.x - 12,
        y: m.y + 4,
        anchor: 'end',
        box: { left: m.x - 12 - w, top: m.y - 9, right: m.x - 12, bottom: m.y + 6 },
      },
      {
        x: m.x,
        y: m.y - 13,
        anchor: 'middle',
        box: { left: m.x - w / 2, top: m.y - 26, right: m.x + w / 2, bottom: m.y - 11 },
      },
      {
        x: m.x,
        y: m.y + 24,
        anchor: 'middle',
        box: { left: m.x - w / 2, top: m.y + 11, right: m.x + w / 2, bottom: m.y + 26 },
      },
    ];
    const inside = (b: Box) => b.left >= 0 && b.right <= WIDTH && b.top >= 0 && b.bottom <= HEIGHT;
    const free =
      candidates.find((c) => inside(c.box) && !placed.some((p) => overlaps(p, c.box))) ?? candidates[0]!;
    placed.push(free.box);
    return free;
  });
}

/**
 * #/map — the town's specialty villages from `villageMap` (typed GeoJSON), drawn as SVG: one marker per village
 * (a link to its page), coloured by its first theme, with a scale bar. No tiles, no map library.
 */
export const mapPage: Page = async () => {
  const [data, themes] = await Promise.all([
    read(ShowcaseMapDocument, { town: settings.town, locale: locale() }),
    read(ShowcaseThemesDocument, { locale: locale() }),
  ]);
  const points = pointsOf(data.villageMap);
  const colour = new Map(themes.themes.nodes.map((theme, i) => [theme.code, PALETTE[i % PALETTE.length]!]));
  const svg = s('svg', {
    class: 'map',
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: 'img',
    'aria-label': t('map'),
  });
  if (points.length) {
    const { x, y, pxPerKm } = projection(points);
    const markers = points.map((point) => ({ point, x: x(point.lng), y: y(point.lat), text: point.name }));
    const labels = placeLabels(markers);
    markers.forEach(({ point, x: cx, y: cy }, i) => {
      const place = labels[i]!;
      svg.append(
        s(
          'a',
          { class: 'marker', href: href('village', point.slug), 'data-village': point.id },
          s('title', {}, point.name),
          s('circle', {
            cx: cx.toFixed(1),
            cy: cy.toFixed(1),
            r: 8,
            fill: colour.get(point.themes[0] ?? '') ?? '#475569',
          }),
          s(
            'text',
            { x: place.x.toFixed(1), y: place.y.toFixed(1), 'text-anchor': place.anchor },
            point.name,
          ),
        ),
      );
    });
    // A scale bar of a round number of km, about a fifth of the drawing wide.
    const km = [0.5, 1, 2, 5, 10, 20].find((k) => k * pxPerKm >= WIDTH / 8) ?? 20;
    const length = km * pxPerKm;
    svg.append(
      s(
        'g',
        { class: 'scale', transform: `translate(${MARGIN / 2} ${HEIGHT - MARGIN / 2})` },
        s('line', { x1: 0, y1: 0, x2: length.toFixed(1), y2: 0 }),
        s('line', { x1: 0, y1: -5, x2: 0, y2: 5 }),
        s('line', { x1: length.toFixed(1), y1: -5, x2: length.toFixed(1), y2: 5 }),
        s('text', { x: 0, y: -10 }, t('scale', { n: km })),
      ),
    );
  }
  const shown = new Set(points.flatMap((p) => p.themes.slice(0, 1)));
  return h(
    'section',
    { 'data-page': 'map' },
    h('h1', {}, t('map')),
    h('p', { class: 'lead' }, t('mapIntro', { n: points.length })),
    svg,
    h(
      'ul',
      { class: 'legend' },
      ...themes.themes.nodes
        .filter((theme) => shown.has(theme.code))
        .map((theme) =>
          h(
            'li',
            {},
            s(
              'svg',
              { class: 'swatch', width: 12, height: 12, 'aria-hidden': 'true' },
              s('circle', { cx: 6, cy: 6, r: 6, fill: colour.get(theme.code) }),
            ),
            theme.name,
          ),
        ),
    ),
  );
};
