import type { Context } from '../../graphql/context.js';
import { parseGlobalId } from '../../graphql/ids.js';
import { UserErrorCode } from '../../graphql/payload.js';
import { archiveObject } from '../../graphql/write/crud.js';
import { type ArchiveInput, applyFields, checkLocation, type FieldRule } from '../../graphql/write/inputs.js';
import { mutate, type Writer } from '../../graphql/write/mutation.js';
import { addYears } from '../../lib/dates.js';
import { Organization } from '../organization/organization.entity.js';
import { Project } from '../project/project.entity.js';
import { Talent } from '../talent/talent.entity.js';
import { Village } from '../village/village.entity.js';
import { HouseStatus, Lease, RuralHouse } from './house.entity.js';
import type {
  CreateLeaseInput,
  CreateRuralHouseInput,
  TerminateLeaseInput,
  UpdateLeaseInput,
  UpdateRuralHouseInput,
} from './house.inputs.js';
import { houseTable, leaseTable } from './house.service.js';

const REGION_OF_VILLAGE = 'select town_id as r from village where id = ?';
const REGION_OF_HOUSE =
  'select v.town_id as r from rural_house h join village v on v.id = h.village_id where h.id = ?';
const REGION_OF_LEASE =
  'select v.town_id as r from lease l join rural_house h on h.id = l.house_id join village v on v.id = h.village_id where l.id = ?';

/** numeric(12, 2). */
const RENT: FieldRule = { kind: 'decimal', digits: 10 };

const HOUSE_FIELDS: Record<string, FieldRule> = {
  address: { kind: 'text', required: true, max: 200 },
  floorAreaM2: { kind: 'decimal', required: true, positive: true, digits: 6 }, // numeric(8, 2)
  status: { kind: 'value', required: true },
  currentUse: { kind: 'value' },
  ownerHousehold: { kind: 'text', max: 200 },
  renovatedOn: { kind: 'date', notFuture: true },
  renovationNoteZh: { kind: 'text', max: 4000 },
  renovationNoteEn: { kind: 'text', max: 4000 },
};

/** Checks a house's address is free in its village; a user error on `input.address` otherwise. */
async function checkAddress(w: Writer, village: Village, address: string | undefined, except?: string) {
  if (!address) return;
  const taken = await w.tx.count(RuralHouse, {
    village,
    address,
    ...(except ? { id: { $ne: except } } : {}),
  });
  if (taken)
    w.fail(['input', 'address'], UserErrorCode.TAKEN, `${village.nameZh} has a house at ${address} already`);
}

const LESSEES = { Talent, Project, Organization };

/** The lessee an id names: a talent, a project or an organisation. */
async function tenantOf(w: Writer, tenantId: string) {
  const parsed = parseGlobalId(tenantId);
  // Own keys only: a global id of type "constructor" names no lessee.
  const entity = parsed && Object.hasOwn(LESSEES, parsed.type) ? LESSEES[parsed.type as 'Talent'] : undefined;
  // A talent the caller may not read is no lessee for them (w.findReadable).
  const found = entity && parsed ? await w.findReadable(entity as typeof Talent, parsed.uuid) : null;
  if (!found || found.archivedAt) {
    w.fail(
      ['input', 'tenantId'],
      UserErrorCode.NOT_FOUND,
      'tenantId must name a talent, a project or an organisation',
    );
    return {};
  }
  return { [`lessee${parsed!.type}`]: found } as Partial<Lease>;
}

/** Writes of rural houses. */
export const houseWrites = {
  /** The create of one object inside a caller's transaction (also used by imports). */
  async createWork(w: Writer, input: CreateRuralHouseInput) {
    const villageId = w.id(['input', 'villageId'], input.villageId, 'Village');
    const village = villageId ? await w.tx.findOne(Village, { id: villageId }) : null;
    if (villageId && (!village || village.archivedAt))
      w.fail(['input', 'villageId'], UserErrorCode.NOT_FOUND, 'No such village');
    w.check();
    const regionId = await w.regionBy(REGION_OF_VILLAGE, village!.id);
    w.authorize(regionId, 'houses of this village');
    const house = w.tx.create(RuralHouse, { village: village! } as never);
    applyFields(w, house, { status: HouseStatus.IDLE, ...input }, HOUSE_FIELDS, true);
    w.tx.assign(house, checkLocation(w, ['input', 'location'], input.location) ?? {});
    await checkAddress(w, village!, house.address);
    w.track('createRuralHouse', 'RuralHouse', house, regionId, true);
    return house;
  },

  create: (ctx: Context, input: CreateRuralHouseInput) =>
    mutate(ctx, houseTable, (w) => houseWrites.createWork(w, input)),

  /** The update of one object inside a caller's transaction (also used by imports). */
  async updateWork(w: Writer, input: UpdateRuralHouseInput) {
    const house = await w.load(RuralHouse, 'RuralHouse', input);
    const regionId = await w.regionBy(REGION_OF_HOUSE, house.id);
    w.authorize(regionId, 'this house');
    w.track('updateRuralHouse', 'RuralHouse', house, regionId);
    applyFields(w, house, input as never, HOUSE_FIELDS, false);
    w.tx.assign(house, checkLocation(w, ['input', 'location'], input.location) ?? {});
    if (input.address) await checkAddress(w, house.village as Village, house.address, house.id);
    return house;
  },

  update: (ctx: Context, input: UpdateRuralHouseInput) =>
    mutate(ctx, houseTable, (w) => houseWrites.updateWork(w, input)),

  archive: (ctx: Context, input: ArchiveInput) =>
    archiveObject(
      ctx,
      { entity: RuralHouse, type: 'RuralHouse', table: houseTable, regionOf: REGION_OF_HOUSE },
      input,
    ),
};

/** Writes of leases: a house has at most one lease at a time, each at most 20 years. */
export const leaseWrites = {
  /** The create of one object inside a caller's transaction (also used by imports). */
  async createWork(w: Writer, input: CreateLeaseInput) {
    const houseId = w.id(['input', 'houseId'], input.houseId, 'RuralHouse');
    const house = houseId ? await w.tx.findOne(RuralHouse, { id: houseId }) : null;
    if (houseId && (!house || house.archivedAt))
      w.fail(['input', 'houseId'], UserErrorCode.NOT_FOUND, 'No such house');
    w.check();
    const regionId = await w.regionBy(REGION_OF_HOUSE, house!.id);
    w.authorize(regionId, 'leases of this house');
    const lessee = await tenantOf(w, input.tenantId);
    if (input.endsOn <= input.startsOn)
      w.fail(['input', 'endsOn'], UserErrorCode.INVALID, 'endsOn must be after startsOn');
    else if (input.endsOn > addYears(input.startsOn, 20)) {
      w.fail(['input', 'endsOn'], UserErrorCode.RULE_BROKEN, 'A lease lasts at most 20 years');
    }
    w.check();
    const overlapping = await w.tx.getConnection().execute<{ n: number }[]>(
      `select count(*)::int as n from lease where house_id = ? and archived_at is null
         and daterange(starts_on, coalesce(terminated_on, ends_on)) && daterange(?::date, ?::date)`,
      [house!.id, input.startsOn, input.endsOn],
    );
    if ((overlapping[0]?.n ?? 0) > 0) {
      w.fail(
        ['input', 'startsOn'],
        UserErrorCode.RULE_BROKEN,
        'The house is leased during part of that time already',
      );
    }
    const lease = w.tx.create(Lease, {
      house: house!,
      mode: input.mode,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      ...lessee,
    });
    applyFields(w, lease, input as never, { annualRent: RENT }, true);
    w.check();
    w.track('createLease', 'Lease', lease, regionId, true);
    if (house!.status === HouseStatus.IDLE) {
      w.track('createLease', 'RuralHouse', house!, regionId);
      house!.status = HouseStatus.TRANSFERRED;
    }
    return lease;
  },

  create: (ctx: Context, input: CreateLeaseInput) =>
    mutate(ctx, leaseTable, (w) => leaseWrites.createWork(w, input)),

  update: (ctx: Context, input: UpdateLeaseInput) =>
    mutate(ctx, leaseTable, async (w) => {
      const lease = await w.load(Lease, 'Lease', input);
      const regionId = await w.regionBy(REGION_OF_LEASE, lease.id);
      w.authorize(regionId, 'this lease');
      w.track('updateLease', 'Lease', lease, regionId);
      if (input.mode) lease.mode = input.mode;
      applyFields(w, lease, input as never, { annualRent: RENT }, false);
      if (input.endsOn) {
        if (input.endsOn <= lease.startsOn)
          w.fail(['input', 'endsOn'], UserErrorCode.INVALID, 'endsOn must be after startsOn');
        else if (input.endsOn > addYears(lease.startsOn, 20))
          w.fail(['input', 'endsOn'], UserErrorCode.RULE_BROKEN, 'A lease lasts at most 20 years');
        w.check();
        const [overlap] = await w.tx.getConnection().execute<{ n: number }[]>(
          `select count(*)::int as n from lease where house_id = ? and id <> ? and archived_at is null
             and daterange(starts_on, coalesce(terminated_on, ends_on)) && daterange(?::date, ?::date)`,
          [lease.house.id, lease.id, lease.startsOn, lease.terminatedOn ?? input.endsOn],
        );
        if ((overlap?.n ?? 0) > 0)
          w.fail(
            ['input', 'endsOn'],
            UserErrorCode.RULE_BROKEN,
            'The house is leased to someone else during part of that time',
          );
        lease.endsOn = input.endsOn;
      }
      return lease;
    }),

  terminate: (ctx: Context, input: TerminateLeaseInput) =>
    mutate(ctx, leaseTable, async (w) => {
      const lease = await w.load(Lease, 'Lease', input);
      const regionId = await w.regionBy(REGION_OF_LEASE, lease.id);
      w.authorize(regionId, 'this lease');
      if (lease.terminatedOn)
        w.fail(['input', 'id'], UserErrorCode.RULE_BROKEN, 'The lease was terminated already');
      if (input.terminatedOn < lease.startsOn || input.terminatedOn > lease.endsOn) {
        w.fail(
          ['input', 'terminatedOn'],
          UserErrorCode.INVALID,
          'terminatedOn must lie between the start and the agreed end',
        );
      }
      w.track('terminateLease', 'Lease', lease, regionId);
      lease.terminatedOn = input.terminatedOn;
      return lease;
    }),

  archive: (ctx: Context, input: ArchiveInput) =>
    archiveObject(ctx, { entity: Lease, type: 'Lease', table: leaseTable, regionOf: REGION_OF_LEASE }, input),
};
