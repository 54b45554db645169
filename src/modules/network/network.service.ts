import { findById, runSql } from '../../data/query.js';
import { registry } from '../../data/registry.js';
import { raw, sql } from '../../data/sql.js';
import { type Row, type TableSpec, toOne } from '../../data/table.js';
import type { Context } from '../../graphql/context.js';
import { badInput } from '../../graphql/errors.js';
import { parseGlobalId, toGlobalId } from '../../graphql/ids.js';
import { type Locale, localized } from '../../graphql/locale.js';
import { houseTable, leaseTable } from '../house/house.service.js';
import { investmentTable } from '../investment/investment.service.js';
import { projectPartnerTable, projectRoleTable, projectTable } from '../project/project.service.js';
import { talentTable } from '../talent/talent.service.js';
import { unionMembershipTable, unionOrganizationTable } from '../union/union.service.js';
import { villageTable } from '../village/village.service.js';

export const MAX_DEPTH = 3;
export const MAX_NODES = 500;

/**
 * A relation of the graph, named by the entities' relations: an object and what its relation `prop`
 * leads to (to-one, or to-many through a link table), or two objects a row of `on` links by its
 * relations `from` and `to` (a role, a membership).
 */
type EdgeDef =
  | { kind: string; on: TableSpec; prop: string }
  | { kind: string; on: TableSpec; from: string; to: string };

const EDGES: EdgeDef[] = [
  { kind: 'ROLE_IN', on: projectRoleTable, from: 'talent', to: 'project' },
  { kind: 'MEMBER_OF', on: unionMembershipTable, from: 'talent', to: 'organization' },
  { kind: 'AFFILIATED_WITH', on: talentTable, prop: 'affiliation' },
  { kind: 'INVESTS_IN', on: investmentTable, prop: 'project' },
  { kind: 'INVESTED_BY', on: investmentTable, prop: 'investor' },
  { kind: 'ATTRIBUTED_TO', on: investmentTable, prop: 'attributedTalent' },
  { kind: 'LOCATED_IN', on: projectTable, prop: 'village' },
  { kind: 'PARTNER', on: projectPartnerTable, from: 'project', to: 'organization' },
  { kind: 'IN_VILLAGE', on: houseTable, prop: 'village' },
  { kind: 'LEASES', on: leaseTable, prop: 'house' },
  { kind: 'TENANT', on: leaseTable, prop: 'lesseeTalent' },
  { kind: 'TENANT', on: leaseTable, prop: 'lesseeProject' },
  { kind: 'TENANT', on: leaseTable, prop: 'lesseeOrganization' },
  { kind: 'BRANCH_OF', on: unionOrganizationTable, prop: 'parent' },
  { kind: 'THEMED', on: villageTable, prop: 'themes' },
];

/** An edge as SQL reads it: rows of `table` link `fromCol` (a `from`) to `toCol` (a `to`); `live`: not archived. */
interface Edge {
  from: string;
  to: string;
  kind: string;
  table: string;
  fromCol: string;
  toCol: string;
  live: boolean;
}

function edgeOf(def: EdgeDef): Edge {
  const { kind, on } = def;
  if ('from' in def) {
    const [from, to] = [toOne(on, def.from), toOne(on, def.to)];
    const [fromCol, toCol] = [from.column, to.column];
    return {
      kind,
      from: from.target().type,
      to: to.target().type,
      table: on.table,
      fromCol,
      toCol,
      live: on.archivable,
    };
  }
  const r = on.relations[def.prop];
  if (r?.kind === 'one') {
    return {
      kind,
      from: on.type,
      to: r.target().type,
      table: on.table,
      fromCol: 'id',
      toCol: r.column,
      live: on.archivable,
    };
  }
  if (!r?.via)
    throw new Error(
      `network edge ${kind}: ${on.type}.${def.prop} is no relation to one or through a link table`,
    );
  const { table, self, other } = r.via;
  return { kind, from: on.type, to: r.target().type, table, fromCol: self, toCol: other, live: false };
}

let edges: Edge[] | undefined;
/** The edges of the graph (made from the tables once they are resolved). */
const edgesOf = () => {
  edges ??= EDGES.map(edgeOf);
  return edges;
};

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
  if (row.address) return localized(row.address as string, row.addressEn as string, locale) ?? '';
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
  if (!start || !registry().nodes.has(start.type))
    throw badInput(`"${from}" is not a valid id`, { field: 'from' });
  if (depth < 1 || depth > MAX_DEPTH)
    throw badInput(`depth must be between 1 and ${MAX_DEPTH}`, { field: 'depth' });
  if (first < 1 || first > MAX_NODES)
    throw badInput(`first must be between 1 and ${MAX_NODES}`, { field: 'first' });
  const startRow = await findById(ctx, registry().nodes.get(start.type)!, start.uuid, 'network');
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
    for (const def of edgesOf()) {
      for (const [side, other] of [
        ['from', 'to'],
        ['to', 'from'],
      ] as const) {
        const ids = frontier.get(def[side]);
        const otherType = def[other];
        if (!ids?.size || !allowed(otherType)) continue;
        const [mine, theirs] = side === 'from' ? [def.fromCol, def.toCol] : [def.toCol, def.fromCol];
        const live = def.live ? ' and archived_at is null' : '';
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
        [...ids].map((id) => findById(ctx, registry().nodes.get(type)!, id, `network:${level}`)),
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
