import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';
import { Q1, Q2, Q3 } from './limit-sql.js';

/**
 * The benchmark's yardstick: node:http and pg, no GraphQL. POST /q1, /q2 or /q3 with the same JSON
 * body a GraphQL client sends (`{ "variables": … }`); the answer is the JSON text one named prepared
 * statement builds in PostgreSQL. Run as a child of the benchmark: `tsx limit-server.ts <url>`;
 * prints `ready at <url>`.
 */
const pool = new pg.Pool({ connectionString: process.argv[2], max: 10 });

/** The API's cursor signature of the village list in its default order (name, then id). */
const villageSignature = createHash('sha1')
  .update('Village|t.name_zh:ASC,t.id:ASC')
  .digest('base64url')
  .slice(0, 8);

const uuidOf = (id: string) => Buffer.from(id, 'base64url').toString('utf8').split(':')[1];

type Variables = Record<string, unknown>;
const operations: Record<string, { name: string; text: string; values: (v: Variables) => unknown[] }> = {
  '/q1': {
    name: 'limit_q1',
    text: Q1,
    values: (v) => [v.town, v.theme, v.first ?? 20, v.locale ?? 'EN', villageSignature],
  },
  '/q2': { name: 'limit_q2', text: Q2, values: (v) => [uuidOf(String(v.id)), v.locale ?? 'ZH'] },
  '/q3': { name: 'limit_q3', text: Q3, values: (v) => [v.town] },
};

const server = createServer((req, res) => {
  const op = operations[req.url ?? ''];
  if (!op || req.method !== 'POST') {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', async () => {
    try {
      const { variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { variables: Variables };
      const result = await pool.query<{ body: string }>({
        name: op.name,
        text: op.text,
        values: op.values(variables ?? {}),
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end(result.rows[0]!.body);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    }
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (typeof address === 'object' && address) console.log(`ready at http://127.0.0.1:${address.port}`);
});
process.on('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
