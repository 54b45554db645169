import { findById, MAX_PAGE_SIZE, runSql } from '../../data/query.js';
import { escapeLike, raw, Sql, sql } from '../../data/sql.js';
import { columnOf, type Row } from '../../data/table.js';
import type { Context } from '../../graphql/context.js';
import { badInput } from '../../graphql/errors.js';
import { policy } from '../../graphql/viewer.js';
import { organizationTable } from '../organization/organization.service.js';
import { projectTable } from '../project/project.service.js';
import { talentTable } from '../talent/talent.service.js';
import { unionOrganizationTable } from '../union/union.service.js';
import { villageTable } from '../village/village.service.js';

export enum SearchType {
  VILLAGE = 'VILLAGE',
  PROJECT = 'PROJECT',
  ORGANIZATION = 'ORGANIZATION',
  UNION_ORGANIZATION = 'UNION_ORGANIZATION',
  TALENT = 'TALENT',
}

const NAMES = ['nameZh', 'nameEn'];

/** What each kind searches: its table and its public text properties. */
const TARGETS = {
  VILLAGE: { spec: villageTable, props: NAMES },
  PROJECT: { spec: projectTable, props: NAMES },
  ORGANIZATION: { spec: organizationTable, props: NAMES },
  UNION_ORGANIZATION: { spec: unionOrganizationTable, props: NAMES },
  TALENT: { spec: talentTable, props: ['displayName', 'title', 'titleEn', 'field', 'fieldEn'] },
} as const;

/**
 * Relevance of `column` for the text: 3 exact, 2 prefix, 1 + share of the name for a substring
 * (Chinese included), else trigram word similarity (English typos), below 1.
 */
function score(column: string, text: string): Sql {
  const c = raw(`t.${column}`);
  return sql`case when lower(${c}) = lower(${text}) then 3
    when ${c} ilike ${`${escapeLike(text)}%`} then 2 + ${text.length}::float / greatest(length(${c}), 1)
    when ${c} ilike ${`%${escapeLike(text)}%`} then 1 + ${text.length}::float / greatest(length(${c}), 1)
    else coalesce(word_similarity(${text}, ${c}), 0) end`;
}

export const searchService = {
  async search(
    ctx: Context,
    raw_: string,
    types: SearchType[],
    first: number,
  ): Promise<{ node: Row; score: number }[]> {
    const text = raw_.trim();
    if (!text || text.length > 100) throw badInput('text must have 1 to 100 characters', { field: 'text' });
    if (first < 1 || first > MAX_PAGE_SIZE)
      throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, { field: 'first' });
    const parts = [...new Set(types)].map((type) => {
      const { spec, props } = TARGETS[type];
      const best = Sql.join(
        props.map((p) => score(columnOf(spec, p), text)),
        ', ',
      );
      const scope = policy.rowScope(ctx.viewer, spec.table, 't');
      return sql`select ${type}::text as type, t.id, greatest(${best}) as score from ${raw(spec.table)} t
        where t.archived_at is null${scope ? raw(` and ${scope}`) : raw('')}`;
    });
    const hits = await runSql<{ type: SearchType; id: string; score: number }>(
      ctx,
      sql`select * from (${Sql.join(parts, ' union all ')}) hits where score >= 0.35 order by score desc, type, id limit ${first}`,
    );
    const nodes = await Promise.all(
      // A row of any of the searched tables.
      hits.map((h) => findById<object>(ctx, TARGETS[h.type].spec, h.id, 'Query.search')),
    );
    return hits.flatMap((h, i) =>
      nodes[i] ? [{ node: nodes[i]!, score: Math.round(h.score * 1000) / 1000 }] : [],
    );
  },
};
