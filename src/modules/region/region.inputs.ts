import { Field, ID, InputType } from 'type-graphql';
import { NewNames, PayloadOf } from '../../graphql/write/inputs.js';
import { RegionKind } from './region.entity.js';
import { Region } from './region.types.js';

@InputType({ description: 'A region (admins only).' })
export class CreateRegionInput extends NewNames {
  @Field(() => ID, { nullable: true, description: 'The region it belongs to.' })
  parentId?: string | null;
  @Field(() => RegionKind, { description: 'Administrative level.' })
  kind: RegionKind;
  @Field(() => String, { description: 'Slug: lower-case letters, digits and dashes, unique.' })
  code: string;
}

export const RegionPayload = PayloadOf(Region, 'Region', 'region');
