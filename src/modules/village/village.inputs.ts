import { Field, ID, InputType, Int } from 'type-graphql';
import { GeoPointInput, PayloadOf } from '../../graphql/write/inputs.js';
import { Village } from './village.types.js';

@InputType({ description: 'A new village of a town.' })
export class CreateVillageInput {
  @Field(() => ID, { description: 'The town (a Region of kind TOWN).' })
  townId: string;
  @Field(() => String, { description: 'Chinese name, unique within the town.' })
  nameZh: string;
  @Field(() => String, { description: 'English name.' })
  nameEn: string;
  @Field(() => String, { nullable: true, description: 'Chinese description.' })
  descriptionZh?: string | null;
  @Field(() => String, { nullable: true, description: 'English description.' })
  descriptionEn?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'A themed specialty village (default false).' })
  isSpecialty?: boolean | null;
  @Field(() => GeoPointInput, { nullable: true, description: 'Where it is.' })
  location?: GeoPointInput | null;
  @Field(() => [String], { nullable: true, description: 'Photo URLs (http or https).' })
  photos?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Theme codes, from the twelve (e.g. "tea").' })
  themeCodes?: string[] | null;
}

@InputType({
  description: 'Changes to a village; omitted fields stay as they are, null clears an optional one.',
})
export class UpdateVillageInput {
  @Field(() => ID, { description: 'The village.' })
  id: string;
  @Field(() => Int, { description: 'The version you last read (CONFLICT when someone changed it since).' })
  version: number;
  @Field(() => String, { nullable: true, description: 'Chinese name.' })
  nameZh?: string | null;
  @Field(() => String, { nullable: true, description: 'English name.' })
  nameEn?: string | null;
  @Field(() => String, { nullable: true, description: 'Chinese description.' })
  descriptionZh?: string | null;
  @Field(() => String, { nullable: true, description: 'English description.' })
  descriptionEn?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'A themed specialty village.' })
  isSpecialty?: boolean | null;
  @Field(() => GeoPointInput, { nullable: true, description: 'Where it is; null clears it.' })
  location?: GeoPointInput | null;
  @Field(() => [String], { nullable: true, description: 'Photo URLs, replacing the current ones.' })
  photos?: string[] | null;
}

@InputType({ description: 'A theme to add to or remove from a village.' })
export class VillageThemeInput {
  @Field(() => ID, { description: 'The village.' })
  villageId: string;
  @Field(() => String, { description: 'Theme code, one of the twelve (e.g. "tea").' })
  themeCode: string;
}

export const VillagePayload = PayloadOf(Village, 'Village', 'village');
