import { Entity, Enum, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { VersionedEntity } from '../../db/base.entity.js';
import { type EnumValue, enumOf } from '../../db/enum.js';
import { Region } from '../region/region.entity.js';

/** What an account may do (anonymous callers have no account). */
export const Role = enumOf({
  ADMIN: ['Administrator', '管理员', 'everything, user management included', '全部权限，含账户管理'],
  OFFICIAL: [
    'Official',
    '政府工作人员',
    'reads and writes within the region they govern (and everything below it), private fields included',
    '读写所辖地区（及其下级地区）的数据，含非公开字段',
  ],
  PARTNER: [
    'Partner',
    '合作伙伴',
    'the public view, plus contact details of talents who consented to be contacted',
    '公开信息，另可见同意被联系的人才的联系方式',
  ],
});
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
