import { parseGlobalId } from '../../graphql/ids.js';
import { UserErrorCode } from '../../graphql/payload.js';
import type { Writer } from '../../graphql/write/mutation.js';
import { defineWrites } from '../../graphql/write/spec.js';
import { addYears } from '../../lib/dates.js';
import { Organization } from '../organization/organization.entity.js';
import { Project } from '../project/project.entity.js';
import { Talent } from '../talent/talent.entity.js';
import { HouseStatus, Lease, RuralHouse } from './house.entity.js';
import { CreateLeaseInput, CreateRuralHouseInput, type TerminateLeaseInput } from './house.inputs.js';
import { houseTable, leaseTable } from './house.service.js';

/** Writes of rural houses. */
export const houseWrites = defineWrites({
  entity: RuralHouse,
  table: houseTable,
  owner: ['village', 'town'],
  input: CreateRuralHouseInput,
  located: true,
  unique: [
    {
      props: ['village', 'address'],
      field: 'address',
      message: (house) => `${house.village.nameZh ?? 'The village'} has a house at ${house.address} already`,
    },
    {
      props: ['village', 'addressEn'],
      field: 'addressEn',
      message: (house) =>
        `${house.village.nameEn ?? house.village.nameZh ?? 'The village'} has a house at ${house.addressEn} already`,
    },
  ],
  validate(w, house) {
    // An English address names the house as the Chinese one does (spreadsheets find it by either).
    if (house.addressEn === '')
      w.fail(['input', 'addressEn'], UserErrorCode.INVALID, 'addressEn must not be empty; null clears it');
  },
});

const LESSEES = { Talent, Project, Organization };
const NO_LESSEE = 'tenantId must name a talent, a project or an organisation';

/** Sets the lessee an id names: a talent, a project or an organisation the caller may read. */
async function setLessee(w: Writer, lease: Lease, tenantId: string) {
  const type = parseGlobalId(tenantId)?.type;
  // Own keys only: a global id of type "constructor" names no lessee.
  if (!type || !Object.hasOwn(LESSEES, type)) {
    w.fail(['input', 'tenantId'], UserErrorCode.NOT_FOUND, NO_LESSEE);
    return;
  }
  const entity: new () => { id: string } = LESSEES[type as keyof typeof LESSEES];
  const lessee = await w.ensureRef('tenantId', tenantId, { type, entity, notFound: NO_LESSEE });
  if (lessee) Object.assign(lease, { [`lessee${type}`]: lessee });
}

/**
 * A lease's term: it ends after it starts, lasts at most 20 years, and overlaps no other lease of
 * the house (a refusal on `field`, the date the input gave).
 */
async function checkTerm(w: Writer, lease: Lease, field: 'startsOn' | 'endsOn') {
  if (lease.endsOn <= lease.startsOn)
    w.fail(['input', 'endsOn'], UserErrorCode.INVALID, 'endsOn must be after startsOn');
  else if (lease.endsOn > addYears(lease.startsOn, 20))
    w.fail(['input', 'endsOn'], UserErrorCode.RULE_BROKEN, 'A lease lasts at most 20 years');
  w.check();
  const [overlap] = await w.query<{ n: number }>(
    `select count(*)::int as n from lease where house_id = ? and id <> ? and archived_at is null
       and daterange(starts_on, coalesce(terminated_on, ends_on)) && daterange(?::date, ?::date)`,
    [lease.house.id, lease.id, lease.startsOn, lease.terminatedOn ?? lease.endsOn],
  );
  if ((overlap?.n ?? 0) > 0)
    w.fail(
      ['input', field],
      UserErrorCode.RULE_BROKEN,
      'The house is leased during part of that time already',
    );
}

/** Writes of leases: a house has at most one lease at a time, each at most 20 years. */
const leases = defineWrites({
  entity: Lease,
  table: leaseTable,
  owner: ['house', 'village', 'town'],
  input: CreateLeaseInput,
  async validate(w, lease, input, { creating, regionId }) {
    if (creating) await setLessee(w, lease, String(input.tenantId));
    if (creating || input.endsOn !== undefined) await checkTerm(w, lease, creating ? 'startsOn' : 'endsOn');
    // Leasing an idle house transfers it.
    if (creating && lease.house.status === HouseStatus.IDLE) {
      w.track('createLease', 'RuralHouse', lease.house, regionId);
      lease.house.status = HouseStatus.TRANSFERRED;
    }
  },
});

export const leaseWrites = {
  ...leases,

  terminate: leases.change('terminateLease', (w, lease, input: TerminateLeaseInput) => {
    if (lease.terminatedOn)
      w.fail(['input', 'id'], UserErrorCode.RULE_BROKEN, 'The lease was terminated already');
    if (input.terminatedOn < lease.startsOn || input.terminatedOn > lease.endsOn) {
      w.fail(
        ['input', 'terminatedOn'],
        UserErrorCode.INVALID,
        'terminatedOn must lie between the start and the agreed end',
      );
    }
    lease.terminatedOn = input.terminatedOn;
  }),
};
