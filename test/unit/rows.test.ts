import { describe, expectTypeOf, it } from 'vitest';
import type { Row, RowOf } from '../../src/data/table.js';
import type { AuditLog } from '../../src/graphql/write/audit.entity.js';
import type { Lease, LeaseMode } from '../../src/modules/house/house.entity.js';
import type { Village } from '../../src/modules/village/village.entity.js';
import { villageTable } from './support.js';

/*
 * Typed rows: checked by the compiler (`tsc` includes the tests); the assertions below are its
 * statements, run as no-ops by vitest.
 */
describe('typed rows', () => {
  it('carry the scalar properties of their entity, nullable ones as null', () => {
    expectTypeOf<Row<Village>['nameZh']>().toEqualTypeOf<string>();
    expectTypeOf<Row<Village>['isSpecialty']>().toEqualTypeOf<boolean>();
    expectTypeOf<Row<Village>['photos']>().toEqualTypeOf<string[]>();
    expectTypeOf<Row<Village>['lat']>().toEqualTypeOf<string | null>();
    expectTypeOf<Row<Lease>['mode']>().toEqualTypeOf<LeaseMode>();
    expectTypeOf<Row<AuditLog>['changes']>().toEqualTypeOf<AuditLog['changes']>();
  });

  it('carry a to-one relation as the key of its target, and no to-many relation', () => {
    expectTypeOf<Row<Village>['townId']>().toEqualTypeOf<string>();
    expectTypeOf<Row<Lease>['lesseeTalentId']>().toEqualTypeOf<string | null>();
    expectTypeOf<Row<Village>>().not.toHaveProperty('themes');
    expectTypeOf<Row<Village>>().not.toHaveProperty('town');
  });

  it('carry the type name, the global id and the key; never the bookkeeping', () => {
    expectTypeOf<Row<Village>['id']>().toEqualTypeOf<string>();
    expectTypeOf<Row<Village>['pk']>().toEqualTypeOf<string>();
    expectTypeOf<Row<Village>['__typename']>().toEqualTypeOf<string>();
    expectTypeOf<Row<Village>>().not.toHaveProperty('createdAt');
    expectTypeOf<Row<Village>>().not.toHaveProperty('archivedAt');
  });

  it('are the rows of their table spec, and rows of any table', () => {
    expectTypeOf<RowOf<typeof villageTable>>().toEqualTypeOf<Row<Village>>();
    expectTypeOf<Row<Village>>().toMatchTypeOf<Row>();
    expectTypeOf<Row['anything']>().toEqualTypeOf<unknown>();
  });
});
