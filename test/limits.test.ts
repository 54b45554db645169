import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getIntrospectionQuery, Kind, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { limitPreparedStatements } from '../src/data/query.js';
import {
  AllowList,
  buildManifest,
  MANIFEST_FILE,
  manifestText,
  type OperationsManifest,
} from '../src/graphql/allow-list.js';
import { createContext } from '../src/graphql/context.js';
import { checkDocumentSize, costWith, plan } from '../src/graphql/cost.js';
import { getSchema } from '../src/graphql/schema.js';
import { createApollo } from '../src/server.js';
import { ok, testAuth, tokenFor, useApi } from './helpers.js';

/**
 * Bounded work per request, through the schema on real PostgreSQL: the static cost (and fields and
 * aliases) refused before execution, introspection and suggestions in production, the allow list,
 * stopping a request's reads, and the prepared statements a connection keeps.
 */
const api = useApi();
const NO_LIMITS = { maxCost: 1e12, maxAliases: 1e6, maxFields: 1e6 };
const DEFAULTS = { maxCost: 50_000, maxAliases: 100, maxFields: 2_000 };

const contractDir = new URL('../../shared/contract/', import.meta.url);
const contract = (() => {
  try {
    return readdirSync(contractDir)
      .filter((f) => f.endsWith('.graphql'))
      .map((f) => ({ file: f, text: readFileSync(new URL(f, contractDir), 'utf8') }));
  } catch {
    return [];
  }
})();

async function costOf(text: string, variables: Record<string, unknown> = {}, limits = NO_LIMITS) {
  const document = parse(text);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION)!;
  const planned = plan(await getSchema(), document, operation as never, limits);
  return { cost: costWith(planned, variables), fields: planned.fields, aliases: planned.aliases };
}

const stats = '{ stats { talents { total resident } houses { total } } }';
const aliases = (n: number, field: string) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

describe('static cost', () => {
  it('counts each list page times what it selects, 20 when no page is given', async () => {
    expect((await costOf('{ villages { nodes { id name } } }')).cost).toBe(10 + 20 * 1);
    expect((await costOf('{ villages(first: 5) { nodes { id } } }')).cost).toBe(10 + 5 * 1);
    expect((await costOf('{ villages(last: 50) { nodes { id } } }')).cost).toBe(10 + 50 * 1);
    // Nested: 20 villages × (their node + 10 houses × (node + tenant)).
    expect(
      (await costOf('{ villages { nodes { houses(first: 10) { nodes { address currentLease { id } } } } } }'))
        .cost,
    ).toBe(10 + 20 * (1 + 1 + 10 * (1 + 1)));
  });

  it('reads page sizes from variables and their defaults', async () => {
    const text = 'query($n: Int = 7) { villages(first: $n) { nodes { id } } }';
    expect((await costOf(text)).cost).toBe(10 + 7);
    expect((await costOf(text, { n: 100 })).cost).toBe(10 + 100);
    expect(
      (await costOf('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ['a', 'b', 'c'] })).cost,
    ).toBe(10);
  });

  it('weighs fields that cost SQL of their own: root fields, stats, network by depth', async () => {
    expect((await costOf(`{ region(code: "weihai") ${stats} }`)).cost).toBe(10 + 500 + 2);
    expect((await costOf('{ network(from: "x", depth: 3, first: 10) { nodes { id } } }')).cost).toBe(
      3000 + 10,
    );
    expect((await costOf(aliases(50, 'network(from: "x", depth: 3) { nodes { id } }'))).cost).toBeGreaterThan(
      DEFAULTS.maxCost,
    );
    expect((await costOf(aliases(1000, `region(code: "weihai") ${stats}`))).cost).toBeGreaterThan(
      DEFAULTS.maxCost,
    );
  });

  it.skipIf(contract.length === 0)(
    'lets every contract operation run at its largest page within the default limit',
    async () => {
      for (const { file, text } of contract) {
        const { cost } = await costOf(text, { first: 100 });
        expect(cost, file).toBeLessThan(DEFAULTS.maxCost);
      }
    },
  );

  it('refuses a fragment that expands past the field limit without expanding it all', async () => {
    // Each fragment spreads the one below twice: 2^12 copies of `id`.
    const levels = Array.from(
      { length: 12 },
      (_, i) =>
        `fragment F${i} on Village { id ${i < 11 ? `...F${i + 1} a${i}: houses(first: 1) { nodes { village { ...F${i + 1} } } }` : ''} }`,
    ).join('\n');
    const started = performance.now();
    await expect(
      costOf(`{ villages(first: 1) { nodes { ...F0 } } }\n${levels}`, {}, DEFAULTS),
    ).rejects.toThrow(/more than 2000 fields|more than 100 aliased/);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('document size before validation', () => {
  const check = (text: string) => () => checkDocumentSize(parse(text), DEFAULTS);
  const spreads = (n: number) => Array.from({ length: n }, (_, i) => `...F${i}`).join(' ');
  const fragments = (n: number, body: string) =>
    Array.from({ length: n }, (_, i) => `fragment F${i} on VillageConnection { ${body} }`).join('\n');

  it('lets a response name repeat 50 times in one selection set, fragments and inline fragments included', () => {
    expect(check(`{ villages { ${'totalCount '.repeat(50)} } }`)).not.toThrow();
    expect(check(`{ villages { ${'totalCount '.repeat(51)} } }`)).toThrow(
      /selects "totalCount" 51 times in one selection set \(fragments expanded\); the most is 50/,
    );
    expect(check(`{ villages { ${spreads(51)} } }\n${fragments(51, 'totalCount')}`)).toThrow(/51 times/);
    expect(check(`{ villages { ${'... on VillageConnection { totalCount } '.repeat(51)} } }`)).toThrow(
      /51 times/,
    );
    // Aliases count by the name they answer under; the same field under other names is not a repeat.
    expect(check(`{ villages { ${'n: totalCount '.repeat(51)} } }`)).toThrow(/"n" 51 times/);
    expect(check(`{ villages { ${'n: totalCount totalCount '.repeat(50)} } }`)).not.toThrow();
    // Repeats in sets that are not the same set do not add up.
    expect(check(`{ ${'villages { totalCount } '.repeat(50)} }`)).not.toThrow();
  });

  it('counts repeats in fragments no operation uses (validation compares them too)', () => {
    expect(
      check(
        `{ villages { totalCount } }\nfragment Unused on VillageConnection { ${'totalCount '.repeat(51)} }`,
      ),
    ).toThrow(/51 times/);
  });

  it('refuses fields and aliases past their limits as plan does, measuring each fragment once', () => {
    expect(check(aliases(101, 'themes(first: 1) { totalCount }'))).toThrow(/more than 100 aliased fields/);
    expect(
      check(
        `{ themes { nodes { ${Array.from({ length: 2001 }, (_, i) => `f${i % 40}: code`).join(' ')} } } }`,
      ),
    ).toThrow(/"f0" 51 times|more than 100 aliased/);
    // 2^40 copies of a field once expanded: measured in linear time.
    const levels = Array.from({ length: 40 }, (_, i) =>
      i < 39
        ? `fragment F${i} on Village { a${i}: houses(first: 1) { nodes { village { ...F${i + 1} } } } b${i}: houses(first: 1) { nodes { village { ...F${i + 1} } } } }`
        : `fragment F${i} on Village { id }`,
    ).join('\n');
    const started = performance.now();
    expect(check(`{ villages(first: 1) { nodes { ...F0 } } }\n${levels}`)).toThrow(
      /more than 2000 fields|aliased/,
    );
    expect(performance.now() - started).toBeLessThan(100);
    // A fragment that spreads itself counts nothing more (validation refuses the cycle).
    expect(check('{ villages { ...A } }\nfragment A on VillageConnection { totalCount ...A }')).not.toThrow();
  });

  it("accepts the introspection query, the project's operations and the contract's", () => {
    expect(check(getIntrospectionQuery())).not.toThrow();
    for (const file of readdirSync(new URL('../operations/', import.meta.url)).filter((f) =>
      f.endsWith('.graphql'),
    ))
      expect(
        check(readFileSync(new URL(`../operations/${file}`, import.meta.url), 'utf8')),
        file,
      ).not.toThrow();
    for (const { file, text } of contract) expect(check(text), file).not.toThrow();
  });
});

describe('limits before execution', () => {
  it('refuses an operation over the cost limit with COST_LIMIT_EXCEEDED, before any SQL', async () => {
    const result = await api.run(aliases(99, `region(code: "weihai") ${stats}`));
    expect(result.errors?.[0]?.extensions?.code).toBe('COST_LIMIT_EXCEEDED');
    expect(result.errors?.[0]?.message).toMatch(/would cost \d+ points; the maximum is 50000/);
    expect(result.statements).toBe(0);
  });

  it('refuses 1,000 aliases while parsing, 101 aliases and network × 50 aliases before any SQL', async () => {
    const huge = await api.run(aliases(1000, `region(code: "weihai") ${stats}`));
    expect(huge.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(huge.errors?.[0]?.message).toMatch(/more tha[nt] 10000 tokens/);
    const many = await api.run(aliases(101, 'themes(first: 1) { totalCount }'));
    expect(many.errors?.[0]?.extensions?.code).toBe('COST_LIMIT_EXCEEDED');
    expect(many.errors?.[0]?.message).toMatch(/more than 100 aliased fields/);
    expect(many.statements).toBe(0);
    const network = await api.run(aliases(50, 'network(from: "VGFsZW50OjE", depth: 3) { nodes { id } }'));
    expect(network.errors?.[0]?.extensions?.code).toBe('COST_LIMIT_EXCEEDED');
    expect(network.statements).toBe(0);
  });

  it('refuses 800 copies of one field before graphql-js validates them, with COST_LIMIT_EXCEEDED', async () => {
    const result = await api.run(`{ villages { ${'totalCount '.repeat(800)} } }`);
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.extensions?.code).toBe('COST_LIMIT_EXCEEDED');
    expect(result.errors?.[0]?.extensions).toMatchObject({ maxRepeatedFields: 50, field: 'totalCount' });
    expect(result.statements).toBe(0);
  });

  it('answers graphql-js\'s own "Validation aborted." with COST_LIMIT_EXCEEDED (limits set past it)', async () => {
    const lax = await createApollo({
      maxQueryDepth: 12,
      log: () => {},
      guards: { limits: { ...NO_LIMITS, maxRepeatedFields: 1e6 } },
    });
    try {
      const response = await lax.executeOperation(
        { query: `{ villages { ${'totalCount '.repeat(800)} } }` },
        { contextValue: createContext(api.orm.em, testAuth) },
      );
      const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
      expect(errors).toHaveLength(1);
      expect(errors?.[0]?.extensions?.code).toBe('COST_LIMIT_EXCEEDED');
      expect(errors?.[0]?.message).toMatch(/too large to validate/);
    } finally {
      await lax.stop();
    }
  });

  it('reports the cost of every answer in extensions.cost', async () => {
    const ctx = createContext(api.orm.em, testAuth);
    const response = await api.apollo.executeOperation(
      { query: '{ villages(first: 3) { nodes { id } } }' },
      { contextValue: ctx },
    );
    if (response.body.kind !== 'single') throw new Error('single result expected');
    expect(response.body.singleResult.errors).toBeUndefined();
    expect(response.body.singleResult.extensions?.cost).toEqual({ requested: 13, actual: 4, limit: 50_000 });
    // A list that returns fewer than its page: `actual` counts what came back (12 themes).
    const themes = await api.apollo.executeOperation(
      { query: '{ themes(first: 100) { nodes { code } } }' },
      { contextValue: createContext(api.orm.em, testAuth) },
    );
    if (themes.body.kind !== 'single') throw new Error('single result expected');
    expect(themes.body.singleResult.extensions?.cost).toEqual({ requested: 110, actual: 13, limit: 50_000 });
  });
});

describe('production: no introspection, no suggestions', () => {
  let production: Awaited<ReturnType<typeof createApollo>>;
  beforeAll(async () => {
    production = await createApollo({ maxQueryDepth: 12, log: () => {}, introspection: false });
  });
  afterAll(() => production?.stop());
  const run = async (query: string) => {
    const response = await production.executeOperation(
      { query },
      { contextValue: createContext(api.orm.em, testAuth) },
    );
    if (response.body.kind !== 'single') throw new Error('single result expected');
    return response.body.singleResult;
  };

  it('refuses introspection', async () => {
    const result = await run('{ __schema { types { name } } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.data).toBeUndefined();
  });

  it('names the unknown field without guessing the real one', async () => {
    const result = await run('{ vilages { nodes { id } } }');
    expect(result.errors?.[0]?.message).toBe('Cannot query field "vilages" on type "Query".');
    // In development the suggestion stays.
    const dev = await api.apollo.executeOperation(
      { query: '{ vilages { nodes { id } } }' },
      { contextValue: createContext(api.orm.em, testAuth) },
    );
    if (dev.body.kind !== 'single') throw new Error('single result expected');
    expect(dev.body.singleResult.errors?.[0]?.message).toMatch(/Did you mean "villages"/);
  });
});

describe('allow list (ALLOW_LIST=1)', () => {
  let dir: string;
  let listed: Awaited<ReturnType<typeof createApollo>>;
  let manifest: OperationsManifest;
  const OWN = `# our own operation
query Themes($first: Int) { themes(first: $first) { nodes { code ...Named } } }`;
  // A fragment may live in a file of its own.
  const NAMED = 'fragment Named on Theme { name(locale: EN) }';
  const OTHER = 'query Themes($first: Int) { themes(first: $first) { nodes { code } } }';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'allow-list-'));
    await writeFile(join(dir, 'Themes.graphql'), OWN);
    await writeFile(join(dir, 'Named.graphql'), NAMED);
    manifest = await buildManifest(dir, await getSchema());
    await writeFile(join(dir, MANIFEST_FILE), manifestText(manifest));
    listed = await createApollo({
      maxQueryDepth: 12,
      log: () => {},
      guards: { limits: DEFAULTS, allowList: await AllowList.load(dir, await getSchema()) },
    });
  });
  afterAll(async () => {
    await listed?.stop();
    await rm(dir, { recursive: true, force: true });
  });
  const run = async (query: string | undefined, token?: string, extensions?: Record<string, unknown>) => {
    const { authenticate } = await import('../src/modules/user/auth.js');
    const viewer = await authenticate(api.orm.em, testAuth, token ? `Bearer ${token}` : undefined);
    const response = await listed.executeOperation(
      { query, variables: { first: 2 }, extensions },
      { contextValue: createContext(api.orm.em, testAuth, { viewer }) },
    );
    if (response.body.kind !== 'single') throw new Error('single result expected');
    return response.body.singleResult;
  };
  const persisted = (sha256Hash: string) => ({ persistedQuery: { version: 1, sha256Hash } });

  it("registers each operation as Apollo does: its normalised body and that body's SHA-256", () => {
    expect(manifest.format).toBe('apollo-persisted-query-manifest');
    expect(manifest.version).toBe(1);
    const body = `query Themes($first: Int) {
  themes(first: $first) {
    nodes {
      code
      ...Named
    }
  }
}

fragment Named on Theme {
  name(locale: EN)
}`;
    expect(manifest.operations).toEqual([
      { id: createHash('sha256').update(body).digest('hex'), name: 'Themes', type: 'query', body },
    ]);
  });

  it("runs the project's own operations for anonymous callers, however they are formatted", async () => {
    const reformatted =
      'fragment Named on Theme{name(locale:EN)}\nquery Themes($first:Int){themes(first:$first){nodes{code ...Named}}}';
    for (const text of [`${OWN}\n${NAMED}`, reformatted]) {
      const result = await run(text);
      expect(result.errors).toBeUndefined();
      expect((result.data as any).themes.nodes).toHaveLength(2);
    }
  });

  it('runs them with `__typename` added anywhere (as Apollo Client and urql send them), and nothing else added', async () => {
    const typed =
      'query Themes($first: Int) { __typename themes(first: $first) { __typename nodes { __typename code ...Named } } }\nfragment Named on Theme { __typename name(locale: EN) }';
    const result = await run(typed);
    expect(result.errors).toBeUndefined();
    expect((result.data as any).themes.nodes[0].__typename).toBe('Theme');
    // Another field beside them is another operation.
    const more = await run(typed.replace('nodes { __typename code', 'nodes { __typename code position'));
    expect(more.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('runs them for anonymous callers by the manifest id alone', async () => {
    const result = await run(undefined, undefined, persisted(manifest.operations[0]!.id));
    expect(result.errors).toBeUndefined();
    expect((result.data as any).themes.nodes).toHaveLength(2);
  });

  it('refuses any other operation of an anonymous caller with FORBIDDEN, and lets a signed-in caller run it', async () => {
    const other = await run(OTHER);
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(other.errors?.[0]?.message).toMatch(/registered operations/);
    const token = await tokenFor(api, 'allow-list-partner', 'PARTNER' as never);
    const signedIn = await run(OTHER, token);
    expect(signedIn.errors).toBeUndefined();
  });

  it('refuses an unknown id: not found, then its text FORBIDDEN; one a signed-in caller registered stays FORBIDDEN', async () => {
    const sha = createHash('sha256').update(OTHER).digest('hex');
    const unknown = await run(undefined, undefined, persisted(sha));
    expect(unknown.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await run(OTHER, undefined, persisted(sha))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // A signed-in caller may run it and so register it as an automatic persisted query…
    const token = await tokenFor(api, 'allow-list-partner', 'PARTNER' as never);
    expect((await run(OTHER, token, persisted(sha))).errors).toBeUndefined();
    // …which an anonymous caller still may not run by its hash.
    const byHash = await run(undefined, undefined, persisted(sha));
    expect(byHash.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(byHash.data).toBeUndefined();
  });

  it('refuses to start without operations to allow', async () => {
    await expect(AllowList.load(join(dir, 'missing'), await getSchema())).rejects.toThrow(
      /needs the project's operations registered in .*manifest\.json.*npm run operations/,
    );
  });

  it('refuses to start on a manifest that is stale against the schema, edited, or not one', async () => {
    const schema = await getSchema();
    const load = async (text: string) => {
      const bad = await mkdtemp(join(tmpdir(), 'allow-list-bad-'));
      try {
        await writeFile(join(bad, MANIFEST_FILE), text);
        return await AllowList.load(bad, schema);
      } finally {
        await rm(bad, { recursive: true, force: true });
      }
    };
    const body = 'query Gone {\n  themes {\n    removedField\n  }\n}';
    const stale = {
      ...manifest,
      operations: [
        { id: createHash('sha256').update(body).digest('hex'), name: 'Gone', type: 'query', body },
      ],
    };
    await expect(load(JSON.stringify(stale))).rejects.toThrow(
      /stale against the schema.*npm run operations[\s\S]*Gone: Cannot query field "removedField"/,
    );
    const edited = { ...manifest, operations: [{ ...manifest.operations[0]!, body: OTHER }] };
    await expect(load(JSON.stringify(edited))).rejects.toThrow(
      /Themes: its id is not the SHA-256 of its body/,
    );
    await expect(load('{ not json')).rejects.toThrow(/is not JSON/);
    await expect(load(JSON.stringify({ ...manifest, format: 'other' }))).rejects.toThrow(
      /not an apollo-persisted-query-manifest/,
    );
    await expect(load(JSON.stringify({ ...manifest, operations: [] }))).rejects.toThrow(
      /not an apollo-persisted-query-manifest/,
    );
  });

  it('registers only named, unique operations that are valid against the schema', async () => {
    const schema = await getSchema();
    const bad = await mkdtemp(join(tmpdir(), 'allow-list-ops-'));
    try {
      await writeFile(
        join(bad, 'A.graphql'),
        '{ themes { totalCount } }\nquery Twice { themes { totalCount } }',
      );
      await writeFile(join(bad, 'B.graphql'), 'query Twice { themes { totalCount } }\nquery Wrong { nope }');
      await writeFile(join(bad, 'C.graphql'), 'query Broken {');
      const error = await buildManifest(bad, schema).catch((e: Error) => e);
      expect((error as Error).message.split('\n').slice(1).sort()).toEqual([
        'A.graphql: an operation without a name (the manifest knows operations by name)',
        'B.graphql: Wrong: Cannot query field "nope" on type "Query". Did you mean "node" or "nodes"?',
        'B.graphql: operation Twice is defined in A.graphql too',
        'C.graphql: Syntax Error: Expected Name, found <EOF>.',
      ]);
      await expect(buildManifest(join(bad, 'missing'), schema)).rejects.toThrow(/no \*\.graphql operations/);
    } finally {
      await rm(bad, { recursive: true, force: true });
    }
  });
});

describe("a stopped request's reads", () => {
  const NETWORK = 'query($from: ID!) { network(from: $from, depth: 3, first: 500) { nodes { id } } }';
  let founder: string;
  beforeAll(async () => {
    founder = ok(await api.run('{ talents(where: { displayName: { eq: "李久太" } }) { nodes { id } } }'))
      .talents.nodes[0].id;
  });

  it('issue no statement once the signal has fired (timeout or client gone)', async () => {
    const controller = new AbortController();
    controller.abort(
      new (await import('../src/graphql/errors.js')).AppError('REQUEST_TIMEOUT' as never, 'stopped'),
    );
    const ctx = createContext(api.orm.em, testAuth, { signal: controller.signal });
    const response = await api.apollo.executeOperation(
      { query: NETWORK, variables: { from: founder } },
      { contextValue: ctx },
    );
    if (response.body.kind !== 'single') throw new Error('single result expected');
    expect(response.body.singleResult.errors?.[0]?.extensions?.code).toBe('REQUEST_TIMEOUT');
    expect(ctx.stats.statements).toBe(0);
  });

  it('stop issuing statements when the signal fires half-way', async () => {
    const full = createContext(api.orm.em, testAuth);
    await api.apollo.executeOperation(
      { query: NETWORK, variables: { from: founder } },
      { contextValue: full },
    );
    expect(full.stats.statements).toBeGreaterThan(5);
    const controller = new AbortController();
    const ctx = createContext(api.orm.em, testAuth, { signal: controller.signal });
    const running = api.apollo.executeOperation(
      { query: NETWORK, variables: { from: founder } },
      { contextValue: ctx },
    );
    while (ctx.stats.statements < 2) await new Promise((r) => setImmediate(r));
    controller.abort(new Error('client gone'));
    await running;
    expect(ctx.stats.statements).toBeLessThan(full.stats.statements);
  });
});

describe('prepared statements per connection', () => {
  afterAll(() => limitPreparedStatements(500));

  it('stay bounded over 2,000 distinct near points; a near filter and a distance order have one statement text', async () => {
    limitPreparedStatements(40);
    const NEAR = `query($lat: Float!, $lng: Float!) {
      villages(first: 3, where: { near: { lat: $lat, lng: $lng, radiusKm: 50 } }, orderBy: [{ field: DISTANCE }]) { nodes { id } }
      ruralHouses(first: 3, where: { near: { lat: $lat, lng: $lng, radiusKm: 5 } }) { nodes { id } }
    }`;
    for (let i = 0; i < 2000; i += 20) {
      await Promise.all(
        Array.from({ length: 20 }, (_, j) =>
          api.run(NEAR, { lat: 37 + (i + j) / 10_000, lng: 122 + (i + j) / 10_000 }).then(ok),
        ),
      );
    }
    // Every connection of the pool at once, each asked what it holds.
    const pool = (api.orm.em.getKnex() as any).client;
    const connections = await Promise.all(Array.from({ length: 10 }, () => pool.acquireConnection()));
    try {
      for (const connection of connections) {
        const { rows } = await connection.query(
          "select count(*)::int as n, count(*) filter (where statement like '%rural_house%')::int as houses, count(*) filter (where statement like '%from village%')::int as villages from pg_prepared_statements",
        );
        expect(rows[0].n).toBeLessThanOrEqual(40);
        // The near filter and the distance order bind their point: a handful of texts, not one per point.
        expect(rows[0].houses).toBeLessThanOrEqual(3);
        expect(rows[0].villages).toBeLessThanOrEqual(3);
      }
    } finally {
      for (const connection of connections) await pool.releaseConnection(connection);
    }
  });
});

describe('configuration of the limits', () => {
  it('has documented defaults, introspection off in production unless INTROSPECTION=1', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      maxQueryCost: 50_000,
      maxAliases: 100,
      maxFields: 2_000,
      maxRepeatedFields: 50,
      maxTokens: 10_000,
      requestTimeoutMs: 10_000,
      rateLimitPoints: 1_000_000,
      rateLimitWindowSeconds: 60,
      loginMaxFailures: 5,
      loginMaxFailuresPerIp: 50,
      loginWindowSeconds: 900,
      loginLockoutSeconds: 60,
      introspection: true,
      allowList: false,
      maxPreparedStatements: 500,
      idempotencyTtlHours: 24,
    });
    expect(config.operationsDir).toMatch(/\/operations$/);
    expect(loadConfig({ NODE_ENV: 'production' }).introspection).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', INTROSPECTION: '1' }).introspection).toBe(true);
    expect(() => loadConfig({ MAX_QUERY_COST: 'lots' })).toThrow(ConfigError);
    expect(() => loadConfig({ RATE_LIMIT_WINDOW_SECONDS: '0' })).toThrow(/between 1 and/);
    expect(loadConfig({ IDEMPOTENCY_TTL_HOURS: '48' }).idempotencyTtlHours).toBe(48);
    expect(() => loadConfig({ IDEMPOTENCY_TTL_HOURS: '0' })).toThrow(
      /IDEMPOTENCY_TTL_HOURS must be an integer between 1 and 720/,
    );
  });
});
