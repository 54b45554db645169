import { expect } from 'vitest';
import type { HostileCase, HostileTarget } from './corpus.js';

/** Strict input: NUL bytes, oversized and deeply nested `where`, forged cursors and ids, out-of-range numbers and dates. */

const nest = (key: string, times: number, leaf: object) => {
  let w: object = leaf;
  for (let i = 0; i < times; i++) w = { [key]: w };
  return w;
};
const cursorOf = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
const globalId = (text: string) => Buffer.from(text).toString('base64url');

const villages = (t: HostileTarget, where: unknown, headers: Record<string, string> = {}) =>
  t.graphql(
    {
      query: 'query($w: VillageWhere) { villages(where: $w) { totalCount } }',
      variables: { w: where },
    },
    headers,
  );

/** The first page's end cursor of `list` in `order`, decoded: a real cursor to forge from. */
async function realCursor(t: HostileTarget, list: string, order = '') {
  const r = await t.graphql({ query: `{ ${list}(first: 1${order}) { pageInfo { endCursor } } }` });
  const body = (await r.json()) as { data: Record<string, { pageInfo: { endCursor: string } }> };
  return JSON.parse(Buffer.from(body.data[list]!.pageInfo.endCursor, 'base64url').toString()) as unknown[];
}

async function aVillageId(t: HostileTarget) {
  const r = await t.graphql({ query: '{ villages(first: 1) { nodes { id } } }' });
  return ((await r.json()) as { data: { villages: { nodes: { id: string }[] } } }).data.villages.nodes[0]!.id;
}

const CREATE_HOUSE = `mutation($input: CreateRuralHouseInput!) {
  createRuralHouse(input: $input) { ruralHouse { id } userErrors { field code message } }
}`;

/** The first error names the variable and the path to its bad value. */
const namesVariable = (variable: string, field: string) => (_response: Response, body: unknown) => {
  const { errors } = body as { errors: { extensions: Record<string, unknown> }[] };
  expect(errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', variable, field });
};

export const cases: HostileCase[] = [
  {
    name: 'a number where a nested where filter wants text (input-object variable)',
    send: (t) => villages(t, { and: [{ name: { contains: 5 } }] }),
    status: 200,
    code: 'BAD_USER_INPUT',
    check: namesVariable('w', '$w.and[0].name.contains'),
  },
  {
    name: 'an unknown enum value nested in an input-object variable, 4 levels down',
    send: (t) =>
      t.graphql({
        query: 'query($w: RuralHouseWhere) { ruralHouses(where: $w) { totalCount } }',
        variables: { w: nest('not', 4, { status: { in: ['IDLE', 'RUINED'] } }) },
      }),
    status: 200,
    code: 'BAD_USER_INPUT',
    check: namesVariable('w', `$w${'.not'.repeat(4)}.status.in[1]`),
  },
  {
    name: 'an input-object variable whose key is made to look like a path in the message',
    send: (t) => villages(t, { name: { contains: 1, 'x at "w.id"; ': 1 } }),
    status: 200,
    code: 'BAD_USER_INPUT',
    check(_response, body) {
      const { errors } = body as { errors: { extensions: Record<string, unknown> }[] };
      for (const e of errors) expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', variable: 'w' });
      expect(errors.map((e) => e.extensions.field)).toEqual(['$w.name.contains', '$w.name']);
    },
  },
  {
    name: 'a NUL byte in a where filter variable',
    send: (t) =>
      t.graphql({
        query: 'query($s: String) { talents(where: { displayName: { contains: $s } }) { totalCount } }',
        variables: { s: 'a\u0000b' },
      }),
    status: 200,
    code: 'BAD_USER_INPUT',
    maxMs: 1_000,
  },
  {
    name: 'a NUL byte in a string argument (region code)',
    send: (t) =>
      t.graphql({ query: 'query($c: String!) { region(code: $c) { code } }', variables: { c: 'x\u0000' } }),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a NUL byte escaped in a string literal of the query text',
    send: (t) => t.graphql({ query: '{ region(code: "weihai\\u0000") { code } }' }),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a NUL byte in a mutation input, signed in',
    send: async (t) =>
      t.graphql(
        {
          query: CREATE_HOUSE,
          variables: { input: { villageId: await aVillageId(t), address: 'a\u0000', floorAreaM2: '10' } },
        },
        { authorization: `Bearer ${await t.token('ADMIN')}` },
      ),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: '`not` nested 3,000 times in where',
    send: (t) => villages(t, nest('not', 3_000, { name: { eq: 'x' } })),
    status: 200,
    code: 'BAD_USER_INPUT',
    maxMs: 1_000,
  },
  {
    name: '`not` nested 6 times in where: past WHERE_MAX_DEPTH',
    send: (t) => villages(t, nest('not', 6, { name: { eq: 'x' } })),
    status: 200,
    code: 'BAD_USER_INPUT',
    check: (_r, body) => {
      expect(JSON.stringify(body)).toContain('WHERE_MAX_DEPTH');
    },
  },
  {
    name: '`or` of 70,000 conditions in where, signed in (anonymous bodies stop at 256 KiB)',
    send: async (t) =>
      villages(
        t,
        { or: Array.from({ length: 70_000 }, (_, i) => ({ name: { eq: `x${i}` } })) },
        { authorization: `Bearer ${await t.token('PARTNER')}` },
      ),
    status: 200,
    code: 'BAD_USER_INPUT',
    maxMs: 4_000,
  },
  {
    name: '`parent` nested 2,000 times in a regions where',
    send: (t) =>
      t.graphql({
        query: 'query($w: RegionWhere) { regions(where: $w) { totalCount } }',
        variables: { w: nest('parent', 2_000, { code: { eq: 'x' } }) },
      }),
    status: 200,
    code: 'BAD_USER_INPUT',
    maxMs: 1_000,
  },
  {
    name: 'a relation filter 6 levels deep in a query literal',
    send: (t) =>
      t.graphql({
        query: `{ regions(where: ${'{ parent: '.repeat(6)}{ code: { eq: "x" } }${' }'.repeat(6)}) { totalCount } }`,
      }),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a 7 MB `contains` on ruralHouses, signed in (anonymous bodies stop at 256 KiB)',
    send: async (t) =>
      t.graphql(
        {
          query: 'query($s: String) { ruralHouses(where: { address: { contains: $s } }) { totalCount } }',
          variables: { s: 'ab'.repeat(3_500_000) },
        },
        { authorization: `Bearer ${await t.token('PARTNER')}` },
      ),
    status: 200,
    code: 'BAD_USER_INPUT',
    maxMs: 2_000,
    check: (_r, body) => {
      expect(JSON.stringify(body)).toContain('WHERE_MAX_STRING_LENGTH');
    },
  },
  {
    name: 'an `in` list of 10,000 names',
    send: (t) => villages(t, { name: { in: Array.from({ length: 10_000 }, (_, i) => `v${i}`) } }),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: '51 conditions spread over `and`',
    send: (t) => villages(t, { and: Array.from({ length: 51 }, (_, i) => ({ name: { ne: `v${i}` } })) }),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a forged cursor whose id is not a UUID',
    send: async (t) => {
      const values = await realCursor(t, 'villages');
      values[values.length - 1] = 'not-a-uuid';
      return t.graphql({ query: `{ villages(first: 2, after: "${cursorOf(values)}") { totalCount } }` });
    },
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a forged cursor with an object for a sort value',
    send: async (t) => {
      const values = await realCursor(t, 'villages');
      values[1] = { $gt: 1 };
      return t.graphql({ query: `{ villages(first: 2, after: "${cursorOf(values)}") { totalCount } }` });
    },
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a forged cursor with a text where a date is sorted',
    send: async (t) => {
      const values = await realCursor(t, 'talents', ', orderBy: [{ field: ARRIVED_ON }]');
      values[1] = 'not a date';
      return t.graphql({
        query: `{ talents(first: 2, orderBy: [{ field: ARRIVED_ON }], before: "${cursorOf(values)}") { totalCount } }`,
      });
    },
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a global id whose UUID is 36 dashes',
    send: (t) =>
      t.graphql({
        query:
          'query($id: ID!) { houses: ruralHouses(where: { village: { id: { eq: $id } } }) { totalCount } }',
        variables: { id: globalId(`Village:${'-'.repeat(36)}`) },
      }),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'the global id of a talent where a village is asked',
    send: async (t) => {
      const r = await t.graphql({ query: '{ talents(first: 1) { nodes { id } } }' });
      const id = ((await r.json()) as { data: { talents: { nodes: { id: string }[] } } }).data.talents
        .nodes[0]!.id;
      return t.graphql({
        query: 'query($id: ID!) { ruralHouses(where: { village: { id: { eq: $id } } }) { totalCount } }',
        variables: { id },
      });
    },
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a page size past 32 bits',
    send: (t) => t.graphql({ query: '{ villages(first: 1000000000000) { totalCount } }' }),
    status: 200,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'a negative page size',
    send: (t) => t.graphql({ query: '{ villages(first: -5) { totalCount } }' }),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a decimal filter of 400 digits and an Infinity',
    send: (t) =>
      t.graphql({
        query: `{ a: ruralHouses(where: { floorAreaM2: { gt: "${'9'.repeat(400)}" } }) { totalCount } b: ruralHouses(where: { floorAreaM2: { gt: "Infinity" } }) { totalCount } }`,
      }),
    status: 200,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'a `near` point at latitude 1e308',
    send: (t) => villages(t, { near: { lat: 1e308, lng: 0, radiusKm: 1 } }),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a date of the year 99 (0099-12-31) in a filter',
    send: (t) =>
      t.graphql({ query: '{ talents(where: { arrivedOn: { gte: "0099-12-31" } }) { totalCount } }' }),
    status: 200,
    code: 'GRAPHQL_VALIDATION_FAILED',
    check: (_r, body) => {
      expect(JSON.stringify(body)).toContain('1900');
    },
  },
  {
    name: 'month 13 in a date literal',
    send: (t) =>
      t.graphql({ query: '{ talents(where: { arrivedOn: { gte: "2024-13-01" } }) { totalCount } }' }),
    status: 200,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'a floor area of 1,000,000 m² (past numeric(8, 2))',
    send: async (t) =>
      t.graphql(
        {
          query: CREATE_HOUSE,
          variables: {
            input: { villageId: await aVillageId(t), address: 'hostile big house', floorAreaM2: '1000000' },
          },
        },
        { authorization: `Bearer ${await t.token('ADMIN')}` },
      ),
    status: 200,
    code: 'INVALID',
    check: async (_r, body, t) => {
      expect(JSON.stringify(body)).toContain('less than 1,000,000');
      expect(await t.sql("select 1 from rural_house where address = 'hostile big house'")).toEqual([]);
    },
  },
  {
    name: 'a renovation date of 0099-12-31 on a house',
    send: async (t) =>
      t.graphql(
        {
          query: CREATE_HOUSE,
          variables: {
            input: {
              villageId: await aVillageId(t),
              address: 'hostile old house',
              floorAreaM2: '10',
              renovatedOn: '0099-12-31',
            },
          },
        },
        { authorization: `Bearer ${await t.token('ADMIN')}` },
      ),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a 1,000-character region code',
    send: (t) =>
      t.graphql({
        query: 'query($c: String!) { region(code: $c) { code } }',
        variables: { c: 'a'.repeat(1_000) },
      }),
    status: 200,
    check: (_r, body) => {
      expect((body as { data: unknown }).data).toEqual({ region: null });
    },
  },
  {
    name: 'an export of /export/__proto__.csv',
    send: async (t) =>
      fetch(`${t.base}/export/__proto__.csv`, {
        headers: { authorization: `Bearer ${await t.token('ADMIN')}` },
      }),
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: 'an export of /export/constructor.xlsx, anonymous',
    send: (t) => fetch(`${t.base}/export/constructor.xlsx`),
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: 'an export whose where holds a 1,000-character text',
    send: async (t) =>
      fetch(
        `${t.base}/export/villages.csv?where=${encodeURIComponent(JSON.stringify({ name: { contains: 'x'.repeat(1_000) } }))}`,
        { headers: { authorization: `Bearer ${await t.token('ADMIN')}` } },
      ),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'an export whose where nests `not` 500 times',
    send: async (t) =>
      fetch(
        `${t.base}/export/villages.csv?where=${encodeURIComponent(JSON.stringify(nest('not', 500, {})))}`,
        {
          headers: { authorization: `Bearer ${await t.token('ADMIN')}` },
        },
      ),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'an export whose where holds a decimal that is not one',
    send: async (t) =>
      fetch(`${t.base}/export/ruralHouses.csv?where=${encodeURIComponent('{"floorAreaM2":{"gt":"abc"}}')}`, {
        headers: { authorization: `Bearer ${await t.token('ADMIN')}` },
      }),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'an export whose where holds an impossible date and a NUL',
    send: async (t) =>
      fetch(
        `${t.base}/export/talents.csv?where=${encodeURIComponent(JSON.stringify({ arrivedOn: { gt: '2024-13-45' }, displayName: { eq: 'a\u0000' } }))}`,
        { headers: { authorization: `Bearer ${await t.token('ADMIN')}` } },
      ),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a village given 10,000 photos',
    send: async (t) => {
      const r = await t.graphql({ query: '{ villages(first: 1) { nodes { id version } } }' });
      const village = (
        (await r.json()) as { data: { villages: { nodes: { id: string; version: number }[] } } }
      ).data.villages.nodes[0]!;
      return t.graphql(
        {
          query: `mutation($input: UpdateVillageInput!) { updateVillage(input: $input) { village { id } userErrors { field code message } } }`,
          variables: {
            input: {
              ...village,
              photos: Array.from({ length: 10_000 }, (_, i) => `https://photos.example/${i}.jpg`),
            },
          },
        },
        { authorization: `Bearer ${await t.token('ADMIN')}` },
      );
    },
    status: 200,
    code: 'INVALID',
    check: (_r, body) => {
      expect(JSON.stringify(body)).toContain('At most 50 photos');
    },
  },
  {
    name: 'a village with 70,000 theme codes',
    send: async (t) => {
      const r = await t.graphql({
        query: '{ regions(first: 1, where: { kind: { eq: TOWN } }) { nodes { id } } }',
      });
      const town = ((await r.json()) as { data: { regions: { nodes: { id: string }[] } } }).data.regions
        .nodes[0]!;
      return t.graphql(
        {
          query: `mutation($input: CreateVillageInput!) { createVillage(input: $input) { village { id } userErrors { field code message } } }`,
          variables: {
            input: {
              townId: town.id,
              nameZh: '主题过多村',
              nameEn: 'Too many themes',
              themeCodes: Array.from({ length: 70_000 }, () => 'tea'),
            },
          },
        },
        { authorization: `Bearer ${await t.token('ADMIN')}` },
      );
    },
    status: 200,
    code: 'INVALID',
    check: async (_r, body, t) => {
      expect(
        (body as { data: { createVillage: { userErrors: unknown[] } } }).data.createVillage.userErrors,
      ).toHaveLength(1);
      expect(await t.sql("select 1 from village where name_zh = '主题过多村'")).toEqual([]);
    },
  },
  {
    name: 'a union given the same facility 70,000 times',
    send: async (t) => {
      const token = await t.token('ADMIN');
      const r = await t.graphql(
        { query: '{ unionOrganizations(first: 1) { nodes { id version } } }' },
        { authorization: `Bearer ${token}` },
      );
      const union = ((await r.json()) as { data: { unionOrganizations: { nodes: object[] } } }).data
        .unionOrganizations.nodes[0]!;
      return t.graphql(
        {
          query: `mutation($input: UpdateUnionOrganizationInput!) { updateUnionOrganization(input: $input) { userErrors { field code message } } }`,
          variables: {
            input: { ...union, facilities: Array.from({ length: 70_000 }, () => 'WORKERS_LIBRARY') },
          },
        },
        { authorization: `Bearer ${token}` },
      );
    },
    status: 200,
    code: 'INVALID',
    check: async (_r, _body, t) => {
      expect(await t.sql('select 1 from union_organization where cardinality(facilities) > 3')).toEqual([]);
    },
  },
];
