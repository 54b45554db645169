import { Entity, Enum, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { VersionedEntity } from '../../db/base.entity.js';
import { type EnumValue, enumOf } from '../../db/enum.js';
import { Region } from '../region/region.entity.js';

/**
 * What an account may do. Anonymous callers have no account. ADMIN: everything, including user
 * management. OFFICIAL: reads and writes within the region they govern (and everything below it),
 * private fields included. PARTNER: the public view, plus contact details of talents who consented
 * to be contacted.
 */
export const Role = enumOf('ADMIN OFFICIAL PARTNER');
export type Role = EnumValue<typeof Role>;

/** An account of the API. */
@Entity({ tableName: 'app_user' })
export class AppUser extends VersionedEntity<'disabled' | 'tokenVersion'> {
  @Property({ type: 'string', unique: true })
  email!: string;

  @Property({ type: 'string', hidden: true })
  passwordHash!: string;

  @Enum({ items: () => Role, type: 'string' })
  role!: Role;

  @ManyToOne(() => Region, { nullable: true })
  region?: Rel<Region>;

  @Property({ type: 'string', nullable: true })
  displayName?: string;

  @Property({ type: 'boolean' })
  disabled: boolean = false;

  /**
   * Tokens carry the version current when they were issued; a new password or disabling the
   * account increments it, which revokes every token issued before.
   */
  @Property({ type: 'integer', hidden: true })
  tokenVersion: number = 1;
}
