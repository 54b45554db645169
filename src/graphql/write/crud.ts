import type { BaseEntity } from '../../db/base.entity.js';
import type { Context } from '../context.js';
import { UserErrorCode } from '../payload.js';
import type { TableSpec } from '../read/table.js';
import { type ArchiveInput, applyFields, checkLocation, type FieldRule } from './inputs.js';
import { auditValues, mutate, type Writer } from './mutation.js';

type Archivable = BaseEntity<string>;

/** `regionOf` for objects of no official's region (regions, themes): only admins change them. */
export const ADMINS_ONLY = 'select null::uuid as r where ?::uuid is not null';

/** A reference given in an input by global id (e.g. `townId` → property `town`). */
export interface RefRule {
  prop: string;
  type: string;
  entity: new () => object;
  required?: boolean;
}

/** How to create, update and archive one kind of object; see `crudWrites`. */
export interface CrudSpec<E extends Archivable> {
  entity: new () => E;
  type: string;
  table: TableSpec;
  /** SQL giving the region (column `r`) of an existing object by id; null region: admins only. */
  regionOf: string;
  /** The region a new object will belong to, from its resolved references. */
  regionOfNew: (
    refs: Record<string, object | null | undefined>,
    input: Record<string, unknown>,
  ) => string | null;
  fields: Record<string, FieldRule>;
  refs?: Record<string, RefRule>;
  /** Has a `location` input mapped to lat/lng. */
  located?: boolean;
  /** Checks that span fields or need the database; runs after the fields are applied. */
  validate?: (
    w: Writer,
    object: E,
    input: Record<string, unknown>,
    creating: boolean,
  ) => Promise<void> | void;
}

async function resolveRefs(
  w: Writer,
  refs: Record<string, RefRule>,
  input: Record<string, unknown>,
  creating: boolean,
) {
  const out: Record<string, object | null | undefined> = {};
  for (const [field, rule] of Object.entries(refs)) {
    const value = input[field];
    if (value === undefined && !creating) continue;
    if (value === undefined || value === null) {
      if (rule.required) w.fail(['input', field], UserErrorCode.REQUIRED, `${field} is required`);
      else out[rule.prop] = null;
      continue;
    }
    const pk = w.id(['input', field], String(value), rule.type);
    const found = pk ? ((await w.findReadable(rule.entity, pk)) as { archivedAt?: Date } | null) : null;
    if (pk && (!found || found.archivedAt))
      w.fail(['input', field], UserErrorCode.NOT_FOUND, `No ${rule.type} with id ${value}`);
    out[rule.prop] = found;
  }
  return out;
}

/**
 * create/update/archive of one kind of object, with the checks, authorization and audit of every
 * write. `createWork`/`updateWork` run inside a caller's transaction (spreadsheet imports).
 */
export function crudWrites<E extends Archivable>(spec: CrudSpec<E>) {
  const name = spec.type;
  const located = (w: Writer, object: E, values: Record<string, unknown>) => {
    if (spec.located)
      w.tx.assign(object, (checkLocation(w, ['input', 'location'], values.location as never) ?? {}) as never);
  };

  async function createWork(w: Writer, input: object): Promise<E> {
    const values = input as Record<string, unknown>;
    const refs = await resolveRefs(w, spec.refs ?? {}, values, true);
    w.check();
    const regionId = spec.regionOfNew(refs, values);
    w.authorize(regionId, `this ${name}`);
    const object = w.tx.create(
      spec.entity,
      Object.fromEntries(Object.entries(refs).filter(([, v]) => v)) as never,
    );
    applyFields(w, object, values, spec.fields, true);
    located(w, object, values);
    await spec.validate?.(w, object, values, true);
    w.track(`create${name}`, name, object, regionId, true);
    return object;
  }

  async function updateWork(w: Writer, input: { id: string; version?: number | null }): Promise<E> {
    const values = input as unknown as Record<string, unknown>;
    const object: E = await w.load(spec.entity as never, name, input);
    const regionId = await w.regionBy(spec.regionOf, object.id);
    w.authorize(regionId, `this ${name}`);
    w.track(`update${name}`, name, object, regionId);
    const refs = await resolveRefs(w, spec.refs ?? {}, values, false);
    w.tx.assign(object, refs as never);
    applyFields(w, object, values, spec.fields, false);
    located(w, object, values);
    await spec.validate?.(w, object, values, false);
    if (Object.keys(refs).length)
      w.authorize(spec.regionOfNew({ ...currentRefs(object, spec), ...refs }, values), `this ${name}`);
    return object;
  }

  return {
    createWork,
    updateWork,
    create: (ctx: Context, input: object) => mutate(ctx, spec.table, (w) => createWork(w, input)),
    update: (ctx: Context, input: { id: string; version: number }) =>
      mutate(ctx, spec.table, (w) => updateWork(w, input)),
    archive: (ctx: Context, input: ArchiveInput) => archiveObject(ctx, spec, input),
  };
}

function currentRefs<E extends Archivable>(object: E, spec: CrudSpec<E>) {
  return Object.fromEntries(
    Object.values(spec.refs ?? {}).map((r) => [
      r.prop,
      (object as unknown as Record<string, unknown>)[r.prop] as object,
    ]),
  );
}

/** Archives one object: gone from lists, kept with its history and relations. */
export function archiveObject<E extends Archivable>(
  ctx: Context,
  spec: { entity: new () => E; type: string; table: TableSpec; regionOf: string },
  input: ArchiveInput,
) {
  return mutate(ctx, spec.table, async (w) => {
    const object: E = await w.load(spec.entity as never, spec.type, input);
    const regionId = await w.regionBy(spec.regionOf, object.id);
    w.authorize(regionId, `this ${spec.type}`);
    w.track(`archive${spec.type}`, spec.type, object, regionId);
    object.archivedAt = new Date();
    return object;
  });
}

/**
 * Removes a link row (a project role, a partner, a membership): nothing refers to it, so it is
 * deleted; the audit trail keeps what it linked. `regionOf` finds the region by the link's id.
 */
export function removeLink<E extends Archivable>(
  ctx: Context,
  spec: {
    entity: new () => E;
    type: string;
    table: TableSpec;
    regionOf: string;
    operation: string;
    fields: (keyof E & string)[];
  },
  input: { id: string },
) {
  return mutate(ctx, spec.table, async (w) => {
    const pk = w.id(['input', 'id'], input.id, spec.type);
    const link = pk ? await w.findReadable(spec.entity, pk) : null;
    if (pk && !link) w.fail(['input', 'id'], UserErrorCode.NOT_FOUND, `No ${spec.type} with id ${input.id}`);
    w.check();
    const regionId = await w.regionBy(spec.regionOf, link!.id);
    w.authorize(regionId, `this ${spec.type}`);
    const values = auditValues(link!);
    w.record(
      spec.operation,
      spec.type,
      link!.id,
      regionId,
      Object.fromEntries(spec.fields.map((f) => [f, { before: values[f] ?? null, after: null }])),
    );
    w.tx.remove(link!);
    return null;
  });
}

/**
 * Adds a link row (a talent's role in a project, a partner, a member): both ends must exist, the
 * caller must govern the region of the `parent` end, and the same link (same ends and `unique`
 * fields) must not exist yet.
 */
export function addLink<E extends Archivable>(
  ctx: Context,
  spec: {
    entity: new () => E;
    type: string;
    table: TableSpec;
    operation: string;
    /** The end whose region decides who may add the link, e.g. the project. */
    parent: RefRule & { field: string; regionOf: string };
    child: RefRule & { field: string };
    unique: string[];
    taken: string;
    fields: Record<string, FieldRule>;
  },
  input: Record<string, unknown>,
) {
  return mutate(ctx, spec.table, async (w) => {
    const refs = await resolveRefs(
      w,
      {
        [spec.parent.field]: { ...spec.parent, required: true },
        [spec.child.field]: { ...spec.child, required: true },
      },
      input,
      true,
    );
    w.check();
    const parent = refs[spec.parent.prop] as { id: string };
    const regionId = await w.regionBy(spec.parent.regionOf, parent.id);
    w.authorize(regionId, `this ${spec.parent.type}`);
    const ends = { [spec.parent.prop]: parent, [spec.child.prop]: refs[spec.child.prop] };
    const same = Object.fromEntries(spec.unique.map((f) => [f, input[f]]));
    if (await w.tx.count(spec.entity, { ...ends, ...same } as never))
      w.fail(['input', spec.child.field], UserErrorCode.TAKEN, spec.taken);
    const link = w.tx.create(spec.entity, ends as never);
    applyFields(w, link, input, spec.fields, true);
    w.track(spec.operation, spec.type, link, regionId, true);
    return link;
  });
}
