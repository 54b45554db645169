import { FieldResolver, Resolver, Root } from 'type-graphql';
import type { Row } from '../../data/table.js';
import { field, ResolverOf } from '../../graphql/resolvers.js';
import { Money } from '../../graphql/types.js';
import { leaseService } from '../house/house.service.js';
import { LeaseConnection, LeaseListArgs } from '../house/house.types.js';
import { investmentService } from '../investment/investment.service.js';
import { InvestmentConnection, InvestmentListArgs } from '../investment/investment.types.js';
import { organizationService } from '../organization/organization.service.js';
import { Organization } from '../organization/organization.types.js';
import { projectRoleService } from '../project/project.service.js';
import { ProjectRoleConnection, ProjectRoleListArgs } from '../project/project.types.js';
import { regionService } from '../region/region.service.js';
import { Region } from '../region/region.types.js';
import { unionMembershipService } from '../union/union.service.js';
import { UnionMembershipConnection, UnionMembershipListArgs } from '../union/union.types.js';
import { CreateTalentInput, TalentPayload, UpdateTalentInput } from './talent.inputs.js';
import { talentService } from './talent.service.js';
import { Talent, TalentConnection, TalentContact, TalentListArgs } from './talent.types.js';
import { talentWrites } from './talent.writes.js';

@Resolver(() => Talent)
class TalentFields {
  @FieldResolver(() => TalentContact, {
    nullable: true,
    description:
      'Private: phone and e-mail. Officials of the talent’s region and admins; partners when the talent consented to be contacted; null otherwise.',
  })
  contact(@Root() talent: Row): TalentContact | null {
    // Masked in SQL like fullName: null for callers who may not read them.
    const phone = (talent.phone as string | null) ?? null;
    const email = (talent.email as string | null) ?? null;
    return phone || email ? { phone, email } : null;
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description:
      'Private: whether the talent consented to a public profile. Officials of the talent’s region and admins (those who may write it); null otherwise.',
  })
  publicProfile(@Root() talent: Row): boolean | null {
    // Masked in SQL like fullName: null for callers who may not read it.
    return (talent.publicProfile as boolean | null) ?? null;
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description:
      'Private: whether the talent consented to be contacted by partners. Officials of the talent’s region and admins (those who may write it); null otherwise.',
  })
  contactConsent(@Root() talent: Row): boolean | null {
    return (talent.contactConsent as boolean | null) ?? null;
  }
}

// biome-ignore format: a table, one field a line
export const TalentResolver = ResolverOf(Talent, { what: 'talent', payload: TalentPayload, base: TalentFields }, {
  talents: field.listQuery(TalentConnection, TalentListArgs, talentService.list, 'Talents the caller may see: those with a public profile; officials also every talent of the regions they govern, admins every talent.'),
  town: field.toOne(Region, regionService.byId, 'The town the talent works in.'),
  affiliation: field.toOne(Organization, organizationService.byId, 'University, company or body the talent is affiliated with.', { nullable: true }),
  bio: field.text('Public biography in the chosen language.'),
  title: field.text('Title or qualification in the chosen language, e.g. 清华大学建筑学博士 / PhD in Architecture, Tsinghua University; the Chinese one when there is no English one.', { zh: 'title', en: 'titleEn' }),
  field: field.text('Field of expertise in the chosen language, e.g. 建筑学 / Architecture; the Chinese one when there is no English one.', { zh: 'field', en: 'fieldEn' }),
  fullName: field.privateColumn('Private: full legal name. Officials of the talent’s region and admins only; null otherwise.'),
  attributedInvestment: field.computed(Money, investmentService.totalForTalent, 'Capital attributed to the talent: the sum of attributed investments that reached signing (签约) or a later stage and are not archived, in CNY.'),
  unionMemberships: field.toMany(UnionMembershipConnection, UnionMembershipListArgs, unionMembershipService.byTalent, 'Union organisations the talent belongs to, with role and election date.'),
  projectRoles: field.toMany(ProjectRoleConnection, ProjectRoleListArgs, projectRoleService.byTalent, 'Projects the talent takes part in, with the role.'),
  leases: field.toManyWith(LeaseConnection, LeaseListArgs, leaseService.byLessee, 'talent', 'Houses the talent holds or held, as leases.'),
  attributedInvestments: field.toMany(InvestmentConnection, InvestmentListArgs, investmentService.byTalent, 'Investments attributed to the talent (以才引资).'),
  createTalent: field.mutation(CreateTalentInput, talentWrites.create, 'Records a talent of a town you govern.'),
  updateTalent: field.mutation(UpdateTalentInput, talentWrites.update, 'Changes a talent; CONFLICT when it changed since `version`.'),
  archiveTalent: field.archive(talentWrites.archive, 'Archives a talent: gone from lists, kept with history and relations.'),
});
