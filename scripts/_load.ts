import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const q = readFileSync('/work/shared/contract/ShowcaseVillages.graphql', 'utf8');
const body = JSON.stringify({
  query: q,
  variables: { town: 'town-1', theme: 'tea', locale: 'EN', first: 20 },
});
const r = await autocannon({
  url: process.argv[2],
  connections: 16,
  duration: Number(process.argv[3] ?? 8),
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body,
});
console.log(r.requests.average, r.latency.p50, r.latency.p99, r.errors, r.non2xx);
