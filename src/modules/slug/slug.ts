import { Property } from '@mikro-orm/core';
import { pinyin } from 'pinyin-pro';
import { Field } from 'type-graphql';
import { StringFilter } from '../../graphql/filters.js';
import { filter } from '../../graphql/list-types.js';
import { InputField } from '../../graphql/write/inputs.js';

/** The longest slug: enough for any name in pinyin, short enough for a URL. */
export const SLUG_MAX = 80;

/** The description of the `slug` field of create and update inputs (`SlugInput`). */
export const SLUG_INPUT =
  'URL slug: lower-case letters a–z, digits and single dashes, at most 80 characters; made from the Chinese name in pinyin when a new object has none; a change cannot clear it (null). Unique among objects of its kind, former slugs of other objects included; the slug it replaces keeps leading to the object.';

/** The description of the `slug` field of an object type (`SlugColumn`). */
export const SLUG_FIELD =
  'URL slug, unique among objects of this kind (e.g. "dong-shan-cun"); a lookup by a former slug answers the object with its current one, so a page can redirect.';

/**
 * The slug of an object made without one (by SQL, a script, a test: not through its writes, which
 * make one from its name): `<word>-<its id's hex digits>`, unique because its id is; officials can
 * change it. The migration's trigger `slug_fallback` makes the same for rows inserted by SQL.
 */
export const fallbackSlug = (word: string, id: string) => `${word}-${id.replaceAll('-', '')}`;

/**
 * The `slug` column of an entity: its GraphQL field, unique, `fallbackSlug(word, id)` when an object
 * is written without one (see slugs.ts for how the writes keep it).
 */
export const SlugColumn =
  (word: string) =>
  (target: object, name: string): void => {
    Property({ type: 'string', unique: true, onCreate: (o: { id: string }) => fallbackSlug(word, o.id) })(
      target,
      name,
    );
    Field(() => String, { description: SLUG_FIELD })(target, name);
  };

/** The `slug` field of a create input (and so of its update input); the writes check it (`slugsOf`). */
export const SlugInput = () => InputField(() => String, SLUG_INPUT);

/** The `slug` of a list's `where`: the current slug (`village(slug:)` also finds a former one). */
export const SLUG_WHERE = filter(() => StringFilter, 'URL slug (the current one; `eq` finds one object).');

/** Lower-case ASCII letters and digits, words joined by single dashes. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Slugs a front end's routes use for themselves (`/villages/new`, …): no object has them. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  'new',
  'edit',
  'create',
  'delete',
  'search',
  'admin',
  'api',
  'graphql',
  'export',
  'import',
  'map',
  'null',
  'undefined',
]);

/** Why `slug` cannot be one (too long, not of the pattern, reserved), or null when it can. */
export function slugProblem(slug: string): string | null {
  if (slug.length > SLUG_MAX) return `slug has at most ${SLUG_MAX} characters`;
  if (!SLUG_PATTERN.test(slug))
    return 'slug may hold only lower-case letters a–z, digits and single dashes between them (e.g. "da-shui-bo-zhen")';
  if (RESERVED_SLUGS.has(slug)) return `"${slug}" is reserved`;
  return null;
}

/** Text as slug words: accents and full-width forms folded to ASCII, anything else a word break. */
const words = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');

/** At most `max` characters, cut at a dash when there is one, no dash at either end. */
function cut(slug: string, max: number): string {
  const trimmed = slug.replace(/-+/g, '-').replace(/^-|-$/g, '');
  if (trimmed.length <= max) return trimmed;
  const head = trimmed.slice(0, max + 1);
  const dash = head.lastIndexOf('-');
  return (dash > 0 ? head.slice(0, dash) : head.slice(0, max)).replace(/-$/, '');
}

/**
 * The slug a name makes: the Chinese name in pinyin without tones, each syllable a word (大水泊镇 →
 * `da-shui-bo-zhen`; a polyphonic character reads as pinyin-pro's default, ü as `v`), letters and
 * digits in it kept; the English name when the Chinese one makes no word; `item` when neither does.
 */
export function slugOf(nameZh: string, nameEn?: string | null): string {
  const syllables = pinyin(nameZh, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  const slug = cut(syllables.map(words).join('-'), SLUG_MAX);
  if (slug) return slug;
  return cut(words(nameEn ?? ''), SLUG_MAX) || 'item';
}

/**
 * The first of `base`, `base-2`, `base-3`, … that is not `taken` nor reserved (the base cut so that
 * the suffix fits in SLUG_MAX).
 */
export async function uniqueSlug(
  base: string,
  taken: (slug: string) => boolean | Promise<boolean>,
): Promise<string> {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : `-${n}`;
    const slug = `${cut(base, SLUG_MAX - suffix.length)}${suffix}`;
    if (!RESERVED_SLUGS.has(slug) && !(await taken(slug))) return slug;
  }
}
