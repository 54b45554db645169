import type { Context } from '../../graphql/context.js';
import { UserErrorCode } from '../../graphql/payload.js';
import type { Writer } from '../../graphql/write/mutation.js';
import { defineWrites } from '../../graphql/write/spec.js';
import { Theme } from '../theme/theme.entity.js';
import { Village } from './village.entity.js';
import { CreateVillageInput, type VillageThemeInput } from './village.inputs.js';
import { villageSlugs, villageTable } from './village.service.js';

/** Photos a village keeps: a gallery, not an archive (and each URL of a reasonable length). */
const MAX_PHOTOS = 50;
const MAX_URL_LENGTH = 2000;

function checkPhotos(w: Writer, photos: string[]) {
  if (photos.length > MAX_PHOTOS)
    w.fail(['input', 'photos'], UserErrorCode.INVALID, `At most ${MAX_PHOTOS} photos, got ${photos.length}`);
  else
    photos.forEach((url, i) => {
      if (url.length > MAX_URL_LENGTH)
        w.fail(
          ['input', 'photos', String(i)],
          UserErrorCode.INVALID,
          `A photo URL has at most ${MAX_URL_LENGTH} characters`,
        );
      else if (!/^https?:\/\/\S+$/.test(url))
        w.fail(['input', 'photos', String(i)], UserErrorCode.INVALID, `"${url}" is not an http(s) URL`);
    });
}

/** There are twelve themes; a village carries each at most once. */
const THEME_COUNT = 12;

/**
 * The themes that `given` names, each by its code, its Chinese name or its English name (e.g.
 * "tea", "茶", "Tea"; case and surrounding spaces ignored); a value that names none is refused with
 * the list of valid codes and names.
 */
async function themesByCode(w: Writer, given: string[], field: string[]) {
  if (given.length > THEME_COUNT) {
    w.fail(field, UserErrorCode.INVALID, `Give each theme at most once (there are ${THEME_COUNT})`);
    return [];
  }
  const all = await w.tx.find(Theme, {}, { orderBy: { code: 'asc' } });
  const key = (text: string | null | undefined) => (text ?? '').trim().toLowerCase();
  const found: Theme[] = [];
  for (const [i, value] of given.entries()) {
    const theme = all.find((t) => [t.code, t.nameZh, t.nameEn].some((name) => key(name) === key(value)));
    if (theme) found.push(theme);
    else
      w.fail(
        [...field, String(i)],
        UserErrorCode.NOT_FOUND,
        `"${value}" is not one of the ${all.length} themes: ${all.map((t) => `${t.code} (${t.nameZh}, ${t.nameEn})`).join(', ')}`,
      );
  }
  if (new Set(found).size !== found.length) {
    w.fail(field, UserErrorCode.INVALID, `Give each theme at most once (there are ${THEME_COUNT})`);
    return [];
  }
  return found;
}

/** Writes of villages: create, update, archive, and the themes they carry. */
const villages = defineWrites({
  entity: Village,
  table: villageTable,
  owner: ['town'],
  input: CreateVillageInput,
  located: true,
  unique: [
    {
      props: ['town', 'nameZh'],
      field: 'nameZh',
      message: (village) =>
        `${village.town.nameZh ?? 'The town'} has a village named ${village.nameZh} already`,
    },
  ],
  async validate(w, village, input, { creating }) {
    if (input.isSpecialty === null && !creating)
      w.fail(['input', 'isSpecialty'], UserErrorCode.INVALID, 'isSpecialty cannot be null');
    await villageSlugs.write(w, village, input, creating);
    village.photos ??= [];
    if (input.photos) checkPhotos(w, village.photos);
    const codes = input.themeCodes as string[] | null | undefined;
    if (creating && codes?.length) {
      for (const theme of await themesByCode(w, codes, ['input', 'themeCodes'])) village.themes.add(theme);
    }
  },
});

/** Adds (`add`) or removes a theme of a village; adding one it has, or removing one it lacks, changes nothing. */
const setTheme = (add: boolean) =>
  villages.change(
    add ? 'addVillageTheme' : 'removeVillageTheme',
    async (w, village, input: { id: string; themeCode: string }, regionId) => {
      const [theme] = await themesByCode(w, [input.themeCode], ['input', 'themeCode']);
      w.check();
      await village.themes.init();
      const codes = () =>
        village.themes
          .getItems()
          .map((t) => t.code)
          .sort();
      const before = codes();
      if (add) village.themes.add(theme!);
      else village.themes.remove(theme!);
      const after = codes();
      if (before.join() !== after.join()) {
        w.record(add ? 'addVillageTheme' : 'removeVillageTheme', 'Village', village.id, regionId, {
          themes: { before, after },
        });
      }
    },
    { track: false },
  );

export const villageWrites = {
  ...villages,
  setTheme: (ctx: Context, input: VillageThemeInput, add: boolean) =>
    setTheme(add)(ctx, { id: input.villageId, themeCode: input.themeCode }),
};
