// PostGraphile v5 over the benchmark's database: the yardstick of `npm run bench -- --postgraphile`.
// `node server.mjs <database url>` prints `ready at <url>`. Amber preset (the v5 default), with the
// connection-filter and aggregates plugins so that the benchmark's three operations can be asked in
// its own schema; filtering on unindexed columns allowed; GraphiQL and explain off.
import { createServer } from 'node:http';

// PostGraphile 5.1 targets Node 22; on Node 20 its executor finds no Promise.withResolvers and every
// field fails. This is the standard definition.
if (!Promise.withResolvers) {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((a, b) => {
      resolve = a;
      reject = b;
    });
    return { promise, resolve, reject };
  };
}

const { postgraphile } = await import('postgraphile');
const { PostGraphileAmberPreset } = await import('postgraphile/presets/amber');
const { makePgService } = await import('postgraphile/adaptors/pg');
const { grafserv } = await import('postgraphile/grafserv/node');
const { PgAggregatesPreset } = await import('@graphile/pg-aggregates');
const { PostGraphileConnectionFilterPreset } = await import('postgraphile-plugin-connection-filter');

const pgl = postgraphile({
  extends: [PostGraphileAmberPreset, PgAggregatesPreset, PostGraphileConnectionFilterPreset],
  // The same pool size as the API's and the limit's.
  pgServices: [
    makePgService({ connectionString: process.argv[2], schemas: ['public'], poolConfig: { max: 10 } }),
  ],
  // Without it only indexed columns can be filtered on, and the dashboard filters on others.
  disablePlugins: ['PgIndexBehaviorsPlugin'],
  grafserv: { graphiql: false, watch: false },
  grafast: { explain: false },
});
const server = createServer();
pgl.createServ(grafserv).addTo(server);
server.listen(0, '127.0.0.1', () =>
  console.log(`ready at http://127.0.0.1:${server.address().port}/graphql`),
);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    server.close();
    void pgl.release().then(() => process.exit(0));
  });
}
