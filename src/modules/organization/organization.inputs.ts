import { Field, ID, InputType, Int } from 'type-graphql';
import { PayloadOf } from '../../graphql/write/inputs.js';
import { OrganizationKind } from './organization.entity.js';
import { Organization } from './organization.types.js';

@InputType({ description: 'An organisation. Without a region only admins may change it.' })
export class CreateOrganizationInput {
  @Field(() => OrganizationKind, { description: 'Kind.' })
  kind: OrganizationKind;
  @Field(() => ID, { nullable: true, description: 'The region it is based in.' })
  regionId?: string | null;
  @Field(() => String, { description: 'Chinese name, unique.' })
  nameZh: string;
  @Field(() => String, { description: 'English name.' })
  nameEn: string;
  @Field(() => String, { nullable: true, description: 'Chinese description.' })
  descriptionZh?: string | null;
  @Field(() => String, { nullable: true, description: 'English description.' })
  descriptionEn?: string | null;
  @Field(() => String, { nullable: true, description: 'Web site (http or https).' })
  website?: string | null;
}

@InputType({ description: 'Changes to an organisation; omitted fields stay, null clears an optional one.' })
export class UpdateOrganizationInput {
  @Field(() => ID, { description: 'The organisation.' })
  id: string;
  @Field(() => Int, { description: 'The version you last read.' })
  version: number;
  @Field(() => OrganizationKind, { nullable: true, description: 'Kind.' })
  kind?: OrganizationKind | null;
  @Field(() => ID, { nullable: true, description: 'The region.' })
  regionId?: string | null;
  @Field(() => String, { nullable: true, description: 'Chinese name.' })
  nameZh?: string | null;
  @Field(() => String, { nullable: true, description: 'English name.' })
  nameEn?: string | null;
  @Field(() => String, { nullable: true, description: 'Chinese description.' })
  descriptionZh?: string | null;
  @Field(() => String, { nullable: true, description: 'English description.' })
  descriptionEn?: string | null;
  @Field(() => String, { nullable: true, description: 'Web site.' })
  website?: string | null;
}

export const OrganizationPayload = PayloadOf(Organization, 'Organization', 'organization');
