import { createHash } from 'node:crypto';
import type { Context } from '../../graphql/context.js';
import { parseGlobalId } from '../../graphql/ids.js';
import { UserErrorCode } from '../../graphql/payload.js';
import { snapshot } from '../../graphql/write/audit.js';
import { applyFields, fieldRulesOf } from '../../graphql/write/inputs.js';
import { mutate, type Writer } from '../../graphql/write/mutation.js';
import { RuralHouse } from '../house/house.entity.js';
import { Project } from '../project/project.entity.js';
import { Talent } from '../talent/talent.entity.js';
import { Village } from '../village/village.entity.js';
import { Image } from './image.entity.js';
import { ImageFields, MAX_POSITION, type RemoveImageInput, type UpdateImageInput } from './image.inputs.js';
import { FORMATS, type Processed } from './image.process.js';
import { fileNames, imageTable, MAX_IMAGES } from './image.service.js';
import { imageSettings } from './image.settings.js';

/**
 * What may own a picture, by GraphQL type: its entity, its relation on Image (and so the column),
 * and the path to the region that governs it — the owner's own write path (`owner` of its writes).
 */
export const OWNERS = {
  Village: { entity: Village, prop: 'village', column: 'village_id', region: ['town'] },
  RuralHouse: { entity: RuralHouse, prop: 'house', column: 'house_id', region: ['village', 'town'] },
  Project: { entity: Project, prop: 'project', column: 'project_id', region: ['town'] },
  Talent: { entity: Talent, prop: 'talent', column: 'talent_id', region: ['town'] },
} as const;
export type OwnerType = keyof typeof OWNERS;

/** The field rules of a picture's texts and place (ImageFields), for uploads and updates alike. */
const RULES = fieldRulesOf(ImageFields);
/** Fields that may be left out, never cleared. */
const NOT_NULL = ['isCover', 'position', 'consent'] as const;
const TEXTS = ['altZh', 'altEn', 'captionZh', 'captionEn', 'credit'] as const;

/** The owner of a stored picture: which kind, its key, and the region that governs it. */
async function ownerOf(w: Writer, image: Image) {
  const [row] = await w.query<{ kind: OwnerType; owner: string; region: string | null }>(
    `select case when i.village_id is not null then 'Village' when i.house_id is not null then 'RuralHouse'
              when i.project_id is not null then 'Project' else 'Talent' end as kind,
            coalesce(i.village_id, i.house_id, i.project_id, i.talent_id) as owner,
            coalesce(v.town_id, hv.town_id, p.town_id, t.town_id) as region
     from image i
     left join village v on v.id = i.village_id
     left join rural_house h on h.id = i.house_id left join village hv on hv.id = h.village_id
     left join project p on p.id = i.project_id
     left join talent t on t.id = i.talent_id
     where i.id = ?`,
    [image.id],
  );
  return row!;
}

/** Checks the fields of a picture and copies them (`creating`: an upload, else a change). */
function fill(w: Writer, image: Image, input: Record<string, unknown>, creating: boolean) {
  const given = { ...input };
  for (const key of NOT_NULL) {
    if (given[key] !== null) continue;
    w.fail(['input', key], UserErrorCode.INVALID, `${key} cannot be null`);
    delete given[key];
  }
  applyFields(w, image, given, RULES, creating);
  // A blank text is no text.
  for (const key of TEXTS)
    if ((image as unknown as Record<string, unknown>)[key] === '') image[key] = undefined;
  if (typeof image.position === 'number' && image.position > MAX_POSITION)
    w.fail(['input', 'position'], UserErrorCode.INVALID, `position must be at most ${MAX_POSITION}`);
  if (!image.altZh && !image.altEn)
    w.fail(
      ['input', 'altZh'],
      UserErrorCode.REQUIRED,
      'A picture needs an alternative text (altZh or altEn): what it shows, for readers who cannot see it',
    );
}

/**
 * Makes `image` the only cover of its owner: the one before stops being it, recorded in the audit
 * trail as its own change. In SQL before the flush, so the one-cover index never sees two.
 */
async function takeCover(w: Writer, image: Image, column: string, owner: string, regionId: string | null) {
  const before = await w.query<{ id: string }>(
    `update image set is_cover = false, version = version + 1, updated_at = now() where ${column} = ? and is_cover and id <> ? returning id`,
    [owner, image.id],
  );
  for (const { id } of before)
    w.record('updateImage', 'Image', id, regionId, { isCover: { before: true, after: false } });
}

/** The storage refused a file (a full disk, a missing directory, an object store away). */
export class StorageFailure extends Error {
  constructor(cause: unknown) {
    super('the image storage failed', { cause });
  }
}

/** What an upload gives besides the file: the owner's global id and the picture's fields. */
export type UploadFields = { ownerId: string } & Partial<Record<keyof ImageFields, unknown>>;

/**
 * An upload, in the write's transaction: the owner must exist and be readable (NOT_FOUND), the
 * caller must govern its region (FORBIDDEN, as for changing the owner), the fields pass their rules
 * and the owner has room; then `processed` (a thunk: the file is decoded only for a write that may
 * happen) is stored — each stored name pushed on `stored`, so the caller removes the files when the
 * transaction fails — and the row written.
 */
export async function uploadWork(
  w: Writer,
  fields: UploadFields,
  process: () => Promise<Processed>,
  stored: string[],
): Promise<Image> {
  const parsed = parseGlobalId(fields.ownerId);
  const owner = parsed && Object.hasOwn(OWNERS, parsed.type) ? OWNERS[parsed.type as OwnerType] : null;
  if (!owner) {
    w.fail(
      ['input', 'ownerId'],
      UserErrorCode.INVALID,
      `"${fields.ownerId.slice(0, 100)}" is not the id of a Village, RuralHouse, Project or Talent`,
    );
    w.check();
  }
  const { entity, prop, column, region } = owner!;
  const target = await w.ensureRef('ownerId', fields.ownerId, {
    type: parsed!.type,
    entity: entity as new () => { id: string },
  });
  w.check();
  const regionId = await w.regionOf(target!, region);
  w.authorize(regionId, `this ${parsed!.type}`);
  const image = new Image();
  fill(w, image, fields, true);
  const [{ n, next }] = (await w.query<{ n: number; next: number }>(
    `select count(*)::int as n, coalesce(max(position) + 1, 0)::int as next from image where ${column} = ?`,
    [target!.id],
  )) as [{ n: number; next: number }];
  if (n >= MAX_IMAGES)
    w.fail(
      ['input', 'ownerId'],
      UserErrorCode.RULE_BROKEN,
      `A ${parsed!.type} has at most ${MAX_IMAGES} pictures`,
    );
  w.check();
  if (fields.position === undefined) image.position = Math.min(next, MAX_POSITION);
  const picture = await process();
  // Never reused: a digest of the new row's id and the bytes stored.
  image.storageKey = createHash('sha256')
    .update(image.id)
    .update(picture.original)
    .digest('hex')
    .slice(0, 40);
  image.contentType = FORMATS[picture.format].contentType;
  Object.assign(image, {
    width: picture.width,
    height: picture.height,
    cardWidth: picture.cardWidth,
    cardHeight: picture.cardHeight,
    bytes: picture.original.length,
  });
  Object.assign(image, { [prop]: target });
  const names = fileNames(image);
  const { storage } = imageSettings();
  for (const [name, data] of [
    [names.original, picture.original],
    [names.card, picture.card],
  ] as const) {
    stored.push(name);
    await storage.put(name, data).catch((error) => {
      throw new StorageFailure(error);
    });
  }
  if (image.isCover) await takeCover(w, image, column, target!.id, regionId);
  w.tx.persist(image);
  w.track('uploadImage', 'Image', image, regionId, true);
  return image;
}

/** Loads the picture an input names for a change: readable, same version, in a region the caller governs. */
async function open(w: Writer, input: { id: string; version?: number | null }) {
  const image = await w.load(Image, 'Image', input);
  const owner = await ownerOf(w, image);
  w.authorize(owner.region, 'this Image');
  return { image, owner };
}

/** Removes the files of pictures whose rows are gone (committed); files of a row still there stay. */
async function removeFiles(ctx: Context, images: { storageKey: string; contentType: string }[]) {
  for (const image of images) {
    const still = await ctx.em
      .getConnection()
      .execute<unknown[]>('select 1 from image where storage_key = ?', [image.storageKey], 'all');
    if (still.length) continue;
    const { original, card } = fileNames(image);
    await imageSettings().storage.delete(original);
    await imageSettings().storage.delete(card);
  }
}

/** Writes of pictures: changes and removals (uploads come over HTTP: image.http.ts). */
export const imageWrites = {
  update: (ctx: Context, input: UpdateImageInput) =>
    mutate(ctx, imageTable, async (w) => {
      const { image, owner } = await open(w, input);
      w.track('updateImage', 'Image', image, owner.region);
      fill(w, image, input as unknown as Record<string, unknown>, false);
      w.check();
      if (input.isCover) await takeCover(w, image, OWNERS[owner.kind].column, owner.owner, owner.region);
      return image;
    }),

  /** Deletes the picture's row (the audit trail keeps what it was), then its files. */
  remove: async (ctx: Context, input: RemoveImageInput) => {
    let removed: Image | undefined;
    const result = await mutate(ctx, imageTable, async (w) => {
      const { image, owner } = await open(w, input);
      const { values } = snapshot(image);
      const changes = Object.fromEntries(
        Object.entries(values).map(([k, v]) => [k, { before: v, after: null }]),
      );
      w.record('removeImage', 'Image', image.id, owner.region, changes);
      w.tx.remove(image);
      removed = image;
      return null;
    });
    if (removed && !result.userErrors.length) await removeFiles(ctx, [removed]);
    return result;
  },
};
