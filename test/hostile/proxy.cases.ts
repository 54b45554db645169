import type { HostileCase, HostileTarget } from './corpus.js';

/**
 * Forged forwarding headers. The runner's API trusts no proxy (TRUST_PROXY unset, the default): a
 * caller that writes X-Forwarded-For (or Forwarded, X-Real-IP…) is still charged on its socket's
 * address, so rotating them does not buy a fresh rate-limit budget. The trusted-proxy cases (whose
 * right-most untrusted hop is believed) are in test/guards-http.test.ts.
 */
let run = 0;
/** A cheap read no earlier request made (the response cache would answer a repeated one, uncharged). */
const fresh = () => ({ query: `{ r${++run}x${Date.now()}: themes(first: 1) { nodes { code } } }` });
const remaining = (response: Response) => Number(response.headers.get('ratelimit-remaining'));

/** Sends a fresh read with `spoofed`'s headers after one without: both must be charged to one budget. */
function sameBudget(name: string, spoofed: () => Record<string, string>, maxMs?: number): HostileCase {
  let before = Number.NaN;
  return {
    name,
    async send(t: HostileTarget) {
      before = remaining(await t.graphql(fresh()));
      return t.graphql(fresh(), spoofed());
    },
    status: 200,
    maxMs,
    check(response) {
      const after = remaining(response);
      if (!(after < before))
        throw new Error(`the forged header bought a budget of its own: ${before} remaining, then ${after}`);
    },
  };
}

const addresses = (n: number) => Array.from({ length: n }, (_, i) => `10.${(i >> 8) & 255}.${i & 255}.7`);

export const cases: HostileCase[] = [
  sameBudget('a forged X-Forwarded-For (no trusted proxy: the socket is the caller)', () => ({
    'x-forwarded-for': `203.0.113.${run % 250}`,
  })),
  sameBudget('a forged chain of X-Forwarded-For addresses', () => ({
    'x-forwarded-for': '198.51.100.1, 203.0.113.9, 127.0.0.1',
  })),
  sameBudget('Forwarded, X-Real-IP, True-Client-IP and CF-Connecting-IP (never read)', () => ({
    forwarded: 'for=198.51.100.77;proto=https',
    'x-real-ip': '198.51.100.78',
    'true-client-ip': '198.51.100.79',
    'cf-connecting-ip': '198.51.100.80',
  })),
  sameBudget('X-Forwarded-For that is no address at all', () => ({
    'x-forwarded-for': 'unknown, , ::ffff:not-an-ip, 1.2.3.4:80, [::1]',
  })),
  sameBudget(
    'an X-Forwarded-For of 1,000 addresses (14 KB, under the header limit)',
    () => ({ 'x-forwarded-for': addresses(1_000).join(', ') }),
    1_000,
  ),
  {
    name: 'an X-Forwarded-For of 20 KB: refused by the HTTP parser before the API reads it',
    send: (t) => t.graphql(fresh(), { 'x-forwarded-for': addresses(1_500).join(', ') }),
    status: 431,
    maxMs: 1_000,
  },
];
