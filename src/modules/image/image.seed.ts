import type { EntityManager } from '@mikro-orm/postgresql';
import { demoId } from '../../db/seed/random.js';
import { RuralHouse } from '../house/house.entity.js';
import { Project } from '../project/project.entity.js';
import { Talent } from '../talent/talent.entity.js';
import { Village } from '../village/village.entity.js';
import { DEMO_SIZE, type DemoKind, demoKey } from './image.demo.js';
import { Image } from './image.entity.js';
import { CARD_BOX } from './image.process.js';

/** How many of each the demo dataset pictures. */
const DEMO_HOUSES = 6;
const DEMO_AVATARS = 6;
/** Villages that get a second picture besides their cover. */
const SECOND_PICTURES = 4;
const CREDIT = '演示插图（程序生成）· Demo illustration, generated';

/**
 * The demo dataset's pictures, for the objects made before it in the same unit of work: a cover of
 * each specialty village (a second picture for the first four), of each of the first five
 * projects (the document's), of six renovated houses, and avatars of six generated talents with a
 * public profile, five with consent and one without (hidden from anonymous readers). Only rows: a
 * demo picture is made from its key when first asked for (image.demo.ts), so this costs no image
 * work.
 */
export function seedDemoImages(em: EntityManager) {
  const made = [...em.getUnitOfWork().getPersistStack()];
  const of = <T extends object>(Kind: abstract new (...args: never[]) => T) =>
    made.filter((o) => o instanceof Kind) as unknown as T[];
  const picture = (
    kind: DemoKind,
    name: string,
    owner: Partial<Pick<Image, 'village' | 'house' | 'project' | 'talent'>>,
    texts: { altZh: string; altEn: string; captionZh?: string; captionEn?: string },
    extra: { isCover?: boolean; position?: number; consent?: boolean } = {},
  ) => {
    const { width, height } = DEMO_SIZE[kind];
    const scale = Math.min(1, CARD_BOX.width / width, CARD_BOX.height / height);
    const storageKey = demoKey(kind, name);
    em.create(Image, {
      id: demoId(`image:${storageKey}`),
      ...owner,
      storageKey,
      contentType: 'image/jpeg',
      width,
      height,
      cardWidth: Math.round(width * scale),
      cardHeight: Math.round(height * scale),
      credit: CREDIT,
      isCover: extra.isCover ?? true,
      position: extra.position ?? 0,
      consent: extra.consent ?? false,
      ...texts,
    });
  };
  for (const [i, village] of of(Village)
    .filter((v) => v.isSpecialty)
    .entries()) {
    picture(
      'village',
      village.nameEn,
      { village },
      {
        altZh: `${village.nameZh}的田野、山丘与村舍（演示插图）`,
        altEn: `Fields, hills and houses of ${village.nameEn} (demo illustration)`,
        captionZh: `${village.nameZh}全景`,
        captionEn: `${village.nameEn} at a glance`,
      },
    );
    if (i < SECOND_PICTURES)
      picture(
        'village',
        `${village.nameEn} 2`,
        { village },
        {
          altZh: `${village.nameZh}的另一处风景（演示插图）`,
          altEn: `Another view of ${village.nameEn} (demo illustration)`,
        },
        { isCover: false, position: 1 },
      );
  }
  for (const project of of(Project).slice(0, 5)) {
    picture(
      'project',
      project.nameEn,
      { project },
      {
        altZh: `${project.nameZh}的建筑（演示插图）`,
        altEn: `The buildings of ${project.nameEn} (demo illustration)`,
      },
    );
  }
  const renovated = of(RuralHouse).filter((h) => h.status === 'RENOVATED' || h.status === 'IN_USE');
  for (const house of renovated.slice(0, DEMO_HOUSES)) {
    picture(
      'house',
      house.id.slice(0, 8),
      { house },
      {
        altZh: `${house.address}：改建后的农房外景（演示插图）`,
        altEn: 'A renovated rural house seen from outside (demo illustration)',
      },
    );
  }
  const talents = of(Talent).filter((t) => t.isDemo && t.publicProfile);
  for (const [i, talent] of talents.slice(0, DEMO_AVATARS).entries()) {
    picture(
      'talent',
      talent.id.slice(0, 8),
      { talent },
      {
        altZh: `${talent.displayName}的头像（演示插图）`,
        altEn: `Portrait of ${talent.displayName} (demo illustration)`,
      },
      // The last one without consent: anonymous readers do not see it.
      { consent: i < DEMO_AVATARS - 1 },
    );
  }
}
