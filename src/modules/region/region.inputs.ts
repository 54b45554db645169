import { Field, ID, InputType } from 'type-graphql';
import { PayloadOf } from '../../graphql/write/inputs.js';
import { RegionKind } from './region.entity.js';
import { Region } from './region.types.js';

@InputType({ description: 'A region (admins only).' })
export class CreateRegionInput {
  @Field(() => ID, { nullable: true, description: 'The region it belongs to.' })
  parentId?: string | null;
  @Field(() => RegionKind, { description: 'Administrative level.' })
  kind: RegionKind;
  @Field(() => String, { description: 'Slug: lower-case letters, digits and dashes, unique.' })
  code: string;
  @Field(() => String, { description: 'Chinese name.' })
  nameZh: string;
  @Field(() => String, { description: 'English name.' })
  nameEn: string;
  @Field(() => String, { nullable: true, description: 'Chinese description.' })
  descriptionZh?: string | null;
  @Field(() => String, { nullable: true, description: 'English description.' })
  descriptionEn?: string | null;
}

export const RegionPayload = PayloadOf(Region, 'Region', 'region');
