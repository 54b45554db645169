import type { GraphQLResolveInfo } from 'graphql';
import { childConnection, listConnection } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { registerList } from '../../graphql/read/lookahead.js';
import { findById, type ListArgs } from '../../graphql/read/query.js';
import { defineTable, type Row } from '../../graphql/read/table.js';
import { registerNode } from '../../graphql/types.js';
import { committedSum } from '../investment/investment.figures.js';
import { organizationTable } from '../organization/organization.service.js';
import { regionTable } from '../region/region.service.js';

export const talentTable = registerNode(
  defineTable({
    table: 'talent',
    type: 'Talent',
    columns: [
      'townId',
      'displayName',
      'bioZh',
      'bioEn',
      'degree',
      'title',
      'tier',
      'field',
      'affiliationId',
      'originCity',
      'arrivedOn',
      'settlement',
      'isDemo',
      'version',
    ],
    privateColumns: ['fullName', 'phone', 'email', 'publicProfile', 'contactConsent'],
    filters: {
      id: { kind: 'id', column: 'id', type: 'Talent' },
      displayName: { kind: 'value', columns: ['display_name'] },
      settlement: { kind: 'value', columns: ['settlement'] },
      degree: { kind: 'value', columns: ['degree'] },
      tier: { kind: 'value', columns: ['tier'] },
      field: { kind: 'value', columns: ['field'] },
      arrivedOn: { kind: 'value', columns: ['arrived_on'] },
      isDemo: { kind: 'value', columns: ['is_demo'] },
      town: { kind: 'one', column: 'town_id', target: () => regionTable },
      affiliation: { kind: 'one', column: 'affiliation_id', target: () => organizationTable },
    },
    orders: { DISPLAY_NAME: 'display_name', ARRIVED_ON: 'arrived_on' },
    computed: { attributedInvestment: (alias) => committedSum('attributed_talent_id', alias) },
    fieldColumns: { unionMemberships: [], projectRoles: [], leases: [], attributedInvestments: [] },
    defaultOrder: [{ field: 'DISPLAY_NAME', direction: 'ASC' }],
  }),
);

/** Read along with the parents that select it (see `registerList`). */
const BY_AFFILIATION = registerList('Organization.affiliatedTalents', talentTable, {
  expr: 't.affiliation_id',
});

/** Read along with the parents that select it (see `registerList`). */
const BY_TOWN = registerList('Region.talents', talentTable, { expr: 't.town_id' });

/** Reads of talents; the policy limits anonymous callers to public profiles and public fields. */
export const talentService = {
  list: (ctx: Context, args: ListArgs, info: GraphQLResolveInfo) =>
    listConnection(ctx, talentTable, args, info),

  byId: (ctx: Context, pk: unknown, relation: string, info?: GraphQLResolveInfo) =>
    findById(ctx, talentTable, pk as string, relation, info),

  byTown: (ctx: Context, town: Row, args: ListArgs, info: GraphQLResolveInfo) =>
    childConnection(ctx, talentTable, BY_TOWN, town.pk, args, info),

  byAffiliation: (ctx: Context, org: Row, args: ListArgs, info: GraphQLResolveInfo) =>
    childConnection(ctx, talentTable, BY_AFFILIATION, org.pk, args, info),

  /** A private column as the policy let this caller read it (null when it may not). */
  privateField: (talent: Row, key: 'fullName' | 'phone' | 'email'): string | null =>
    (talent[key] as string | null) ?? null,
};
