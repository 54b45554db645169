import { Field } from 'type-graphql';
import { ObjectType } from '../../graphql/object-type.js';

/** One value of an enum of the schema with its words in one language (see `enumOf`, db/enum.ts). */
@ObjectType({
  description:
    'A value of an enum of the schema with its label in one language, for showing it without parsing the schema’s descriptions.',
})
export class EnumLabel {
  @Field(() => String, { description: 'The enum’s name in the schema, e.g. Settlement.' })
  enum: string;

  @Field(() => String, { description: 'The value as the API answers it, e.g. RESIDENT.' })
  value: string;

  @Field(() => String, { description: 'The value’s label in the chosen language, e.g. Resident / 扎根.' })
  label: string;

  @Field(() => String, {
    nullable: true,
    description:
      'What the value means, in the chosen language, e.g. lives and works in the town; null when the label says it all.',
  })
  description: string | null;
}
