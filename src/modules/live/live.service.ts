import type { GraphQLResolveInfo } from 'graphql';
import { runSql } from '../../data/query.js';
import { sql } from '../../data/sql.js';
import type { Row } from '../../data/table.js';
import type { Context } from '../../graphql/context.js';
import { AppError, ErrorCode } from '../../graphql/errors.js';
import { regionService } from '../region/region.service.js';
import { villageService } from '../village/village.service.js';

/** Whether the row `id` of `table` is archived (lookups by code or slug still find archived rows). */
async function archived(ctx: Context, table: 'region' | 'village', id: string): Promise<boolean> {
  const [row] = await runSql<{ archived: boolean }>(
    ctx,
    table === 'region'
      ? sql`select archived_at is not null as archived from region where id = ${id}`
      : sql`select archived_at is not null as archived from village where id = ${id}`,
  );
  return !row || row.archived;
}

/**
 * The current value of each subscription field: what a query of the same object answers, read
 * afresh with the subscriber's viewer each time the data changes (src/live runs them).
 */
export const liveService = {
  /** The region of `code` with what the subscriber selects; NOT_FOUND when there is none (or it is archived). */
  async region(ctx: Context, code: string, info: GraphQLResolveInfo): Promise<Row> {
    const region = await regionService.byCode(ctx, code, info);
    if (!region || (await archived(ctx, 'region', region.pk as string)))
      throw new AppError(
        ErrorCode.NOT_FOUND,
        `There is no region with code ${JSON.stringify(code.slice(0, 100))}.`,
        {
          field: 'code',
        },
      );
    return region;
  },

  /** The village of `slug` (a former slug too); null when there is none, it is archived or hidden. */
  async village(ctx: Context, slug: string, info: GraphQLResolveInfo): Promise<Row | null> {
    const village = await villageService.bySlug(ctx, slug, info);
    if (!village || (await archived(ctx, 'village', village.pk as string))) return null;
    return village;
  },
};
