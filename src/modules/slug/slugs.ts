import type { FilterQuery } from '@mikro-orm/core';
import type { GraphQLResolveInfo } from 'graphql';
import { findById, findByUnique, runSql } from '../../data/query.js';
import { sql } from '../../data/sql.js';
import type { TableSpec } from '../../data/table.js';
import type { Context } from '../../graphql/context.js';
import { UserErrorCode } from '../../graphql/payload.js';
import type { Writer } from '../../graphql/write/mutation.js';
import { andThen } from '../../lib/maybe.js';
import { FormerSlug } from './slug.entity.js';
import { slugOf, slugProblem, uniqueSlug } from './slug.js';

/** What an object with a slug has. */
interface Slugged {
  id: string;
  slug: string;
  nameZh: string;
  nameEn: string;
}

/**
 * The slugs of objects of one table (`village`, `project`, …): made unique on create, changed by
 * officials who may write the object (the former one kept in `former_slug`), looked up by current
 * or former slug.
 */
export function slugsOf<E extends Slugged>(spec: TableSpec<E>, what: string) {
  const entity = spec.entity as unknown as new () => E;
  /**
   * Whether `slug` is another object's, current or former (`self`: not this one's), in the database
   * or among the objects of the transaction not yet written (a spreadsheet import's rows).
   */
  async function taken(w: Writer, slug: string, self: string) {
    const uow = w.tx.getUnitOfWork();
    for (const o of [...uow.getPersistStack(), ...uow.getIdentityMap()]) {
      if (o instanceof entity && o.id !== self && o.slug === slug) return true;
      if (o instanceof FormerSlug && o.kind === spec.table && o.slug === slug && o.objectId !== self)
        return true;
    }
    const [current, former] = await Promise.all([
      w.tx.count(entity, { slug, id: { $ne: self } } as FilterQuery<E>),
      w.tx.count(FormerSlug, { kind: spec.table, slug, objectId: { $ne: self } }),
    ]);
    return current + former > 0;
  }

  return {
    /**
     * In a write's `validate`: a new object's slug from the input or its Chinese name (a free one,
     * `-2`, `-3`, … added), or a changed one checked and its predecessor kept as a former slug.
     */
    async write(w: Writer, object: E, input: { slug?: unknown }, creating: boolean): Promise<void> {
      const field = ['input', 'slug'];
      const given = input.slug as string | null | undefined;
      if (given == null) {
        if (!creating && given === null) w.fail(field, UserErrorCode.INVALID, 'slug cannot be null');
        else if (creating)
          object.slug = await uniqueSlug(slugOf(object.nameZh ?? '', object.nameEn), (s) =>
            taken(w, s, object.id),
          );
        return;
      }
      const problem = slugProblem(given);
      if (problem) return w.fail(field, UserErrorCode.INVALID, problem);
      if (given === object.slug) return;
      if (await taken(w, given, object.id))
        return w.fail(field, UserErrorCode.TAKEN, `"${given}" is the slug of another ${what}, or was`);
      if (!creating) {
        const own = await w.tx.findOne(FormerSlug, { kind: spec.table, slug: given });
        if (own) w.tx.remove(own);
        w.tx.create(FormerSlug, { kind: spec.table, slug: object.slug, objectId: object.id });
      }
      object.slug = given;
    },

    /**
     * The object whose slug is `slug`, or else the one that had it (its `slug` the current one);
     * null when there is none, or the caller may not see it (as its `node(id:)`).
     */
    find(ctx: Context, slug: string, info?: GraphQLResolveInfo) {
      // What cannot be a slug is none (and a long or hostile text goes no further).
      if (slugProblem(slug)) return null;
      return andThen(findByUnique(ctx, spec, 'slug', slug, info), async (row) => {
        if (row) return row;
        const [former] = await runSql<{ objectId: string }>(
          ctx,
          sql`select object_id as "objectId" from former_slug where kind = ${spec.table} and slug = ${slug}`,
        );
        return former ? findById(ctx, spec, former.objectId, `Query.${spec.type}BySlug`, info) : null;
      });
    },
  };
}
