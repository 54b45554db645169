import { describe, expect, it } from 'vitest';
import { toGlobalId } from '../src/graphql/ids.js';
import type { SignedIn } from '../src/graphql/viewer.js';
import { Rollback, runWrite, Writer } from '../src/graphql/write/mutation.js';
import { defineWrites } from '../src/graphql/write/spec.js';
import { HouseStatus, Lease, LeaseMode, RuralHouse } from '../src/modules/house/house.entity.js';
import { houseTable } from '../src/modules/house/house.service.js';
import { Project } from '../src/modules/project/project.entity.js';
import { Region } from '../src/modules/region/region.entity.js';
import { Settlement, Talent } from '../src/modules/talent/talent.entity.js';
import { Role } from '../src/modules/user/user.entity.js';
import { Village } from '../src/modules/village/village.entity.js';
import { useApi } from './helpers.js';

/**
 * The write path's own parts: what a write checks (the region that owns an object, what the caller
 * may read) is asked in the write's transaction, so it sees what the write made before; an owner
 * path that is not a chain of relations (its first step the compiler checks) is a programming error, not an admins-only object.
 */
const api = useApi({ writes: true });

async function dashuibo() {
  const [town] = await api.sql("select id from region where code = 'dashuibo'");
  const [project] = await api.sql('select p.id from project p where p.town_id = ? limit 1', [town.id]);
  const official: SignedIn = {
    kind: 'user',
    userId: '',
    email: 'write-path@tests.example',
    role: Role.OFFICIAL,
    regionId: town.id,
    regionIds: [town.id],
  };
  return { townId: town.id as string, projectId: project.id as string, official };
}

/** Runs `check` in a transaction that is rolled back after it. */
async function inRolledBack(check: (tx: Writer['tx']) => Promise<void>) {
  await expect(
    api.orm.em.fork().transactional(async (tx) => {
      await check(tx);
      throw new Rollback([]);
    }),
  ).rejects.toBeInstanceOf(Rollback);
}

describe("the write path asks in the write's transaction", () => {
  it('finds the region of a house and of a lease its own transaction made, by a join', async () => {
    const { townId, projectId, official } = await dashuibo();
    await inRolledBack(async (tx) => {
      const village = tx.create(Village, {
        town: tx.getReference(Region, townId),
        nameZh: '事务村',
        nameEn: 'Transaction village',
      });
      const house = tx.create(RuralHouse, {
        village,
        address: '事务路1号',
        floorAreaM2: '10',
        status: HouseStatus.IDLE,
      });
      const lease = tx.create(Lease, {
        house,
        mode: LeaseMode.LEASE,
        startsOn: '2030-01-01',
        endsOn: '2030-12-31',
        lesseeProject: tx.getReference(Project, projectId),
      });
      await tx.flush();
      tx.clear();
      // Loaded afresh: their village and house are references, so the region comes from a join.
      const w = new Writer(tx, official);
      const storedHouse = await tx.findOneOrFail(RuralHouse, house.id);
      expect(await w.regionOf(storedHouse, ['village', 'town'])).toBe(townId);
      const storedLease = await tx.findOneOrFail(Lease, lease.id);
      expect(await w.regionOf(storedLease, ['house', 'village', 'town'])).toBe(townId);
    });
  });

  it('finds a talent its own transaction made with the read rules of the caller', async () => {
    const { townId, official } = await dashuibo();
    await inRolledBack(async (tx) => {
      const talent = tx.create(Talent, {
        town: tx.getReference(Region, townId),
        displayName: 'Made in the transaction',
        fullName: '事务人才',
        settlement: Settlement.RESIDENT,
        publicProfile: false,
      });
      await tx.flush();
      tx.clear();
      expect(await new Writer(tx, official).findReadable(Talent, talent.id)).not.toBeNull();
    });
  });
});

describe('owner paths', () => {
  it('refuses a path that is not a chain of to-one relations at the first write', async () => {
    const { official } = await dashuibo();
    const [village] = await api.sql('select id from village limit 1');
    const misspelt = defineWrites({
      entity: RuralHouse,
      type: 'RuralHouse',
      table: houseTable,
      owner: ['village', 'twn'],
      refs: { village: true },
    });
    const villageId = toGlobalId('Village', village.id);
    await expect(
      runWrite(api.orm.em, official, (w) => misspelt.createWork(w, { villageId })),
    ).rejects.toThrow(/owner of RuralHouse: "twn" is not a to-one relation of Village/);
  });
});
