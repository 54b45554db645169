import { userInfo } from 'node:os';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../graphql/viewer.js';
import { Region } from '../region/region.entity.js';
import { regionSubtree } from '../region/region.service.js';
import { Role } from '../user/user.entity.js';

/**
 * The caller of the command-line import and export: an operator of the machine, acting as an
 * official of `--region` (that region and everything below it), recorded as such in the audit trail.
 */
export async function scriptActor(
  em: EntityManager,
  regionCode: string,
): Promise<{ region: Region; viewer: Extract<Viewer, { kind: 'user' }> }> {
  const region = await em.findOne(Region, { code: regionCode });
  if (!region) throw new Error(`no region with code "${regionCode}"`);
  return {
    region,
    viewer: {
      kind: 'user',
      userId: '',
      email: `script:${userInfo().username}`,
      role: Role.OFFICIAL,
      regionId: region.id,
      regionIds: await regionSubtree(em, region.id),
    },
  };
}
