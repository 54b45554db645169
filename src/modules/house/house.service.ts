import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { EMPTY_PLAN, type Plan, planRead, selectionsOf } from '../../data/lookahead.js';
import type { ListArgs } from '../../data/query.js';
import { readAlong, readAlongBy } from '../../data/registry.js';
import { Aliases, raw, sql } from '../../data/sql.js';
import { defineTable, listedBy, type Row, toOne } from '../../data/table.js';
import { childConnection, childReads, tableReads } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { type FeatureCollectionResult, MAP_LIMIT, mapOf, nameIn, textIn } from '../../graphql/geojson.js';
import { toGlobalId } from '../../graphql/ids.js';
import { Locale } from '../../graphql/locale.js';
import { getOrMake } from '../../lib/maps.js';
import { andThen } from '../../lib/maybe.js';
import { organizationService } from '../organization/organization.service.js';
import { projectService } from '../project/project.service.js';
import { talentService } from '../talent/talent.service.js';
import { type HouseStatus, type HouseUse, Lease, RuralHouse } from './house.entity.js';
import { LeaseList, type RuralHouseFeatureProperties, RuralHouseList } from './house.types.js';

export const houseTable = defineTable({
  entity: RuralHouse,
  privateColumns: ['ownerHousehold'],
  filters: RuralHouseList.filters,
  orders: RuralHouseList.orders,
  fieldColumns: {
    address: ['address', 'addressEn'],
    renovationNote: ['renovationNoteZh', 'renovationNoteEn'],
    ownerHousehold: ['ownerHousehold'],
  },
  defaultOrder: [{ field: 'ADDRESS', direction: 'ASC' }],
});

/** Read along with the parents that select it (listed in house.module.ts). */
export const BY_VILLAGE = readAlongBy('Village.houses', houseTable, 'village');

export const leaseTable = defineTable({
  entity: Lease,
  filters: LeaseList.filters,
  orders: LeaseList.orders,
  fieldColumns: {
    tenant: ['lesseeTalentId', 'lesseeProjectId', 'lesseeOrganizationId'],
    annualRent: ['annualRent', 'currency'],
  },
  defaultOrder: [{ field: 'STARTS_ON', direction: 'DESC' }],
});

/** Read along with the parents that select it (listed in house.module.ts). */
export const BY_HOUSE = readAlongBy('RuralHouse.leases', leaseTable, 'house');

/** A lease in force today: started, not yet ended, not terminated. */
const ACTIVE = 't.starts_on <= current_date and t.ends_on > current_date and t.terminated_on is null';

/** Leases by their lessee, of each kind. */
const BY_LESSEE = {
  talent: listedBy(leaseTable, 'lesseeTalent'),
  project: listedBy(leaseTable, 'lesseeProject'),
  organization: listedBy(leaseTable, 'lesseeOrganization'),
} as const;

/** Reads of rural houses. */
export const houseService = {
  ...tableReads(houseTable),

  byVillage: childReads(houseTable, BY_VILLAGE),

  /**
   * Houses matching `where` that have a location, as a typed GeoJSON FeatureCollection: one Point
   * feature per house with its public fields (never the owner household or the tenant) and its
   * village's slug and name in `locale`, and its distance from the `near` point of `where`; nearest
   * first when it has one, else by id; at most `limit` features (MAP_LIMIT by default). One SQL statement.
   */
  map(
    ctx: Context,
    where: unknown,
    locale: Locale,
    limit: number = MAP_LIMIT,
  ): Promise<FeatureCollectionResult<RuralHouseFeatureProperties>> {
    type Columns = {
      address: string;
      status: HouseStatus;
      use: HouseUse | null;
      area: string;
      village: string;
      slug: string;
      name: string;
    };
    const select = sql`${textIn('t', 'address', 'address_en', locale)} as address, t.status, t.current_use as use, t.floor_area_m2 as area,
      mv.id as village, mv.slug, ${nameIn('mv', locale)} as name`;
    const join = raw(' join village mv on mv.id = t.village_id');
    return mapOf<Columns, RuralHouseFeatureProperties>(
      ctx,
      houseTable,
      { where, limit, select, join },
      (r) => ({
        id: toGlobalId('RuralHouse', r.id),
        address: r.address,
        status: r.status,
        currentUse: r.use,
        floorAreaM2: r.area,
        villageId: toGlobalId('Village', r.village),
        villageSlug: r.slug,
        villageName: r.name,
        distanceKm: r.distance,
      }),
    );
  },
};

/** The lease in force today, newest first (see `current`). */
const CURRENT_LEASE = listedBy(leaseTable, 'house', ACTIVE);
const LATEST_FIRST: ListArgs = { first: 1, orderBy: [{ field: 'STARTS_ON', direction: 'DESC' }] };

/** The three lessee relations of a lease. */
const LESSEES = ['lesseeTalent', 'lesseeProject', 'lesseeOrganization'] as const;

/**
 * A lease's tenant joined by each of its three lessee columns, primed for the tenant's resolver
 * (the talent join carries the viewer's row scope: a hidden talent joins as null). Without `info`
 * the tenants are read whole; with the `tenant` field's `info`, only what it selects of each type.
 */
const tenantPlans = new WeakMap<object, Plan>();
function tenantPlan(
  info: GraphQLResolveInfo | undefined,
  node: object,
  sets: readonly SelectionSetNode[],
): Plan {
  return getOrMake(tenantPlans, node, () => {
    const aliases = new Aliases();
    return {
      computed: [],
      joins: LESSEES.map((prop) => {
        const { column, key, target } = toOne(leaseTable, prop);
        const table = target();
        return {
          field: 'tenant',
          alias: aliases.next('l'),
          column,
          key,
          target: table,
          plan: info ? planRead(info, table, sets, aliases) : EMPTY_PLAN,
        };
      }),
    };
  });
}
const withTenant = (info?: GraphQLResolveInfo) =>
  tenantPlan(info, info?.fieldNodes[0] ?? LESSEES, info ? selectionsOf(info, false) : []);

/** A house's current lease, read along with the houses that select it (listed in house.module.ts). */
export const CURRENT_LEASE_ALONG = readAlong('RuralHouse.currentLease', leaseTable, CURRENT_LEASE, {
  args: LATEST_FIRST,
  plan: () => withTenant(),
});
/** A house's current tenant, read along with the houses that select it (listed in house.module.ts). */
export const CURRENT_TENANT_ALONG = readAlong('RuralHouse.tenant', leaseTable, CURRENT_LEASE, {
  args: LATEST_FIRST,
  plan: (info, node) => tenantPlan(info, node, node.selectionSet ? [node.selectionSet] : []),
});

/** Reads of leases. */
export const leaseService = {
  list: tableReads(leaseTable).list,

  byHouse: childReads(leaseTable, BY_HOUSE),

  byLessee: (
    ctx: Context,
    kind: keyof typeof BY_LESSEE,
    lessee: Row,
    args: ListArgs,
    info: GraphQLResolveInfo,
  ) => childConnection(ctx, leaseTable, BY_LESSEE[kind], lessee.pk, args, info),

  /**
   * The lease in force today, if any (the latest one when records overlap), read with its tenant
   * (whichever of talent, project or organisation holds it), so the tenant costs no statement.
   */
  current(ctx: Context, house: Row, info?: GraphQLResolveInfo): Row | null | Promise<Row | null> {
    const page = childConnection(
      ctx,
      leaseTable,
      CURRENT_LEASE,
      house.pk,
      LATEST_FIRST,
      false,
      withTenant(info),
    );
    return andThen(page, (p) => p.nodes[0] ?? null);
  },

  /** Who holds the house under this lease; null when it is a talent without a public profile. */
  tenant(ctx: Context, lease: Row, info?: GraphQLResolveInfo): Row | null | Promise<Row | null> {
    if (lease.lesseeTalentId) return talentService.byId(ctx, lease.lesseeTalentId, 'Lease.tenant', info);
    if (lease.lesseeProjectId) return projectService.byId(ctx, lease.lesseeProjectId, 'Lease.tenant', info);
    return organizationService.byId(ctx, lease.lesseeOrganizationId, 'Lease.tenant', info);
  },

  /**
   * Who holds the house today: the current lease is read with what the `tenant` field selects of
   * its tenant, which then resolves from it. Without a promise when both were read along.
   */
  currentTenant(ctx: Context, house: Row, info: GraphQLResolveInfo): Row | null | Promise<Row | null> {
    return andThen(leaseService.current(ctx, house, info), (lease) =>
      lease ? leaseService.tenant(ctx, lease, info) : null,
    );
  },
};
