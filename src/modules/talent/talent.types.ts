import { Field } from 'type-graphql';
import { BooleanFilter, DateFilter, registerEnum, StringFilter } from '../../graphql/filters.js';
import { enumField, filter, idFilter, listTypes } from '../../graphql/list-types.js';
import { ObjectType } from '../../graphql/object-type.js';
import { OrganizationWhere } from '../organization/organization.types.js';
import { RegionWhere } from '../region/region.types.js';
import { Degree, Settlement, Talent, TalentTier } from './talent.entity.js';

export { Talent };

registerEnum(Degree, { name: 'Degree', description: 'Highest academic degree.' });
registerEnum(TalentTier, { name: 'TalentTier', description: 'Tier in the town’s talent programme.' });
registerEnum(Settlement, { name: 'Settlement', description: 'How a talent is settled in the town.' });

/** Private contact details of a talent. */
@ObjectType({ description: 'Private contact details; never returned to anonymous callers.' })
export class TalentContact {
  @Field(() => String, { nullable: true, description: 'Phone number.' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'E-mail address.' })
  email?: string | null;
}

/** What lists of talents filter and sort by (talent.service.ts's table spec reads it too). */
export const TalentList = listTypes(Talent, {
  one: 'talent',
  many: 'talents',
  whereNote: 'Public fields only.',
  where: {
    id: idFilter('The talent itself.'),
    displayName: filter(() => StringFilter, 'Display name.'),
    settlement: enumField(Settlement, 'Settlement.'),
    degree: enumField(Degree, 'Degree.'),
    tier: enumField(TalentTier, 'Tier.'),
    field: filter(() => StringFilter, 'Field of expertise, in either language.', {
      props: ['field', 'fieldEn'],
    }),
    arrivedOn: filter(() => DateFilter, 'Arrival date.'),
    isDemo: filter(() => BooleanFilter, 'Demo data or not.'),
    town: filter(() => RegionWhere, 'The town matches.'),
    affiliation: filter(() => OrganizationWhere, 'The affiliation matches.'),
  },
  orderBy: { DISPLAY_NAME: 'displayName', ARRIVED_ON: 'arrivedOn' },
});
export const { Where: TalentWhere, ListArgs: TalentListArgs, Connection: TalentConnection } = TalentList;
