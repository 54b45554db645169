import type { Metadata, Sharp, SharpConstructor } from 'sharp';

let loading: Promise<SharpConstructor> | undefined;

/**
 * sharp (libvips), loaded with the first picture rather than at start: most processes never decode
 * one, and loading it costs about 0.1 s of a cold start. Every image is read once, so libvips's
 * operation cache, which would only hold memory, is off.
 */
export function loadSharp(): Promise<SharpConstructor> {
  loading ??= import('sharp').then(({ default: sharp }) => {
    sharp.cache(false);
    return sharp;
  });
  return loading;
}

/** The formats an image is stored in, with their file extension and media type. */
export const FORMATS = {
  jpeg: { ext: 'jpg', contentType: 'image/jpeg' },
  png: { ext: 'png', contentType: 'image/png' },
  webp: { ext: 'webp', contentType: 'image/webp' },
} as const;
export type ImageFormat = keyof typeof FORMATS;

/** The format of a media type the table holds. */
export const formatOf = (contentType: string): ImageFormat =>
  (Object.keys(FORMATS) as ImageFormat[]).find((f) => FORMATS[f].contentType === contentType) ?? 'jpeg';

/** The card variant: WebP, fit within this box, never enlarged. */
export const CARD_BOX = { width: 640, height: 960 };

/** Why an upload's file was refused. */
export type ImageRefusal = 'NOT_AN_IMAGE' | 'UNSUPPORTED_TYPE' | 'TOO_MANY_PIXELS' | 'CORRUPT';

export class ImageRefused extends Error {
  constructor(
    readonly reason: ImageRefusal,
    readonly details: Record<string, unknown> = {},
  ) {
    super(reason);
  }
}

/** A picture ready to store: its original (re-encoded, without metadata) and its card variant. */
export interface Processed {
  format: ImageFormat;
  original: Buffer;
  width: number;
  height: number;
  card: Buffer;
  cardWidth: number;
  cardHeight: number;
}

/** The format the first bytes announce, among those accepted; null for anything else. */
function sniff(data: Buffer): ImageFormat | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpeg';
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  return null;
}

/** Other picture formats people send, named in the refusal (they are not decoded at all). */
function otherImage(data: Buffer): string | null {
  const head = data.toString('latin1', 0, 512);
  if (head.startsWith('GIF8')) return 'GIF';
  if (head.startsWith('BM')) return 'BMP';
  if (head.startsWith('II*\0') || head.startsWith('MM\0*')) return 'TIFF';
  if (/^....ftyp(heic|heix|mif1|msf1|hevc)/s.test(head)) return 'HEIC';
  if (/^....ftypavi[fs]/s.test(head)) return 'AVIF';
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(svg|!DOCTYPE svg)/i.test(head)) return 'SVG';
  return null;
}

/**
 * The original re-encoded in `format` (EXIF orientation applied, all metadata — GPS position,
 * camera, comments — dropped, colours in sRGB) and the card variant, from one decoded pipeline.
 */
export async function variants(pipeline: Sharp, format: ImageFormat): Promise<Processed> {
  const encoded =
    format === 'png'
      ? pipeline.clone().png()
      : format === 'webp'
        ? pipeline.clone().webp({ quality: 85 })
        : pipeline.clone().jpeg({ quality: 86 });
  const [original, card] = await Promise.all([
    encoded.toBuffer({ resolveWithObject: true }),
    pipeline
      .clone()
      .resize({ ...CARD_BOX, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 78 })
      .toBuffer({ resolveWithObject: true }),
  ]);
  return {
    format,
    original: original.data,
    width: original.info.width,
    height: original.info.height,
    card: card.data,
    cardWidth: card.info.width,
    cardHeight: card.info.height,
  };
}

/**
 * Checks an uploaded file and makes what is stored of it. Its type is what its bytes are, never
 * what its name or part header says: JPEG, PNG or WebP by their signatures, confirmed by the
 * decoder; anything else is refused before any decoder sees it. The size in pixels is read from the
 * header and refused above `maxPixels` before decoding (a small file can declare a huge image); the
 * decoder stops on damaged or cut-off data (sharp's `failOn: 'warning'`, for untrusted input).
 */
export async function processImage(data: Buffer, maxPixels: number): Promise<Processed> {
  const format = sniff(data);
  if (!format) {
    const other = otherImage(data);
    throw other ? new ImageRefused('UNSUPPORTED_TYPE', { type: other }) : new ImageRefused('NOT_AN_IMAGE');
  }
  const options = { limitInputPixels: maxPixels, failOn: 'warning', autoOrient: true } as const;
  const sharp = await loadSharp();
  let meta: Metadata;
  try {
    // The header only, whatever size it declares: the limit is checked here, before any decoding.
    meta = await sharp(data, { ...options, limitInputPixels: false }).metadata();
  } catch {
    throw new ImageRefused('CORRUPT');
  }
  if (meta.format !== format) throw new ImageRefused('CORRUPT');
  const pixels = (meta.width ?? 0) * (meta.height ?? 0);
  if (!pixels) throw new ImageRefused('CORRUPT');
  if (pixels > maxPixels)
    throw new ImageRefused('TOO_MANY_PIXELS', { width: meta.width, height: meta.height, maxPixels });
  try {
    return await variants(sharp(data, options), format);
  } catch {
    throw new ImageRefused('CORRUPT');
  }
}
