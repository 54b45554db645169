import { defineModule } from '../module.js';
import { Image } from './image.entity.js';
import {
  ImageResolver,
  ProjectImagesResolver,
  RuralHouseImagesResolver,
  TalentAvatarResolver,
  VillageImagesResolver,
} from './image.resolver.js';
import { HOUSE_IMAGES, imageTable, PROJECT_IMAGES, TALENT_AVATAR, VILLAGE_IMAGES } from './image.service.js';

/**
 * Pictures of villages, houses, projects and talents: uploaded over HTTP (`POST /images`, image.http.ts),
 * served with their card variant (`GET /images/<file>`), changed and removed by mutations; each
 * owner's pictures and cover are read along with it.
 */
export const imageModule = defineModule({
  name: 'image',
  entities: [Image],
  resolvers: [
    ImageResolver,
    VillageImagesResolver,
    RuralHouseImagesResolver,
    ProjectImagesResolver,
    TalentAvatarResolver,
  ],
  tables: [imageTable],
  lists: [
    VILLAGE_IMAGES.images,
    VILLAGE_IMAGES.cover,
    HOUSE_IMAGES.images,
    HOUSE_IMAGES.cover,
    PROJECT_IMAGES.images,
    PROJECT_IMAGES.cover,
    TALENT_AVATAR,
  ],
  migrations: {
    Migration20261206010000_images: () => import('./Migration20261206010000_images.js'),
  },
});
