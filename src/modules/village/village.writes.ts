import type { Context } from '../../graphql/context.js';
import { UserErrorCode } from '../../graphql/payload.js';
import { archiveObject } from '../../graphql/write/crud.js';
import { type ArchiveInput, checkLocation, checkText, given } from '../../graphql/write/inputs.js';
import { mutate, type Writer } from '../../graphql/write/mutation.js';
import { Region, RegionKind } from '../region/region.entity.js';
import { Theme } from '../theme/theme.entity.js';
import { Village } from './village.entity.js';
import type { CreateVillageInput, UpdateVillageInput, VillageThemeInput } from './village.inputs.js';
import { villageTable } from './village.service.js';

const REGION_OF_VILLAGE = 'select town_id as r from village where id = ?';

/** Photos a village keeps: a gallery, not an archive (and each URL of a reasonable length). */
const MAX_PHOTOS = 50;
const MAX_URL_LENGTH = 2000;

function checkPhotos(w: Writer, photos: string[] | null | undefined) {
  if (photos && photos.length > MAX_PHOTOS)
    w.fail(['input', 'photos'], UserErrorCode.INVALID, `At most ${MAX_PHOTOS} photos, got ${photos.length}`);
  else
    photos?.forEach((url, i) => {
      if (url.length > MAX_URL_LENGTH)
        w.fail(
          ['input', 'photos', String(i)],
          UserErrorCode.INVALID,
          `A photo URL has at most ${MAX_URL_LENGTH} characters`,
        );
      else if (!/^https?:\/\/\S+$/.test(url))
        w.fail(['input', 'photos', String(i)], UserErrorCode.INVALID, `"${url}" is not an http(s) URL`);
    });
  return photos ?? undefined;
}

/** There are twelve themes; a village carries each at most once. */
const THEME_COUNT = 12;

async function themesByCode(w: Writer, codes: string[], field: string[]) {
  if (codes.length > THEME_COUNT || new Set(codes).size !== codes.length) {
    w.fail(field, UserErrorCode.INVALID, `Give each theme at most once (there are ${THEME_COUNT})`);
    return [];
  }
  const themes = await w.tx.find(Theme, { code: { $in: codes } });
  for (const [i, code] of codes.entries()) {
    if (!themes.some((t) => t.code === code))
      w.fail([...field, String(i)], UserErrorCode.NOT_FOUND, `"${code}" is not one of the twelve themes`);
  }
  return themes;
}

/** Writes of villages: create, update, archive, and the themes they carry. */
export const villageWrites = {
  create: (ctx: Context, input: CreateVillageInput) =>
    mutate(ctx, villageTable, async (w) => {
      const townId = w.id(['input', 'townId'], input.townId, 'Region');
      const town = townId ? await w.tx.findOne(Region, { id: townId }) : null;
      if (townId && (!town || town.kind !== RegionKind.TOWN)) {
        w.fail(['input', 'townId'], UserErrorCode.NOT_FOUND, 'townId must name a town');
      }
      w.check();
      w.authorize(town!.id, `villages of ${town!.nameZh}`);
      const location = checkLocation(w, ['input', 'location'], input.location);
      const village = w.tx.create(Village, {
        town: town!,
        nameZh: checkText(w, ['input', 'nameZh'], input.nameZh, { required: true })!,
        nameEn: checkText(w, ['input', 'nameEn'], input.nameEn, { required: true })!,
        descriptionZh:
          checkText(w, ['input', 'descriptionZh'], input.descriptionZh, { max: 4000 }) ?? undefined,
        descriptionEn:
          checkText(w, ['input', 'descriptionEn'], input.descriptionEn, { max: 4000 }) ?? undefined,
        isSpecialty: input.isSpecialty ?? false,
        lat: location?.lat ?? undefined,
        lng: location?.lng ?? undefined,
        photos: checkPhotos(w, input.photos) ?? [],
      });
      if (input.themeCodes?.length) {
        for (const theme of await themesByCode(w, input.themeCodes, ['input', 'themeCodes']))
          village.themes.add(theme);
      }
      if (await w.tx.count(Village, { town: town!, nameZh: village.nameZh })) {
        w.fail(
          ['input', 'nameZh'],
          UserErrorCode.TAKEN,
          `${town!.nameZh} has a village named ${village.nameZh} already`,
        );
      }
      w.check();
      w.track('createVillage', 'Village', village, town!.id, true);
      return village;
    }),

  update: (ctx: Context, input: UpdateVillageInput) =>
    mutate(ctx, villageTable, async (w) => {
      const village = await w.load(Village, 'Village', input);
      const regionId = await w.regionBy(REGION_OF_VILLAGE, village.id);
      w.authorize(regionId, 'this village');
      w.track('updateVillage', 'Village', village, regionId);
      const { id: _id, version: _version, location, photos, ...fields } = given(input);
      for (const key of ['nameZh', 'nameEn'] as const) {
        if (key in fields) fields[key] = checkText(w, ['input', key], fields[key], { required: true });
      }
      for (const key of ['descriptionZh', 'descriptionEn'] as const) {
        if (key in fields) fields[key] = checkText(w, ['input', key], fields[key], { max: 4000 }) ?? null;
      }
      if (fields.isSpecialty === null)
        w.fail(['input', 'isSpecialty'], UserErrorCode.INVALID, 'isSpecialty cannot be null');
      w.tx.assign(village, { ...fields, ...checkLocation(w, ['input', 'location'], location) } as never);
      if (photos !== undefined) village.photos = checkPhotos(w, photos) ?? [];
      if (
        fields.nameZh &&
        (await w.tx.count(Village, { town: village.town, nameZh: fields.nameZh, id: { $ne: village.id } }))
      ) {
        w.fail(
          ['input', 'nameZh'],
          UserErrorCode.TAKEN,
          `the town has a village named ${fields.nameZh} already`,
        );
      }
      return village;
    }),

  archive: (ctx: Context, input: ArchiveInput) =>
    archiveObject(
      ctx,
      { entity: Village, type: 'Village', table: villageTable, regionOf: REGION_OF_VILLAGE },
      input,
    ),

  /** Adds (`add`) or removes a theme of a village; adding one it has, or removing one it lacks, changes nothing. */
  setTheme: (ctx: Context, input: VillageThemeInput, add: boolean) =>
    mutate(ctx, villageTable, async (w) => {
      const village = await w.load(Village, 'Village', { id: input.villageId });
      const regionId = await w.regionBy(REGION_OF_VILLAGE, village.id);
      w.authorize(regionId, 'this village');
      const [theme] = await themesByCode(w, [input.themeCode], ['input', 'themeCode']);
      w.check();
      await village.themes.init();
      const before = village.themes
        .getItems()
        .map((t) => t.code)
        .sort();
      if (add) village.themes.add(theme!);
      else village.themes.remove(theme!);
      const after = village.themes
        .getItems()
        .map((t) => t.code)
        .sort();
      if (before.join() !== after.join()) {
        w.record(add ? 'addVillageTheme' : 'removeVillageTheme', 'Village', village.id, regionId, {
          themes: { before, after },
        });
      }
      return village;
    }),
};
