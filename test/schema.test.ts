import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  type GraphQLNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { migrationNames, migrationsList, openOrm } from '../src/db/orm.js';
import { getSchema, printedPossibleTypes, printedSchema } from '../src/graphql/schema.js';
import { scratchDatabase, sqlOn, useApi } from './helpers.js';

const committed = () =>
  readFileSync(fileURLToPath(new URL('../schema/schema.graphql', import.meta.url)), 'utf8');

describe('schema/schema.graphql', () => {
  it('is the printed schema of the code (run `npm run schema` after a schema change)', async () => {
    expect(committed()).toBe(await printedSchema());
  });

  it("has its possible types beside it, for clients' caches (schema/possible-types.json)", async () => {
    const file = fileURLToPath(new URL('../schema/possible-types.json', import.meta.url));
    expect(readFileSync(file, 'utf8')).toBe(printedPossibleTypes(await getSchema()));
    expect(JSON.parse(readFileSync(file, 'utf8')).Tenant).toEqual(['Organization', 'Project', 'Talent']);
  });

  it('describes every type, field, argument and enum value', async () => {
    const schema = await getSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap()) as GraphQLNamedType[]) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name))
        continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isUnionType(type) && !type.description) missing.push(type.name);
      if (isEnumType(type) && !type.description) missing.push(type.name);
    }
    expect(missing).toEqual([]);
  });
});

describe('migrations', () => {
  it('lists every migration file, of src/db/migrations and of the modules, in order', async () => {
    const src = fileURLToPath(new URL('../src/', import.meta.url));
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' })
      .map((path) => path.match(/^(?:db\/migrations|modules\/\w+)\/(Migration\d+_\w+)\.ts$/)?.[1])
      .filter((name) => name !== undefined)
      .sort();
    expect(files.length).toBeGreaterThan(5);
    // A start checks these names to skip loading the migrations when none is pending.
    expect(migrationNames()).toEqual(files);
    const list = await migrationsList();
    expect(list.map((m) => m.name)).toEqual(files);
    for (const m of list) expect((m.class as { name: string }).name).toBe(m.name);
  });

  it('applies on start what a database lacks: everything on an empty one, then a migration missing from it', {
    timeout: 60_000,
  }, async () => {
    const scratch = scratchDatabase('migrations');
    const { url } = scratch;
    const run = sqlOn;
    // A migration whose effect is easy to undo and see: the change-notification function.
    const last = 'Migration20261128050000_change_notifications';
    await scratch.create();
    try {
      await (await openOrm(url.toString())).close();
      const state = () =>
        run(url, [
          'select name from mikro_orm_migrations order by id',
          "select count(*)::int as n from pg_proc where proname = 'notify_change'",
        ]);
      const [applied, [fn]] = await state();
      expect(applied!.map((r) => r.name)).toEqual(migrationNames());
      expect(fn).toEqual({ n: 1 });
      // That migration undone and unrecorded: the next start applies it again, and only it.
      await run(url, [
        'drop function notify_change() cascade',
        `delete from mikro_orm_migrations where name = '${last}'`,
      ]);
      await (await openOrm(url.toString())).close();
      const [again, [fnAgain]] = await state();
      // Recorded again, last (order of application).
      expect(again!.map((r) => r.name).sort()).toEqual(migrationNames().sort());
      expect(again!.at(-1)!.name).toBe(last);
      expect(fnAgain).toEqual({ n: 1 });
    } finally {
      await scratch.drop();
    }
  });
});

describe('entities and tables', () => {
  const api = useApi();

  it('map every entity property to a column the migrations created', async () => {
    const columns = new Set(
      (
        await api.sql(
          "select table_name || '.' || column_name as c from information_schema.columns where table_schema = 'public'",
        )
      ).map((r) => r.c),
    );
    const missing: string[] = [];
    for (const meta of Object.values(api.orm.getMetadata().getAll())) {
      for (const prop of Object.values(meta.properties)) {
        if (prop.kind === 'm:n') {
          for (const field of [...prop.joinColumns, ...prop.inverseJoinColumns]) {
            if (!columns.has(`${prop.pivotTable}.${field}`))
              missing.push(`${meta.className}.${prop.name} → ${prop.pivotTable}.${field}`);
          }
          continue;
        }
        for (const field of prop.fieldNames ?? []) {
          if (!columns.has(`${meta.tableName}.${field}`))
            missing.push(`${meta.className}.${prop.name} → ${meta.tableName}.${field}`);
        }
      }
    }
    expect(columns.size).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });

  it('indexes every foreign key', async () => {
    const unindexed = await api.sql(`
      select c.conrelid::regclass::text || '.' || a.attname as fk
      from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'f' and c.connamespace = 'public'::regnamespace
        and not exists (select 1 from pg_index i where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1])`);
    expect(unindexed).toEqual([]);
  });

  it('announces writes to every table the API reads (the notify_change trigger of "Adding an entity")', async () => {
    // Cached answers are dropped when a table announces a write; a table without the trigger would
    // leave stale answers in the response cache. Only tables never read anonymously (the cache keeps
    // anonymous answers only) go without: the migrations' and idempotency bookkeeping, accounts, audit.
    const silent = await api.sql(`
      select c.relname as "table" from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
        and c.relname not in ('mikro_orm_migrations', 'idempotency_key', 'app_user', 'audit_log')
        and not exists (
          select 1 from pg_trigger t join pg_proc p on p.oid = t.tgfoid
          where t.tgrelid = c.oid and p.proname = 'notify_change' and not t.tgisinternal)
      order by 1`);
    expect(silent).toEqual([]);
  });
});
