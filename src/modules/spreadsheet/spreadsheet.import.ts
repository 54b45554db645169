import { FlushMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { BaseEntity } from '../../db/base.entity.js';
import { toGlobalId } from '../../graphql/ids.js';
import { UserErrorCode } from '../../graphql/payload.js';
import type { SignedIn } from '../../graphql/viewer.js';
import { refusalOf, runWrite, type Writer } from '../../graphql/write/mutation.js';
import { Lease, RuralHouse } from '../house/house.entity.js';
import { houseWrites, leaseWrites } from '../house/house.writes.js';
import { Investment, InvestmentKind } from '../investment/investment.entity.js';
import { investmentWrites } from '../investment/investment.writes.js';
import { Organization } from '../organization/organization.entity.js';
import { Project } from '../project/project.entity.js';
import { Region, RegionKind } from '../region/region.entity.js';
import { Talent } from '../talent/talent.entity.js';
import { talentWrites } from '../talent/talent.writes.js';
import { Village } from '../village/village.entity.js';
import { COLUMNS, type Column, type SheetKind } from './spreadsheet.columns.js';
import { readCell, type Sheet } from './spreadsheet.parse.js';

/** A reason a row (or the header, row 1) was refused. */
export interface RowError {
  row: number;
  column: string | null;
  message: string;
}

export interface ImportResult {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: RowError[];
  dryRun: boolean;
}

type Values = Record<string, string | boolean | undefined>;

/** Input keys of the writes → the column they come from. */
const FIELD_COLUMN: Record<string, string> = {
  townId: 'town',
  villageId: 'village',
  houseId: 'address',
  tenantId: 'tenant',
  projectId: 'project',
  investorId: 'investor',
  attributedTalentId: 'attributedTo',
};

class Aborted extends Error {}

const gid = (type: string, entity: { id: string } | null | undefined) =>
  entity ? toGlobalId(type, entity.id) : undefined;
const same = (a: unknown, b: unknown) => {
  if (a instanceof Date) a = a.toISOString().slice(0, 10);
  if (a === undefined || a === '') a = null;
  if (b === undefined || b === '') b = null;
  if (typeof a === 'string' && typeof b === 'string' && /^\d+(\.\d+)?$/.test(a) && /^\d+(\.\d+)?$/.test(b))
    return Number(a) === Number(b);
  return a === b;
};

/**
 * Finds rows' references (towns, villages, houses, projects, organisations, talents) by name within
 * the importer's regions, remembering answers for the rest of the file.
 */
/** A name that matches more than one object: a row error, never a silent pick of one of them. */
const AMBIGUOUS = Symbol('ambiguous');
type Found<T> = T | null | typeof AMBIGUOUS;

/** The one match of `rows` (found with a limit of 2), null for none, AMBIGUOUS for more. */
const one = <T>(rows: T[]): Found<T> => (rows.length > 1 ? AMBIGUOUS : (rows[0] ?? null));

class Lookup {
  private cache = new Map<string, unknown>();
  constructor(
    private readonly tx: EntityManager,
    private readonly regionIds: string[],
  ) {}

  private async once<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (!this.cache.has(key)) this.cache.set(key, await load());
    return this.cache.get(key) as T;
  }

  town = (name: string) =>
    this.once(`town:${name}`, () =>
      this.tx.findOne(Region, {
        kind: RegionKind.TOWN,
        id: { $in: this.regionIds },
        $or: [{ code: name }, { nameZh: name }, { nameEn: name }],
      }),
    );
  village = (name: string) =>
    this.once(`village:${name}`, () =>
      this.tx
        .find(
          Village,
          {
            town: { $in: this.regionIds },
            archivedAt: null,
            $or: [{ nameZh: name }, { nameEn: name }],
          },
          { limit: 2 },
        )
        .then(one),
    );
  /** A house by its address (in Chinese: the houses sheet's key). */
  house = (village: Village, address: string) =>
    this.tx.findOne(RuralHouse, { village, address, archivedAt: null });
  /**
   * A house by its address in Chinese or, failing that, in English (each unique in the village):
   * the leases sheet names it so, as an English export writes it.
   */
  houseByAddress = async (village: Village, address: string) =>
    (await this.house(village, address)) ??
    this.tx.findOne(RuralHouse, { village, addressEn: address, archivedAt: null });
  project = (name: string) =>
    this.once(`project:${name}`, () =>
      this.tx
        .find(
          Project,
          {
            town: { $in: this.regionIds },
            archivedAt: null,
            $or: [{ nameZh: name }, { nameEn: name }],
          },
          { limit: 2 },
        )
        .then(one),
    );
  organization = (name: string) =>
    this.once(`org:${name}`, () =>
      this.tx
        .find(Organization, { archivedAt: null, $or: [{ nameZh: name }, { nameEn: name }] }, { limit: 2 })
        .then(one),
    );
  talent = (name: string) =>
    this.once(`talent:${name}`, () =>
      this.tx
        .find(
          Talent,
          {
            town: { $in: this.regionIds },
            archivedAt: null,
            $or: [{ fullName: name }, { displayName: name }],
          },
          { limit: 2 },
        )
        .then(one),
    );
}

/** How one kind of row becomes a create or an update. */
interface Plan {
  key: string;
  /** GraphQL type of the object (for its global id). */
  type: string;
  existing: (BaseEntity<string> & { version: number }) | null;
  /** Input of a create, or the changed fields of an update (empty: unchanged). */
  input: Record<string, unknown>;
  create: (w: Writer, input: Record<string, unknown>) => Promise<unknown>;
  update: (w: Writer, input: Record<string, unknown>) => Promise<unknown>;
}

/**
 * A module's create and update of one row, taking the input a plan built from the row's cells: the
 * write path checks every field of it as it does a mutation's input.
 */
function writesOf<C, U>(writes: {
  createWork(w: Writer, input: C): Promise<unknown>;
  updateWork(w: Writer, input: U): Promise<unknown>;
}): Pick<Plan, 'create' | 'update'> {
  return {
    create: (w, input) => writes.createWork(w, input as C),
    update: (w, input) => writes.updateWork(w, input as U),
  };
}

/** Leases are only created by an import: a recorded lease changes by terminating it. */
const LEASE_WRITES: Pick<Plan, 'create' | 'update'> = {
  create: writesOf({ createWork: leaseWrites.createWork, updateWork: async () => {} }).create,
  update: async () => {},
};

function changed(
  existing: object,
  values: Values,
  keys: string[],
  extra: Record<string, [unknown, unknown]> = {},
) {
  const out: Record<string, unknown> = {};
  const e = existing as Record<string, unknown>;
  for (const key of keys) {
    if (values[key] !== undefined && !same(e[key], values[key])) out[key] = values[key];
  }
  for (const [key, [current, next]] of Object.entries(extra))
    if (next !== undefined && !same(current, next)) out[key] = next;
  return out;
}

const refId = (ref: unknown) => (ref as { id?: string } | null | undefined)?.id ?? null;

/**
 * The plan of a row that matches `existing` on its natural key (`key`) or makes a new object: a
 * change of the columns `keys` that differ (and of `extra`, a reference: [current, given]), or a
 * new object of the references `created` and the columns `keys` the row gives.
 */
function upsert<C, U>(
  row: { type: string; key: string; existing: Plan['existing']; v: Values; keys: string[] },
  created: Record<string, unknown>,
  writes: Parameters<typeof writesOf<C, U>>[0],
  extra: Record<string, [unknown, unknown]> = {},
): Plan {
  const { type, key, existing, v, keys } = row;
  const fields = Object.fromEntries(keys.filter((k) => v[k] !== undefined).map((k) => [k, v[k]]));
  const input = existing ? changed(existing, v, keys, extra) : { ...created, ...fields };
  return { type, key, existing, input, ...writesOf(writes) };
}

async function plan(
  kind: SheetKind,
  w: Writer,
  look: Lookup,
  v: Values,
  defaultTown: Region | null,
): Promise<Plan | null> {
  const need = <T>(value: Found<T> | undefined, column: string, what: string): T | null => {
    if (value === AMBIGUOUS) {
      w.fail(
        ['input', column],
        UserErrorCode.DUPLICATE,
        `"${String(v[column] ?? '')}" names more than one ${what} in your regions: rename one of them first`,
      );
      return null;
    }
    if (!value)
      w.fail(
        ['input', column],
        UserErrorCode.NOT_FOUND,
        `No ${what} "${String(v[column] ?? '')}" in your regions`,
      );
    return value ?? null;
  };
  switch (kind) {
    case 'talents': {
      const town = v.town
        ? need(await look.town(String(v.town)), 'town', 'town')
        : need(defaultTown, 'town', 'town');
      if (!town) return null;
      const matches = one(
        await w.tx.find(Talent, { town, fullName: String(v.fullName), archivedAt: null }, { limit: 2 }),
      );
      if (matches === AMBIGUOUS) {
        w.fail(
          ['input', 'fullName'],
          UserErrorCode.DUPLICATE,
          `"${String(v.fullName)}" names more than one talent of the town: change them one by one instead`,
        );
        return null;
      }
      const existing = matches;
      const keys = [
        'displayName',
        'settlement',
        'degree',
        'title',
        'titleEn',
        'field',
        'fieldEn',
        'originCity',
        'arrivedOn',
        'phone',
        'email',
        'publicProfile',
        'contactConsent',
      ];
      return upsert(
        { type: 'Talent', key: `${town.id}|${v.fullName}`, existing, v, keys },
        { townId: gid('Region', town), fullName: v.fullName },
        talentWrites,
      );
    }
    case 'houses': {
      const village = need(await look.village(String(v.village)), 'village', 'village');
      if (!village) return null;
      const existing = await look.house(village, String(v.address));
      const keys = ['addressEn', 'floorAreaM2', 'status', 'currentUse', 'ownerHousehold', 'renovatedOn'];
      return upsert(
        { type: 'RuralHouse', key: `${village.id}|${v.address}`, existing, v, keys },
        { villageId: gid('Village', village), address: v.address },
        houseWrites,
      );
    }
    case 'leases': {
      const village = need(await look.village(String(v.village)), 'village', 'village');
      const house = village
        ? need(await look.houseByAddress(village, String(v.address)), 'houseId', 'house at this address')
        : null;
      const type = String(v.tenantType);
      const name = String(v.tenant);
      const tenant =
        type === 'TALENT'
          ? await look.talent(name)
          : type === 'PROJECT'
            ? await look.project(name)
            : await look.organization(name);
      const found = need(tenant, 'tenant', type.toLowerCase());
      if (!house || !found) return null;
      const existing = await w.tx.findOne(Lease, { house, startsOn: String(v.startsOn), archivedAt: null });
      if (existing) {
        const input = changed(existing, v, ['endsOn', 'annualRent', 'mode']);
        if (Object.keys(input).length)
          w.fail(
            ['input', 'startsOn'],
            UserErrorCode.RULE_BROKEN,
            'A recorded lease changes only by terminating it',
          );
        return {
          type: 'Lease',
          key: `${house.id}|${v.startsOn}`,
          existing,
          input: {},
          ...LEASE_WRITES,
        };
      }
      return {
        type: 'Lease',
        key: `${house.id}|${v.startsOn}`,
        existing: null,
        input: {
          houseId: gid('RuralHouse', house),
          tenantId: gid(
            type === 'TALENT' ? 'Talent' : type === 'PROJECT' ? 'Project' : 'Organization',
            tenant as { id: string },
          ),
          mode: v.mode,
          startsOn: v.startsOn,
          endsOn: v.endsOn,
          annualRent: v.annualRent,
        },
        ...LEASE_WRITES,
      };
    }
    case 'investments': {
      const project = need(await look.project(String(v.project)), 'project', 'project');
      const investor = need(await look.organization(String(v.investor)), 'investor', 'organisation');
      const talent = v.attributedTo
        ? need(await look.talent(String(v.attributedTo)), 'attributedTo', 'talent')
        : undefined;
      if (!project || !investor || talent === null) return null;
      const kind = (v.kind as InvestmentKind | undefined) ?? InvestmentKind.INITIAL;
      const existing = await w.tx.findOne(Investment, {
        project,
        investor,
        kind,
        signedOn: (v.signedOn as string) ?? null,
        archivedAt: null,
      });
      const keys = ['stage', 'amount', 'fundedAmount', 'fundedOn'];
      const key = `${project.id}|${investor.id}|${kind}|${v.signedOn ?? ''}`;
      return upsert(
        { type: 'Investment', key, existing, v, keys },
        {
          projectId: gid('Project', project),
          investorId: gid('Organization', investor),
          attributedTalentId: talent ? gid('Talent', talent) : undefined,
          kind,
          signedOn: v.signedOn,
        },
        investmentWrites,
        {
          attributedTalentId: [
            gid('Talent', { id: refId(existing?.attributedTalent) ?? '' }),
            talent ? gid('Talent', talent) : undefined,
          ],
        },
      );
    }
  }
}

/**
 * Imports a sheet all-or-nothing: every row is checked by the same rules as the mutations (and
 * written with the same audit) inside one transaction; any bad row rejects the whole file, with
 * every bad row listed. Rows match existing objects on a natural key, so importing the same file
 * again changes nothing.
 */
export async function importSheet(
  em: EntityManager,
  options: {
    kind: SheetKind;
    sheet: Sheet;
    viewer: SignedIn;
    region: Region;
    dryRun?: boolean;
    operation?: string;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<ImportResult> {
  const { kind, sheet, viewer } = options;
  const columns = COLUMNS[kind];
  const result: ImportResult = {
    rows: sheet.rows.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    errors: [],
    dryRun: !!options.dryRun,
  };
  const byHeader = new Map<number, Column>();
  sheet.headers.forEach((header, i) => {
    const h = header.toLowerCase();
    const column = columns.find(
      (c) => c.en.toLowerCase() === h || c.zh === header || c.key.toLowerCase() === h,
    );
    if (column) byHeader.set(i, column);
    else if (header) result.errors.push({ row: 1, column: header, message: `Unknown column "${header}"` });
  });
  for (const column of columns.filter((c) => c.required)) {
    if (![...byHeader.values()].includes(column)) {
      result.errors.push({
        row: 1,
        column: column.zh,
        message: `Missing column "${column.zh}" / "${column.en}"`,
      });
    }
  }
  if (result.errors.length) return result;
  const headerOf = (key: string) => {
    const i = [...byHeader.entries()].find(([, c]) => c.key === key)?.[0];
    return i === undefined ? (columns.find((c) => c.key === key)?.zh ?? key) : sheet.headers[i]!;
  };

  try {
    // In the caller's transaction when it has one (a keyed mutation's), as a savepoint of it.
    await em.fork({ flushMode: FlushMode.COMMIT, keepTransactionContext: true }).transactional(async (tx) => {
      const look = new Lookup(tx, viewer.regionIds);
      const defaultTown = options.region.kind === RegionKind.TOWN ? options.region : null;
      const seen = new Map<string, number>();
      for (const [index, cells] of sheet.rows.entries()) {
        const row = index + 2;
        const values: Values = {};
        let bad = false;
        for (const [i, column] of byHeader) {
          const { value, error } = readCell(column, cells[i]);
          if (error) {
            result.errors.push({ row, column: sheet.headers[i]!, message: error });
            bad = true;
          } else if (value === undefined && column.required) {
            result.errors.push({
              row,
              column: sheet.headers[i]!,
              message: `${sheet.headers[i]} is required`,
            });
            bad = true;
          } else values[column.key] = value;
        }
        if (bad) {
          options.onProgress?.(index + 1, sheet.rows.length);
          continue;
        }
        try {
          // Each row is one write of the write path, a savepoint of the import's transaction.
          const outcome = await runWrite(tx, viewer, async (rw) => {
            const p = await plan(kind, rw, look, values, defaultTown);
            rw.check();
            if (seen.has(p!.key)) {
              rw.fail(
                ['input'],
                UserErrorCode.TAKEN,
                `The same ${kind.slice(0, -1)} as row ${seen.get(p!.key)}`,
              );
              rw.check();
            }
            seen.set(p!.key, row);
            if (p!.existing && Object.keys(p!.input).length === 0) return 'unchanged';
            if (p!.existing) await p!.update(rw, { id: gid(p!.type, p!.existing), ...p!.input });
            else await p!.create(rw, p!.input);
            return p!.existing ? 'updated' : 'created';
          });
          result[outcome]++;
        } catch (error) {
          const errors = refusalOf(error);
          if (!errors) throw error;
          for (const e of errors) {
            const key = e.field[1];
            result.errors.push({
              row,
              column: key ? headerOf(FIELD_COLUMN[key] ?? key) : null,
              message: e.message,
            });
          }
        }
        options.onProgress?.(index + 1, sheet.rows.length);
      }
      if (result.errors.length || options.dryRun) throw new Aborted();
    });
  } catch (error) {
    if (!(error instanceof Aborted)) throw error;
  }
  if (result.errors.length) {
    result.created = 0;
    result.updated = 0;
  }
  return result;
}
