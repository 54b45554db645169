import { type FilterQuery, ReferenceKind, type RequiredEntityData } from '@mikro-orm/core';
import type { TableSpec } from '../../data/table.js';
import type { Context } from '../context.js';
import { UserErrorCode } from '../payload.js';
import { auditTypeOf, snapshot } from './audit.js';
import {
  type ArchiveInput,
  applyFields,
  checkLocation,
  type FieldRule,
  fieldRulesOf,
  type GeoPointInput,
  type RefOptions,
  refsOf,
} from './inputs.js';
import { mutate, type ReadBack, type RefTarget, type Writer } from './mutation.js';

export type { RefOptions } from './inputs.js';

/** What every written entity has: a key, an optimistic-lock version, and (most) an archive date. */
interface Writable {
  id: string;
  version: number;
  archivedAt?: Date;
}

type Input = Record<string, unknown>;

/** An input by id: the object a change names, and the version the change was based on. */
interface ById {
  id: string;
  version?: number | null;
}

/**
 * Values no two objects share (`props`, e.g. a village and an address): a change that would repeat
 * them is a TAKEN user error on the input's `field`. Checked on create, and on update when one of
 * `props` changes; a null value takes part in no uniqueness.
 */
export interface UniqueRule<E> {
  props: (keyof E & string)[];
  field: string;
  message: string | ((object: E) => string);
}

/** Where a validation hook runs: on a new object or a changed one, in which region. */
export interface WriteStep {
  creating: boolean;
  regionId: string | null;
}

/**
 * How to create, change, archive and remove one kind of object. What every write does is done by
 * `defineWrites` from this: find the object (or the objects a new one refers to) as the caller may
 * read them, find the region that owns it, authorize, check and copy the fields, check uniqueness,
 * run the module's own rules, and audit.
 */
export type WriteSpec<E extends Writable> = WriteRules<E> &
  (
    | {
        /** How the payload reads the changed object back: the read side's table spec. */
        table: TableSpec;
        /** The GraphQL type (global ids, audit entries, messages): the table's unless given. */
        type?: string;
      }
    | { table: Exclude<ReadBack, TableSpec>; type: string }
  );

/** What a `WriteSpec` says besides how the changed object is read back. */
interface WriteRules<E extends Writable> {
  entity: new () => E;
  /**
   * The region that owns an object, as the path of to-one relations leading to it (a house's:
   * `['village', 'town']`); null for objects of no official's region (regions, themes, accounts),
   * which only admins change. A new object's is found from its references.
   */
  owner: readonly [keyof E & string, ...string[]] | null;
  /** Only admins may make these writes at all (`Only admins may change <adminsOnly>`). */
  adminsOnly?: string;
  /**
   * The create input: its fields with a rule are checked and copied (`fieldRulesOf`), those with a
   * `ref` set their relations (`refsOf`).
   */
  input?: abstract new () => object;
  /** Field rules besides (or without) the input's. */
  fields?: Record<string, FieldRule>;
  /** The to-one relations an input sets besides the input's, by property (`town: true` reads `townId`). */
  refs?: Partial<Record<keyof E & string, RefOptions | true>>;
  /** Has a `location` input mapped to lat/lng. */
  located?: boolean;
  unique?: UniqueRule<E>[];
  /** Checks that span fields or need the database, and changes beyond the fields; after the fields. */
  validate?: (w: Writer, object: E, input: Input, step: WriteStep) => Promise<void> | void;
  /** Audit operation names other than `create<type>`, `update<type>`, `archive<type>`, `remove<type>`. */
  operations?: Partial<Record<'create' | 'update' | 'archive' | 'remove', string>>;
  /** The fields a removal records (their values before; after: null). */
  removed?: (keyof E & string)[];
}

/**
 * The references an input gives, resolved as the caller may read them (absent ones left out on
 * update, null when cleared), by relation property.
 */
async function resolveRefs<E extends Writable>(
  w: Writer,
  spec: { entity: new () => E; type: string; refs: Record<string, RefOptions | true> },
  input: Input,
  creating: boolean,
) {
  const out: Record<string, { id: string } | null> = {};
  const meta = w.tx.getMetadata().get(spec.entity.name);
  for (const [prop, options] of Object.entries(spec.refs)) {
    const rule: RefOptions = options === true ? {} : (options as RefOptions);
    const field = `${prop}${rule.by === 'code' ? 'Code' : 'Id'}`;
    const relation = meta.props.find((p) => p.name === prop);
    if (!relation?.targetMeta) throw new Error(`refs of ${spec.type}: "${prop}" is not a relation`);
    const value = input[field];
    if (value === undefined && !creating) continue;
    if (value === undefined || value === null) {
      if (!relation.nullable) w.fail(['input', field], UserErrorCode.REQUIRED, `${field} is required`);
      else out[prop] = null;
      continue;
    }
    const target = relation.targetMeta;
    out[prop] = await w.ensureRef(field, String(value), {
      ...rule,
      type: auditTypeOf(target),
      entity: target.class as RefTarget['entity'],
    });
  }
  return out;
}

/**
 * Refuses (a programming error, at the first write of the kind) an owner path that is not a chain
 * of to-one relations: a misspelt step must not make every object silently admins-only.
 */
function checkOwnerPath(w: Writer, entity: string, path: readonly string[] | null) {
  let meta = w.tx.getMetadata().get(entity);
  for (const step of path ?? []) {
    const prop = meta.props.find((p) => p.name === step);
    if (prop?.kind !== ReferenceKind.MANY_TO_ONE && prop?.kind !== ReferenceKind.ONE_TO_ONE)
      throw new Error(`owner of ${entity}: "${step}" is not a to-one relation of ${meta.className}`);
    meta = prop.targetMeta!;
  }
}

/** The value of a property as uniqueness compares it: a linked object by its key. */
const keyOf = (value: unknown) =>
  value && typeof value === 'object' && 'id' in value ? (value as { id: unknown }).id : value;

/**
 * The writes of one kind of object from its spec: `create`, `update`, `archive` and `remove` as
 * mutations; `createWork`/`updateWork` inside a caller's transaction (spreadsheet imports, scripts);
 * `change` for the module's own operations on an existing object (terminate a lease, …).
 */
export function defineWrites<E extends Writable>(given: WriteSpec<E>) {
  const spec = {
    ...given,
    type: given.type ?? (given.table as TableSpec).type,
    fields: { ...(given.input && fieldRulesOf(given.input)), ...given.fields },
    refs: { ...(given.input && refsOf(given.input)), ...given.refs } as Record<string, RefOptions | true>,
  };
  const operation = (name: 'create' | 'update' | 'archive' | 'remove') =>
    spec.operations?.[name] ?? `${name}${spec.type}`;
  const what = `this ${spec.type}`;
  let ownerChecked = false;
  const regionOf = (w: Writer, object: object) => {
    if (!ownerChecked) checkOwnerPath(w, spec.entity.name, spec.owner);
    ownerChecked = true;
    return w.regionOf(object, spec.owner);
  };
  const uniqueProps = [...new Set((spec.unique ?? []).flatMap((u) => u.props))];
  const valuesOf = (object: E) =>
    Object.fromEntries(uniqueProps.map((p) => [p, keyOf(object[p])])) as Record<string, unknown>;

  /** Loads the object an input names, authorizes the caller in its region, and tracks it (`operation`). */
  async function open(w: Writer, input: ById, tracked: string | null) {
    if (spec.adminsOnly) w.requireAdmin(spec.adminsOnly);
    const object: E = await w.load(spec.entity, spec.type, input);
    const regionId = await regionOf(w, object);
    w.authorize(regionId, what);
    if (tracked) w.track(tracked, spec.type, object, regionId);
    return { object, regionId };
  }

  /** The `unique` rules a new object (`before` null) or a change of their values would break. */
  async function checkUnique(w: Writer, object: E, before: Record<string, unknown> | null) {
    const now = valuesOf(object);
    for (const rule of spec.unique ?? []) {
      const same = Object.fromEntries(rule.props.map((p) => [p, now[p]]));
      if (rule.props.some((p) => now[p] == null)) continue;
      if (before && rule.props.every((p) => now[p] === before[p])) continue;
      if (
        await w.tx.count(spec.entity, (before ? { ...same, id: { $ne: object.id } } : same) as FilterQuery<E>)
      ) {
        const message = typeof rule.message === 'string' ? rule.message : rule.message(object);
        w.fail(['input', rule.field], UserErrorCode.TAKEN, message);
      }
    }
  }

  /** Fields, location, uniqueness and the module's rules, on a new (`before` null) or changed object. */
  async function fill(
    w: Writer,
    object: E,
    input: Input,
    step: WriteStep,
    before: Record<string, unknown> | null,
  ) {
    applyFields(w, object, input, spec.fields ?? {}, step.creating);
    if (spec.located)
      Object.assign(object, checkLocation(w, ['input', 'location'], input.location as GeoPointInput));
    await checkUnique(w, object, before);
    await spec.validate?.(w, object, input, step);
  }

  async function createWork(w: Writer, given: object): Promise<E> {
    if (spec.adminsOnly) w.requireAdmin(spec.adminsOnly);
    const input = given as Input;
    const refs = await resolveRefs(w, spec, input, true);
    w.check();
    const regionId = await regionOf(w, refs);
    w.authorize(regionId, what);
    const object = w.tx.create(
      spec.entity,
      Object.fromEntries(Object.entries(refs).filter(([, v]) => v)) as RequiredEntityData<E>,
    );
    await fill(w, object, input, { creating: true, regionId }, null);
    w.track(operation('create'), spec.type, object, regionId, true);
    return object;
  }

  async function updateWork(w: Writer, given: ById): Promise<E> {
    const input = given as unknown as Input;
    const { object, regionId } = await open(w, given, operation('update'));
    const before = valuesOf(object);
    const refs = await resolveRefs(w, spec, input, false);
    Object.assign(object, refs);
    await fill(w, object, input, { creating: false, regionId }, before);
    // Moved to another region (a talent to another town): the caller must govern that one too.
    if (spec.owner && spec.owner[0] in refs) {
      w.check();
      w.authorize(await regionOf(w, object), what);
    }
    return object;
  }

  return {
    createWork,
    updateWork,
    create: (ctx: Context, input: object) => mutate(ctx, spec.table, (w) => createWork(w, input)),
    update: (ctx: Context, input: ById) => mutate(ctx, spec.table, (w) => updateWork(w, input)),

    /** Archives the object: gone from lists, kept with its history and relations. */
    archive: (ctx: Context, input: ArchiveInput) =>
      mutate(ctx, spec.table, async (w) => {
        const { object } = await open(w, input, operation('archive'));
        object.archivedAt = new Date();
        return object;
      }),

    /**
     * Removes the object (a link row: a project role, a partner, a membership, which nothing refers
     * to); the audit trail keeps what it linked (`removed`).
     */
    remove: (ctx: Context, input: ById) =>
      mutate(ctx, spec.table, async (w) => {
        const { object, regionId } = await open(w, input, null);
        const { values } = snapshot(object);
        const changes = (spec.removed ?? []).map((f) => [f, { before: values[f] ?? null, after: null }]);
        w.record(operation('remove'), spec.type, object.id, regionId, Object.fromEntries(changes));
        w.tx.remove(object);
        return null;
      }),

    /**
     * A module's own operation on an existing object: loaded, authorized and (unless `track` is
     * false, for work that records its own audit entry) tracked as `name` before `work` runs.
     */
    change<I extends ById>(
      name: string,
      work: (w: Writer, object: E, input: I, regionId: string | null) => Promise<void> | void,
      options: { track?: boolean } = {},
    ) {
      return (ctx: Context, input: I) =>
        mutate(ctx, spec.table, async (w) => {
          const { object, regionId } = await open(w, input, options.track === false ? null : name);
          await work(w, object, input, regionId);
          return object;
        });
    },
  };
}
