import { Field, ID, InputType, Int } from 'type-graphql';
import { GeoPointInput, NameChanges, NewNames, PayloadOf } from '../../graphql/write/inputs.js';
import { Village } from './village.types.js';

@InputType({ description: 'A new village of a town; its Chinese name is unique within the town.' })
export class CreateVillageInput extends NewNames {
  @Field(() => ID, { description: 'The town (a Region of kind TOWN).' })
  townId: string;
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
export class UpdateVillageInput extends NameChanges {
  @Field(() => ID, { description: 'The village.' })
  id: string;
  @Field(() => Int, { description: 'The version you last read (CONFLICT when someone changed it since).' })
  version: number;
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
