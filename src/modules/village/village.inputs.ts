import { Field, ID, InputType } from 'type-graphql';
import { GeoPointInput, InputField, NewNames, PayloadOf, UpdateInputOf } from '../../graphql/write/inputs.js';
import { Region, RegionKind } from '../region/region.entity.js';
import { SlugInput } from '../slug/slug.js';
import { Village } from './village.types.js';

const PHOTOS_DEPRECATED = 'Upload pictures with POST /images (ownerId: the village); read them as `images`.';

@InputType({ description: 'A new village of a town; its Chinese name is unique within the town.' })
export class CreateVillageInput extends NewNames {
  @InputField(() => ID, 'The town (a Region of kind TOWN).', {
    required: true,
    ref: { accept: (town) => (town as Region).kind === RegionKind.TOWN, notFound: 'townId must name a town' },
  })
  townId: string;
  @InputField(() => Boolean, 'A themed specialty village (a new one: false unless given).', { kind: 'value' })
  isSpecialty?: boolean | null;
  @InputField(() => GeoPointInput, 'Where it is; null clears it.')
  location?: GeoPointInput | null;
  @InputField(
    () => [String],
    'Photo URLs (http or https); a change replaces the current ones.',
    { kind: 'value' },
    { deprecationReason: PHOTOS_DEPRECATED },
  )
  photos?: string[] | null;
  @InputField(
    () => [String],
    'Themes, from the twelve, each by code, Chinese or English name (e.g. "tea", "茶" or "Tea").',
  )
  themeCodes?: string[] | null;
  @SlugInput()
  slug?: string | null;
}

@InputType({
  description: 'Changes to a village; omitted fields stay as they are, null clears an optional one.',
})
export class UpdateVillageInput extends UpdateInputOf(CreateVillageInput, ['townId', 'themeCodes']) {
  // Stated again only to carry the deprecation: type-graphql drops it from inherited input fields.
  @Field(() => [String], {
    nullable: true,
    description: 'Photo URLs (http or https); a change replaces the current ones.',
    deprecationReason: PHOTOS_DEPRECATED,
  })
  photos?: string[] | null;
}

@InputType({ description: 'A theme to add to or remove from a village.' })
export class VillageThemeInput {
  @InputField(() => ID, 'The village.', { required: true })
  villageId: string;
  @InputField(
    () => String,
    'A theme, one of the twelve, by code, Chinese or English name (e.g. "tea", "茶" or "Tea").',
    { required: true },
  )
  themeCode: string;
}

export const VillagePayload = PayloadOf(Village, 'Village');
