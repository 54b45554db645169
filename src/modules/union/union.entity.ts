import { Entity, Enum, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { BaseEntity, NamedEntity } from '../../db/base.entity.js';
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
@Entity({ tableName: 'union_organization' })
export class UnionOrganization extends NamedEntity<'agricultureRelated' | 'facilities' | 'isDemo'> {
  @Enum({ items: () => UnionKind, type: 'string' })
  kind!: UnionKind;

  @ManyToOne(() => UnionOrganization, { nullable: true })
  parent?: Rel<UnionOrganization>;

  @ManyToOne(() => Region)
  region!: Rel<Region>;

  @Property({ type: 'date', nullable: true })
  foundedOn?: string;

  @Property({ type: 'boolean' })
  agricultureRelated: boolean = false;

  @Property({ type: 'integer', nullable: true })
  reportedMemberCount?: number;

  @Property({ type: 'integer', nullable: true })
  reportedEnterpriseCount?: number;

  @Property({ type: 'string[]', columnType: 'text[]' })
  facilities: UnionFacility[] = [];

  @Property({ type: 'boolean' })
  isDemo: boolean = false;
}

/** A talent's membership of a union organisation, with role and election date. */
@Entity({ tableName: 'union_membership' })
export class UnionMembership extends BaseEntity {
  @ManyToOne(() => UnionOrganization)
  organization!: Rel<UnionOrganization>;

  @ManyToOne(() => Talent)
  talent!: Rel<Talent>;

  @Enum({ items: () => UnionRole, type: 'string' })
  role!: UnionRole;

  @Property({ type: 'date', nullable: true })
  joinedOn?: string;

  @Property({ type: 'date', nullable: true })
  electedOn?: string;
}
