import { ID, InputType } from 'type-graphql';
import { InputField, NewNames, PayloadOf, UpdateInputOf } from '../../graphql/write/inputs.js';
import { OrganizationKind } from './organization.entity.js';
import { Organization } from './organization.types.js';

@InputType({
  description: 'An organisation (its Chinese name is unique). Without a region only admins may change it.',
})
export class CreateOrganizationInput extends NewNames {
  @InputField(() => OrganizationKind, 'Kind.', { kind: 'value', required: true })
  kind: OrganizationKind;
  @InputField(() => ID, 'The region it is based in.', { ref: true })
  regionId?: string | null;
  @InputField(() => String, 'Web site (http or https).', { kind: 'url' })
  website?: string | null;
}

@InputType({ description: 'Changes to an organisation; omitted fields stay, null clears an optional one.' })
export class UpdateOrganizationInput extends UpdateInputOf(CreateOrganizationInput) {}

export const OrganizationPayload = PayloadOf(Organization, 'Organization');
