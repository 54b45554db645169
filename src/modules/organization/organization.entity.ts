import { Entity, ManyToOne, type Rel } from '@mikro-orm/core';
import { NamedEntity } from '../../db/base.entity.js';
import { type EnumValue, enumOf } from '../../db/enum.js';
import { Column } from '../../graphql/column.js';
import { VersionedObjectType } from '../../graphql/types.js';
import { Region } from '../region/region.entity.js';

/** What kind of body an organisation is. */
export const OrganizationKind = enumOf({
  UNIVERSITY: ['University', '高校'],
  COMPANY: ['Company', '企业'],
  FUND: ['Fund', '基金'],
  COOPERATIVE: ['Co-operative', '合作社'],
  PUBLIC_BODY: ['Public body', '机关事业单位'],
  SOCIAL_ORGANIZATION: ['Social organisation', '社会组织'],
});
export type OrganizationKind = EnumValue<typeof OrganizationKind>;

/** A university, company, fund, co-operative or public body. */
@VersionedObjectType('A university, company, fund, co-operative or public body.')
@Entity({ tableName: 'organization' })
export class Organization extends NamedEntity<'isDemo'> {
  @Column(() => OrganizationKind, { description: 'What kind of body it is.' })
  kind!: OrganizationKind;

  @ManyToOne(() => Region, { nullable: true })
  region?: Rel<Region>;

  @Column(() => String, { nullable: true, description: 'Web site.' })
  website?: string;

  @Column(() => Boolean, { description: 'Generated for the demo dataset, not a real organisation.' })
  isDemo: boolean = false;
}
