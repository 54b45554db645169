import type { ListArgs, ParentLink } from '../../data/query.js';
import { findByUnique } from '../../data/query.js';
import { readAlong } from '../../data/registry.js';
import { defineTable, listedBy, type Row, type RowOf } from '../../data/table.js';
import { childConnection } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { andThen } from '../../lib/maybe.js';
import { Image } from './image.entity.js';
import { FORMATS, formatOf } from './image.process.js';
import { fileUrl } from './image.settings.js';

/** Most pictures one village, house, project or talent has (uploads past it are refused). */
export const MAX_IMAGES = 50;

export const imageTable = defineTable({
  entity: Image,
  filters: {},
  orders: { COVER: 'isCover', POSITION: 'position' },
  fieldColumns: {
    url: ['storageKey', 'contentType'],
    cardUrl: ['storageKey'],
    alt: ['altZh', 'altEn'],
    caption: ['captionZh', 'captionEn'],
  },
  // The cover first, then by position; the id breaks ties.
  defaultOrder: [
    { field: 'COVER', direction: 'DESC' },
    { field: 'POSITION', direction: 'ASC' },
  ],
});
export type ImageRow = RowOf<typeof imageTable>;

/** Every picture of an owner, and its first one (the cover, else the lowest position). */
const ALL: ListArgs = { first: MAX_IMAGES };
const FIRST: ListArgs = { first: 1 };

/** The pictures of the owners whose relation on Image is `prop`, read along with the owners that select them. */
function ownedBy(type: string, prop: string) {
  const link = listedBy(imageTable, prop);
  return {
    images: readAlong(`${type}.images`, imageTable, link, { args: ALL }),
    cover: readAlong(`${type}.coverImage`, imageTable, link, { args: FIRST }),
  };
}
export const VILLAGE_IMAGES = ownedBy('Village', 'village');
export const HOUSE_IMAGES = ownedBy('RuralHouse', 'house');
export const PROJECT_IMAGES = ownedBy('Project', 'project');
/** A talent's avatar: their first picture the reader may see (see `policy.rowScope` of `image`). */
export const TALENT_AVATAR = readAlong('Talent.avatar', imageTable, listedBy(imageTable, 'talent'), {
  args: FIRST,
});

const page = (ctx: Context, link: ParentLink, owner: Row, args: ListArgs) =>
  childConnection(ctx, imageTable, link, owner.pk, args, false);

/** The stored file names of an image: its original and its card variant. */
export const fileNames = (image: { storageKey: string; contentType: string }) => ({
  original: `${image.storageKey}.${FORMATS[formatOf(image.contentType)].ext}`,
  card: `${image.storageKey}.card.webp`,
});

/** Reads of pictures. */
export const imageService = {
  /** An owner's pictures as the reader may see them: the cover first, then by position (at most MAX_IMAGES). */
  all: (list: { link: ParentLink }) => (ctx: Context, owner: Row) =>
    andThen(page(ctx, list.link, owner, ALL), (p) => p.nodes),

  /** An owner's first picture the reader may see; null when none. */
  first: (list: { link: ParentLink }) => (ctx: Context, owner: Row) =>
    andThen(page(ctx, list.link, owner, FIRST), (p) => p.nodes[0] ?? null),

  /** The picture whose storage key is `key`, if the reader may see it. */
  byKey: (ctx: Context, key: string) => findByUnique(ctx, imageTable, 'storage_key', key),

  /** The original's absolute URL, on the address the reader reached the API at (`publicUrl`). */
  url: (row: Row, publicUrl?: string) => fileUrl(fileNames(row as ImageRow).original, publicUrl),
  /** The card variant's absolute URL (see `url`). */
  cardUrl: (row: Row, publicUrl?: string) =>
    fileUrl(fileNames({ storageKey: row.storageKey as string, contentType: 'image/webp' }).card, publicUrl),
};
