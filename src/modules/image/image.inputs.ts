import { InputType, Int } from 'type-graphql';
import { InputField, PayloadOf, UpdateInputOf, VersionedRef } from '../../graphql/write/inputs.js';
import { Image } from './image.entity.js';

/** The longest texts of a picture. */
export const MAX_ALT = 500;
export const MAX_CAPTION = 2000;
export const MAX_CREDIT = 200;
export const MAX_POSITION = 1_000_000;

/**
 * A picture's texts and place: what `updateImage` changes and an upload (`POST /images`) gives as
 * form fields of the same names, each field once with its rule.
 */
@InputType('ImageFieldsBase', { description: 'The texts and place of a picture.' })
export abstract class ImageFields {
  @InputField(
    () => String,
    'Alternative text in Chinese: what the picture shows, for readers who cannot see it. A picture keeps one in at least one language.',
    { kind: 'text', max: MAX_ALT },
  )
  altZh?: string | null;
  @InputField(() => String, 'Alternative text in English.', { kind: 'text', max: MAX_ALT })
  altEn?: string | null;
  @InputField(() => String, 'Caption in Chinese; null clears it.', { kind: 'text', max: MAX_CAPTION })
  captionZh?: string | null;
  @InputField(() => String, 'Caption in English; null clears it.', { kind: 'text', max: MAX_CAPTION })
  captionEn?: string | null;
  @InputField(() => String, 'Who made the picture (photographer, source); null clears it.', {
    kind: 'text',
    max: MAX_CREDIT,
  })
  credit?: string | null;
  @InputField(
    () => Boolean,
    'The cover of its owner: true makes it the cover (the one before stops being it).',
    {
      kind: 'value',
    },
  )
  isCover?: boolean | null;
  @InputField(() => Int, `Place among the owner’s pictures, lowest first (0 to ${MAX_POSITION}).`, {
    kind: 'int',
    min: 0,
  })
  position?: number | null;
  @InputField(
    () => Boolean,
    'For a talent’s picture: the talent agreed to publish it (anonymous readers see it only then, and only with a public profile).',
    { kind: 'value' },
  )
  consent?: boolean | null;
}

@InputType({ description: 'Changes to a picture; omitted fields stay as they are, null clears a text.' })
export class UpdateImageInput extends UpdateInputOf(ImageFields) {}

@InputType({ description: 'A picture to remove, and the version the decision was based on.' })
export class RemoveImageInput extends VersionedRef {}

export const ImagePayload = PayloadOf(Image, 'Image');
