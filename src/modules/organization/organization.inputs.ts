import { Field, ID, InputType, Int } from 'type-graphql';
import { NameChanges, NewNames, PayloadOf } from '../../graphql/write/inputs.js';
import { OrganizationKind } from './organization.entity.js';
import { Organization } from './organization.types.js';

@InputType({
  description: 'An organisation (its Chinese name is unique). Without a region only admins may change it.',
})
export class CreateOrganizationInput extends NewNames {
  @Field(() => OrganizationKind, { description: 'Kind.' })
  kind: OrganizationKind;
  @Field(() => ID, { nullable: true, description: 'The region it is based in.' })
  regionId?: string | null;
  @Field(() => String, { nullable: true, description: 'Web site (http or https).' })
  website?: string | null;
}

@InputType({ description: 'Changes to an organisation; omitted fields stay, null clears an optional one.' })
export class UpdateOrganizationInput extends NameChanges {
  @Field(() => ID, { description: 'The organisation.' })
  id: string;
  @Field(() => Int, { description: 'The version you last read.' })
  version: number;
  @Field(() => OrganizationKind, { nullable: true, description: 'Kind.' })
  kind?: OrganizationKind | null;
  @Field(() => ID, { nullable: true, description: 'The region.' })
  regionId?: string | null;
  @Field(() => String, { nullable: true, description: 'Web site.' })
  website?: string | null;
}

export const OrganizationPayload = PayloadOf(Organization, 'Organization', 'organization');
