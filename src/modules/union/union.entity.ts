import { Entity, Enum, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { Field, Int } from 'type-graphql';
import { BaseEntity, NamedEntity } from '../../db/base.entity.js';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { VersionedObjectType } from '../../graphql/types.js';
import { Region } from '../region/region.entity.js';
import { Talent } from '../talent/talent.entity.js';

/** What kind of trade-union organisation this is. */
export enum UnionKind {
  FEDERATION = 'FEDERATION',
  JOINT_UNION = 'JOINT_UNION',
  BRANCH = 'BRANCH',
  COOPERATIVE_UNION = 'COOPERATIVE_UNION',
  ENTERPRISE_UNION = 'ENTERPRISE_UNION',
  INDUSTRY_FEDERATION = 'INDUSTRY_FEDERATION',
  INDUSTRY_UNION = 'INDUSTRY_UNION',
}

/** Facilities a union runs for its members (会、站、家). */
export enum UnionFacility {
  WORKERS_LIBRARY = 'WORKERS_LIBRARY',
  ACTIVITY_CENTER = 'ACTIVITY_CENTER',
  WORKERS_HOME = 'WORKERS_HOME',
}

/** A member's office in a union organisation. */
export enum UnionRole {
  CHAIR = 'CHAIR',
  VICE_CHAIR = 'VICE_CHAIR',
  COMMITTEE_MEMBER = 'COMMITTEE_MEMBER',
  MEMBER = 'MEMBER',
}

/** A trade-union organisation: a federation, a joint union, its branches, co-operative or industry unions. */
@VersionedObjectType(
  'A trade-union organisation: a federation, a joint union and its branches, a co-operative or industry union.',
)
@Entity({ tableName: 'union_organization' })
export class UnionOrganization extends NamedEntity<'agricultureRelated' | 'facilities' | 'isDemo'> {
  @Enum({ items: () => UnionKind, type: 'string' })
  @Field(() => UnionKind, { description: 'Kind of organisation.' })
  kind!: UnionKind;

  @ManyToOne(() => UnionOrganization, { nullable: true })
  parent?: Rel<UnionOrganization>;

  @ManyToOne(() => Region)
  region!: Rel<Region>;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Founding date.' })
  foundedOn?: string;

  @Property({ type: 'boolean' })
  @Field(() => Boolean, { description: 'Counted among agriculture-related unions (涉农工会组织).' })
  agricultureRelated: boolean = false;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, {
    nullable: true,
    description: 'Member count as reported by the union (e.g. farmer members), when it reports one.',
  })
  reportedMemberCount?: number;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, {
    nullable: true,
    description: 'Enterprises and new economic organisations covered, as reported.',
  })
  reportedEnterpriseCount?: number;

  @Property({ type: 'string[]', columnType: 'text[]' })
  @Field(() => [UnionFacility], { description: 'Facilities run for members (会、站、家).' })
  facilities: UnionFacility[] = [];

  @Property({ type: 'boolean' })
  @Field(() => Boolean, { description: 'Generated for the demo dataset, not a real organisation.' })
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

  @Enum({ items: () => UnionRole, type: 'string' })
  @Field(() => UnionRole, { description: 'Office held.' })
  role!: UnionRole;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Date the talent joined.' })
  joinedOn?: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Date of election to the office, for elected offices.',
  })
  electedOn?: string;
}
