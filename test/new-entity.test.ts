import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../src/data/registry.js';
import { toGlobalId } from '../src/graphql/ids.js';
import { Locale } from '../src/graphql/locale.js';
import { modules } from '../src/modules/index.js';
import { villageNoteModule } from './fixtures/village-note/village-note.module.js';
import { ok, scratchDatabase, useApi } from './helpers.js';

/**
 * Adding an entity takes one folder, one migration, one test file and one line: the module of
 * test/fixtures/village-note (entity, GraphQL types, table spec, resolvers, a list read along with
 * villages, its migration) joins the API's modules by the line below, like a line of
 * src/modules/index.ts. Its migration is applied to a database of this test's own, and its list,
 * node, filters and nested list work through the schema.
 */
const withNotes = [...modules, villageNoteModule];

const scratch = scratchDatabase('new_entity');
const { url } = scratch;

beforeAll(scratch.create);
// Registered before `useApi` closes its ORM, so it runs after (hooks after tests run in reverse).
afterAll(scratch.drop);

const api = useApi({ url: () => url.toString(), modules: withNotes });

const TOWN = '00000000-0000-4000-8000-000000000001';
const TEA = '00000000-0000-4000-8000-000000000002';
const SEA = '00000000-0000-4000-8000-000000000003';
const NOTE = '00000000-0000-4000-8000-000000000004';

beforeAll(async () => {
  await api.sql(
    `insert into region (id, code, kind, name_zh, name_en) values ('${TOWN}', 'dashuibo', 'TOWN', '大水泊镇', 'Dashuibo');
     insert into village (id, town_id, name_zh, name_en) values
       ('${TEA}', '${TOWN}', '茶村', 'Tea Village'), ('${SEA}', '${TOWN}', '海村', 'Sea Village');
     insert into village_note (id, village_id, text) values
       ('${NOTE}', '${TEA}', 'tea harvest in May'), (gen_random_uuid(), '${TEA}', 'new guest house'),
       (gen_random_uuid(), '${SEA}', 'fishing festival');`,
  );
});

describe('a module added by one line', () => {
  it('has its migration applied on start, after the API’s', async () => {
    const applied = (await api.sql('select name from mikro_orm_migrations order by id')).map((r) => r.name);
    expect(applied.at(-1)).toBe('Migration20991231000000_village_note');
    expect(applied.length).toBeGreaterThan(5);
  });

  it('joins the registry: its table is a node type, its list is read along with villages', () => {
    expect(registry().nodes.get('VillageNote')?.table).toBe('village_note');
    expect(registry().lists.get('Village.notes')?.target.type).toBe('VillageNote');
  });

  it('lists, sorts and filters its rows, by its own fields and through its relation', async () => {
    const all = ok(
      await api.run('{ villageNotes { totalCount nodes { text village { name(locale: EN) } } } }'),
    );
    expect(all.villageNotes).toEqual({
      totalCount: 3,
      nodes: [
        { text: 'fishing festival', village: { name: 'Sea Village' } },
        { text: 'new guest house', village: { name: 'Tea Village' } },
        { text: 'tea harvest in May', village: { name: 'Tea Village' } },
      ],
    });
    const filtered = ok(
      await api.run(
        `{ villageNotes(where: { village: { name: { eq: "Tea Village" } }, not: { text: { contains: "guest" } } },
             orderBy: [{ field: TEXT, direction: DESC }]) { nodes { text } } }`,
      ),
    );
    expect(filtered.villageNotes.nodes).toEqual([{ text: 'tea harvest in May' }]);
  });

  it('fetches a row by its global id', async () => {
    const id = toGlobalId('VillageNote', NOTE);
    const found = ok(
      await api.run('query($id: ID!) { node(id: $id) { __typename id ... on VillageNote { text } } }', {
        id,
      }),
    );
    expect(found.node).toEqual({ __typename: 'VillageNote', id, text: 'tea harvest in May' });
  });

  it('reads a village’s notes along with the villages, in one statement', async () => {
    const read = () =>
      api.run(
        '{ villages(orderBy: [{ field: NAME }]) { nodes { name notes(first: 1) { totalCount nodes { text } } } } }',
        {},
        { locale: Locale.EN },
      );
    // The first read of a nested list learns its row type from PostgreSQL (once per process); later
    // reads fold the list into the villages' statement.
    await read();
    const result = await read();
    expect(ok(result).villages.nodes).toEqual([
      { name: 'Sea Village', notes: { totalCount: 1, nodes: [{ text: 'fishing festival' }] } },
      { name: 'Tea Village', notes: { totalCount: 2, nodes: [{ text: 'new guest house' }] } },
    ]);
    expect(result.statements).toBe(1);
  });
});
