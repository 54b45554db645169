import { MikroORM } from '@mikro-orm/postgresql';
import { expect } from 'vitest';
import type { Sql } from '../../src/data/sql.js';
import { buildRegistry } from '../../src/data/startup.js';
import { ormOptions } from '../../src/db/orm.js';
import { AppError } from '../../src/graphql/errors.js';
import type { Viewer } from '../../src/graphql/viewer.js';
import { modules } from '../../src/modules/index.js';
import { Role } from '../../src/modules/user/user.entity.js';

// The modules' table specs, defined as their services load.
export { houseTable, leaseTable } from '../../src/modules/house/house.service.js';
export { investmentTable } from '../../src/modules/investment/investment.service.js';
export { organizationTable } from '../../src/modules/organization/organization.service.js';
export { projectTable } from '../../src/modules/project/project.service.js';
export { regionTable } from '../../src/modules/region/region.service.js';
export { talentTable } from '../../src/modules/talent/talent.service.js';
export { themeTable } from '../../src/modules/theme/theme.service.js';
export { unionMembershipTable } from '../../src/modules/union/union.service.js';
export { villageTable } from '../../src/modules/village/village.service.js';

/**
 * Fills in the table specs from the entities' metadata as the API does at start-up, without a
 * database: MikroORM discovers the metadata synchronously and connects only when first used, which
 * these tests never do.
 */
export async function resolveTablesWithoutDatabase(): Promise<void> {
  const orm = MikroORM.initSync(ormOptions('postgresql://unused@127.0.0.1:1/unused'));
  buildRegistry(modules, orm.getMetadata());
  await orm.close();
}

export const UUID_A = '11111111-1111-4111-8111-111111111111';
export const UUID_B = '22222222-2222-4222-8222-222222222222';

export const admin: Viewer = {
  kind: 'user',
  userId: UUID_A,
  email: 'admin@example.org',
  role: Role.ADMIN,
  regionId: null,
  regionIds: [],
};

export const official: Viewer = {
  kind: 'user',
  userId: UUID_A,
  email: 'official@example.org',
  role: Role.OFFICIAL,
  regionId: UUID_B,
  regionIds: [UUID_B],
};

/** The text and parameters of a fragment (null: no condition). */
export const sqlOf = (fragment: Sql | null) =>
  fragment && { text: fragment.text, params: [...fragment.params] };

/** Runs `f`, which must refuse its input with BAD_USER_INPUT naming `field` (and saying `message`). */
export function refused(f: () => unknown, field: string, message?: RegExp): void {
  let error: unknown;
  try {
    f();
  } catch (e) {
    error = e;
  }
  expect(error, 'refused').toBeInstanceOf(AppError);
  const { extensions, message: text } = error as AppError;
  expect(extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  if (message) expect(text).toMatch(message);
}
