import { Entity, ManyToOne, type Rel } from '@mikro-orm/core';
import { Int } from 'type-graphql';
import { BaseEntity, NamedEntity } from '../../db/base.entity.js';
import { type EnumValue, enumOf } from '../../db/enum.js';
import { Column } from '../../graphql/column.js';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { VersionedObjectType } from '../../graphql/types.js';
import { Region } from '../region/region.entity.js';
import { SlugColumn } from '../slug/slug.js';
import { Talent } from '../talent/talent.entity.js';

/** What kind of trade-union organisation this is. */
export const UnionKind = enumOf({
  FEDERATION: ['Federation of trade unions', '总工会'],
  JOINT_UNION: ['Joint trade union', '联合工会'],
  BRANCH: ['Branch union', '分会'],
  COOPERATIVE_UNION: ['Co-operative union', '合作社工会'],
  ENTERPRISE_UNION: ['Enterprise union', '企业工会'],
  INDUSTRY_FEDERATION: ['Industry federation of unions', '行业工会联合会'],
  INDUSTRY_UNION: ['Industry union', '行业工会'],
});
export type UnionKind = EnumValue<typeof UnionKind>;

/** Facilities a union runs for its members (会、站、家). */
export const UnionFacility = enumOf({
  WORKERS_LIBRARY: ['Workers’ library', '职工书屋'],
  ACTIVITY_CENTER: ['Workers’ activity centre', '职工活动中心'],
  WORKERS_HOME: ['Workers’ home', '职工之家'],
});
export type UnionFacility = EnumValue<typeof UnionFacility>;

/** A member's office in a union organisation. */
export const UnionRole = enumOf({
  CHAIR: ['Chair', '主席'],
  VICE_CHAIR: ['Vice-chair', '副主席'],
  COMMITTEE_MEMBER: ['Committee member', '委员'],
  MEMBER: ['Member', '会员'],
});
export type UnionRole = EnumValue<typeof UnionRole>;

/** A trade-union organisation: a federation, a joint union, its branches, co-operative or industry unions. */
@VersionedObjectType(
  'A trade-union organisation: a federation, a joint union and its branches, a co-operative or industry union.',
)
@Entity({ tableName: 'union_organization' })
export class UnionOrganization extends NamedEntity<'agricultureRelated' | 'facilities' | 'isDemo' | 'slug'> {
  @SlugColumn('union')
  slug!: string;

  @Column(() => UnionKind, { description: 'Kind of organisation.' })
  kind!: UnionKind;

  @ManyToOne(() => UnionOrganization, { nullable: true })
  parent?: Rel<UnionOrganization>;

  @ManyToOne(() => Region)
  region!: Rel<Region>;

  @Column(() => LocalDateScalar, { nullable: true, description: 'Founding date.' })
  foundedOn?: string;

  @Column(() => Boolean, { description: 'Counted among agriculture-related unions (涉农工会组织).' })
  agricultureRelated: boolean = false;

  @Column(() => Int, {
    nullable: true,
    description: 'Member count as reported by the union (e.g. farmer members), when it reports one.',
  })
  reportedMemberCount?: number;

  @Column(() => Int, {
    nullable: true,
    description: 'Enterprises and new economic organisations covered, as reported.',
  })
  reportedEnterpriseCount?: number;

  @Column(() => [UnionFacility], { description: 'Facilities run for members (会、站、家).' })
  facilities: UnionFacility[] = [];

  @Column(() => Boolean, { description: 'Generated for the demo dataset, not a real organisation.' })
  isDemo: boolean = false;
}

/** A talent's membership of a union organisation, with role and election date. */
@VersionedObjectType('A talent’s membership of a union organisation.')
@Entity({ tableName: 'union_membership' })
export class UnionMembership extends BaseEntity {
  @ManyToOne(() => UnionOrganization)
  organization!: Rel<UnionOrganization>;

  @ManyToOne(() => Talent)
  talent!: Rel<Talent>;

  @Column(() => UnionRole, { description: 'Office held.' })
  role!: UnionRole;

  @Column(() => LocalDateScalar, { nullable: true, description: 'Date the talent joined.' })
  joinedOn?: string;

  @Column(() => LocalDateScalar, {
    nullable: true,
    description: 'Date of election to the office, for elected offices.',
  })
  electedOn?: string;
}
