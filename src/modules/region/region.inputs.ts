import { ID, InputType } from 'type-graphql';
import { InputField, NewNames, PayloadOf } from '../../graphql/write/inputs.js';
import { RegionKind } from './region.entity.js';
import { Region } from './region.types.js';

@InputType({ description: 'A region (admins only).' })
export class CreateRegionInput extends NewNames {
  @InputField(() => ID, 'The region it belongs to.', { ref: true })
  parentId?: string | null;
  @InputField(() => RegionKind, 'Administrative level.', { kind: 'value', required: true })
  kind: RegionKind;
  @InputField(() => String, 'Slug: lower-case letters, digits and dashes, unique.', {
    kind: 'text',
    required: true,
    max: 50,
  })
  code: string;
}

export const RegionPayload = PayloadOf(Region, 'Region');
