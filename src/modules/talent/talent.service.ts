import { readAlongBy } from '../../data/registry.js';
import { defineTable } from '../../data/table.js';
import { childReads, tableReads } from '../../graphql/connection.js';
import { committedSum } from '../investment/investment.figures.js';
import { Talent } from './talent.entity.js';
import { TalentList } from './talent.types.js';

export const talentTable = defineTable({
  entity: Talent,
  privateColumns: ['fullName', 'phone', 'email', 'publicProfile', 'contactConsent'],
  filters: TalentList.filters,
  orders: TalentList.orders,
  computed: { attributedInvestment: (alias) => committedSum('attributed_talent_id', alias) },
  fieldColumns: {
    bio: ['bioZh', 'bioEn'],
    title: ['title', 'titleEn'],
    field: ['field', 'fieldEn'],
    fullName: ['fullName'],
    contact: ['phone', 'email'],
    publicProfile: ['publicProfile'],
    contactConsent: ['contactConsent'],
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
  ...tableReads(talentTable),

  byTown: childReads(talentTable, BY_TOWN),

  byAffiliation: childReads(talentTable, BY_AFFILIATION),
};
