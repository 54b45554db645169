import { field, ResolverOf } from '../../graphql/resolvers.js';
import { RuralHouse } from '../house/house.entity.js';
import { Project } from '../project/project.entity.js';
import { Talent } from '../talent/talent.entity.js';
import { Village } from '../village/village.entity.js';
import { Image } from './image.entity.js';
import { ImagePayload, RemoveImageInput, UpdateImageInput } from './image.inputs.js';
import {
  HOUSE_IMAGES,
  imageService,
  PROJECT_IMAGES,
  TALENT_AVATAR,
  VILLAGE_IMAGES,
} from './image.service.js';
import { imageWrites } from './image.writes.js';

const IMAGES = 'Its pictures, the cover first, then by position (at most 50).';
const COVER =
  'Its cover picture: the one marked `isCover`, else the first by position; null when it has none.';

// biome-ignore format: a table, one field a line
export const ImageResolver = ResolverOf(Image, { what: 'picture', payload: ImagePayload }, {
  url: field.computed(String, (ctx, row) => imageService.url(row, ctx.publicUrl), 'Absolute URL of the original (JPEG, PNG or WebP as uploaded, re-encoded without metadata); cached for a year by browsers and CDNs.'),
  cardUrl: field.computed(String, (ctx, row) => imageService.cardUrl(row, ctx.publicUrl), 'Absolute URL of the card variant: WebP, at most 640 × 960 pixels (`cardWidth` × `cardHeight`), for cards and lists.'),
  alt: field.text('Alternative text in the chosen language: what the picture shows (the other language when this one has none).', { nullable: false }),
  caption: field.text('Caption in the chosen language.'),
  updateImage: field.mutation(UpdateImageInput, imageWrites.update, 'Changes a picture’s texts, cover mark or position; CONFLICT when it changed since `version`. For officials who may change its owner.'),
  removeImage: field.mutation(RemoveImageInput, imageWrites.remove, 'Removes a picture and its files; the audit trail keeps what it was. For officials who may change its owner.', 'The picture and its version.'),
});

// biome-ignore format: a table, one field a line
export const VillageImagesResolver = ResolverOf(Village, {}, {
  images: field.computed([Image], imageService.all(VILLAGE_IMAGES.images), IMAGES),
  coverImage: field.computed(Image, imageService.first(VILLAGE_IMAGES.cover), COVER, { nullable: true }),
});

// biome-ignore format: a table, one field a line
export const RuralHouseImagesResolver = ResolverOf(RuralHouse, {}, {
  images: field.computed([Image], imageService.all(HOUSE_IMAGES.images), IMAGES),
  coverImage: field.computed(Image, imageService.first(HOUSE_IMAGES.cover), COVER, { nullable: true }),
});

// biome-ignore format: a table, one field a line
export const ProjectImagesResolver = ResolverOf(Project, {}, {
  images: field.computed([Image], imageService.all(PROJECT_IMAGES.images), IMAGES),
  coverImage: field.computed(Image, imageService.first(PROJECT_IMAGES.cover), COVER, { nullable: true }),
});

// biome-ignore format: a table, one field a line
export const TalentAvatarResolver = ResolverOf(Talent, {}, {
  avatar: field.computed(Image, imageService.first(TALENT_AVATAR), 'The talent’s picture. Anonymous readers and partners see it only when the talent’s profile is public and the talent agreed to publish the picture (`consent`); officials of the talent’s region always.', { nullable: true }),
});
