import type { GraphQLResolveInfo } from 'graphql';
import { childConnection, listConnection } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { findById, type ListArgs } from '../../graphql/read/query.js';
import { readAlongBy } from '../../graphql/read/registry.js';
import { defineTable, type Row } from '../../graphql/read/table.js';
import { committedSum } from '../investment/investment.figures.js';
import { Talent } from './talent.entity.js';

export const talentTable = defineTable({
  entity: Talent,
  privateColumns: ['fullName', 'phone', 'email', 'publicProfile', 'contactConsent'],
  filters: {
    id: 'id',
    displayName: true,
    settlement: true,
    degree: true,
    tier: true,
    field: true,
    arrivedOn: true,
    isDemo: true,
    town: true,
    affiliation: true,
  },
  orders: { DISPLAY_NAME: 'displayName', ARRIVED_ON: 'arrivedOn' },
  computed: { attributedInvestment: (alias) => committedSum('attributed_talent_id', alias) },
  fieldColumns: {
    bio: ['bioZh', 'bioEn'],
    fullName: ['fullName'],
    contact: ['phone', 'email'],
    leases: [],
  },
  defaultOrder: [{ field: 'DISPLAY_NAME', direction: 'ASC' }],
});

/** Read along with the parents that select it (listed in talent.module.ts). */
export const BY_AFFILIATION = readAlongBy('Organization.affiliatedTalents', talentTable, 'affiliation');

/** Read along with the parents that select it (listed in talent.module.ts). */
export const BY_TOWN = readAlongBy('Region.talents', talentTable, 'town');

/** Reads of talents; the policy limits anonymous callers to public profiles and public fields. */
export const talentService = {
  list: (ctx: Context, args: ListArgs, info: GraphQLResolveInfo) =>
    listConnection(ctx, talentTable, args, info),

  byId: (ctx: Context, pk: unknown, relation: string, info?: GraphQLResolveInfo) =>
    findById(ctx, talentTable, pk as string, relation, info),

  byTown: (ctx: Context, town: Row, args: ListArgs, info: GraphQLResolveInfo) =>
    childConnection(ctx, talentTable, BY_TOWN.link, town.pk, args, info),

  byAffiliation: (ctx: Context, org: Row, args: ListArgs, info: GraphQLResolveInfo) =>
    childConnection(ctx, talentTable, BY_AFFILIATION.link, org.pk, args, info),

  /** A private column as the policy let this caller read it (null when it may not). */
  privateField: (talent: Row, key: 'fullName' | 'phone' | 'email'): string | null =>
    (talent[key] as string | null) ?? null,
};
