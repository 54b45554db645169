import type { Context } from '../../graphql/context.js';
import { badInput } from '../../graphql/errors.js';
import { parseGlobalId, toGlobalId } from '../../graphql/ids.js';
import { type Locale, localized } from '../../graphql/locale.js';
import { findById, runSql } from '../../graphql/read/query.js';
import { raw, sql } from '../../graphql/read/sql.js';
import type { Row } from '../../graphql/read/table.js';
import { nodeTables } from '../../graphql/types.js';

export const MAX_DEPTH = 3;
export const MAX_NODES = 500;

/** A relation of the graph: rows of `table` link `fromCol` (a `from`) to `toCol` (a `to`). */
interface EdgeDef {
  from: string;
  to: string;
  kind: string;
  table: string;
  fromCol: string;
  toCol: string;
}

const EDGES: EdgeDef[] = [
  {
    from: 'Talent',
    to: 'Project',
    kind: 'ROLE_IN',
    table: 'project_participant',
    fromCol: 'talent_id',
    toCol: 'project_id',
  },
  {
    from: 'Talent',
    to: 'UnionOrganization',
    kind: 'MEMBER_OF',
    table: 'union_membership',
    fromCol: 'talent_id',
    toCol: 'organization_id',
  },
  {
    from: 'Talent',
    to: 'Organization',
    kind: 'AFFILIATED_WITH',
    table: 'talent',
    fromCol: 'id',
    toCol: 'affiliation_id',
  },
  {
    from: 'Investment',
    to: 'Project',
    kind: 'INVESTS_IN',
    table: 'investment',
    fromCol: 'id',
    toCol: 'project_id',
  },
  {
    from: 'Investment',
    to: 'Organization',
    kind: 'INVESTED_BY',
    table: 'investment',
    fromCol: 'id',
    toCol: 'investor_id',
  },
  {
    from: 'Investment',
    to: 'Talent',
    kind: 'ATTRIBUTED_TO',
    table: 'investment',
    fromCol: 'id',
    toCol: 'attributed_talent_id',
  },
  {
    from: 'Project',
    to: 'Village',
    kind: 'LOCATED_IN',
    table: 'project',
    fromCol: 'id',
    toCol: 'village_id',
  },
  {
    from: 'Project',
    to: 'Organization',
    kind: 'PARTNER',
    table: 'project_partner',
    fromCol: 'project_id',
    toCol: 'organization_id',
  },
  {
    from: 'RuralHouse',
    to: 'Village',
    kind: 'IN_VILLAGE',
    table: 'rural_house',
    fromCol: 'id',
    toCol: 'village_id',
  },
  { from: 'Lease', to: 'RuralHouse', kind: 'LEASES', table: 'lease', fromCol: 'id', toCol: 'house_id' },
  { from: 'Lease', to: 'Talent', kind: 'TENANT', table: 'lease', fromCol: 'id', toCol: 'lessee_talent_id' },
  { from: 'Lease', to: 'Project', kind: 'TENANT', table: 'lease', fromCol: 'id', toCol: 'lessee_project_id' },
  {
    from: 'Lease',
    to: 'Organization',
    kind: 'TENANT',
    table: 'lease',
    fromCol: 'id',
    toCol: 'lessee_organization_id',
  },
  {
    from: 'UnionOrganization',
    to: 'UnionOrganization',
    kind: 'BRANCH_OF',
    table: 'union_organization',
    fromCol: 'id',
    toCol: 'parent_id',
  },
  {
    from: 'Village',
    to: 'Theme',
    kind: 'THEMED',
    table: 'village_theme',
    fromCol: 'village_id',
    toCol: 'theme_id',
  },
];

export interface NetworkNode {
  id: string;
  type: string;
  label: string;
}
export interface NetworkEdge {
  from: string;
  to: string;
  kind: string;
}

function label(row: Row, locale: Locale): string {
  if (row.displayName) return row.displayName as string;
  if (row.nameZh) return localized(row.nameZh as string, row.nameEn as string, locale) ?? '';
  if (row.address) return row.address as string;
  if (row.amount) return `${row.amount} ${String(row.currency).trim()}`;
  if (row.startsOn) return `${row.startsOn} – ${row.endsOn}`;
  return row.__typename;
}

/**
 * The neighbourhood of an object, breadth first, as nodes and edges for a force-directed graph.
 * Each level costs one statement per relation that touches it, plus one per type of new node;
 * hidden objects (talents without a public profile for most callers) are left out with their edges.
 */
export async function network(
  ctx: Context,
  from: string,
  depth: number,
  types: string[] | null,
  first: number,
  locale: Locale,
) {
  const start = parseGlobalId(from);
  if (!start || !nodeTables.has(start.type)) throw badInput(`"${from}" is not a valid id`, { field: 'from' });
  if (depth < 1 || depth > MAX_DEPTH)
    throw badInput(`depth must be between 1 and ${MAX_DEPTH}`, { field: 'depth' });
  if (first < 1 || first > MAX_NODES)
    throw badInput(`first must be between 1 and ${MAX_NODES}`, { field: 'first' });
  const startRow = await findById(ctx, nodeTables.get(start.type)!, start.uuid, 'network');
  if (!startRow) return { nodes: [], edges: [], truncated: false };

  const nodes = new Map<string, NetworkNode>([
    [`${start.type}:${start.uuid}`, { id: startRow.id, type: start.type, label: label(startRow, locale) }],
  ]);
  const edges = new Map<string, NetworkEdge>();
  let frontier = new Map<string, Set<string>>([[start.type, new Set([start.uuid])]]);
  let truncated = false;
  const allowed = (type: string) => !types || types.includes(type);

  for (let level = 0; level < depth && frontier.size > 0 && !truncated; level++) {
    const found: { type: string; uuid: string; edge: NetworkEdge & { fromKey: string; toKey: string } }[] =
      [];
    for (const def of EDGES) {
      for (const [side, other] of [
        ['from', 'to'],
        ['to', 'from'],
      ] as const) {
        const ids = frontier.get(def[side]);
        const otherType = def[other];
        if (!ids?.size || !allowed(otherType)) continue;
        const [mine, theirs] = side === 'from' ? [def.fromCol, def.toCol] : [def.toCol, def.fromCol];
        const live = ['village_theme'].includes(def.table) ? '' : ' and archived_at is null';
        const rows = await runSql<{ a: string; b: string }>(
          ctx,
          sql`select ${raw(mine)} as a, ${raw(theirs)} as b from ${raw(def.table)} where ${raw(mine)} = any(${[...ids]}::uuid[]) and ${raw(theirs)} is not null${raw(live)}`,
        );
        for (const r of rows) {
          const [fromType, fromId, toType, toId] =
            side === 'from' ? [def.from, r.a, def.to, r.b] : [def.from, r.b, def.to, r.a];
          found.push({
            type: otherType,
            uuid: r.b,
            edge: {
              from: toGlobalId(fromType, fromId),
              to: toGlobalId(toType, toId),
              kind: def.kind,
              fromKey: `${fromType}:${fromId}`,
              toKey: `${toType}:${toId}`,
            },
          });
        }
      }
    }
    // Load the new nodes (one statement per type, through the privacy rules).
    const fresh = new Map<string, Set<string>>();
    for (const f of found) {
      if (nodes.has(`${f.type}:${f.uuid}`)) continue;
      if (!fresh.has(f.type)) fresh.set(f.type, new Set());
      fresh.get(f.type)!.add(f.uuid);
    }
    const next = new Map<string, Set<string>>();
    for (const [type, ids] of fresh) {
      const rows = await Promise.all(
        [...ids].map((id) => findById(ctx, nodeTables.get(type)!, id, `network:${level}`)),
      );
      for (const row of rows) {
        if (!row) continue;
        if (nodes.size >= first) {
          truncated = true;
          break;
        }
        nodes.set(`${type}:${row.pk}`, { id: row.id, type, label: label(row, locale) });
        if (!next.has(type)) next.set(type, new Set());
        next.get(type)!.add(row.pk);
      }
    }
    for (const { edge } of found) {
      if (nodes.has(edge.fromKey) && nodes.has(edge.toKey)) {
        edges.set(`${edge.fromKey}|${edge.kind}|${edge.toKey}`, {
          from: edge.from,
          to: edge.to,
          kind: edge.kind,
        });
      }
    }
    frontier = next;
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()], truncated };
}
