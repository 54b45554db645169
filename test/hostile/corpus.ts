/**
 * The hostile-input corpus: requests a careless or hostile caller sends, each with the coded answer
 * the API must give. Cases live in `test/hostile/*.cases.ts` (each exports `cases`); the runner
 * (`test/hostile.test.ts`) sends every one to a running API and checks the answer, the time it took,
 * and that the server is healthy and its memory bounded afterwards.
 */
export interface HostileTarget {
  /** Base URL of the running API, e.g. http://127.0.0.1:1234 (no trailing slash). */
  base: string;
  /** POSTs a GraphQL request as JSON to /graphql. */
  graphql(body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** The same API started with ALLOW_LIST=1 (operations/manifest.json), on the same database. */
  listed: {
    base: string;
    graphql(body: unknown, headers?: Record<string, string>): Promise<Response>;
  };
  /** A bearer token for a (test) account of this role; created once. */
  token(role: 'ADMIN' | 'OFFICIAL' | 'PARTNER', regionCode?: string): Promise<string>;
  /** Runs SQL on the API's database (to check that nothing changed). */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

export interface HostileCase {
  /** What the hostile caller does, in a few words. */
  name: string;
  send(target: HostileTarget): Promise<Response>;
  /** Expected HTTP status (one of them, when a list). */
  status: number | number[];
  /**
   * Expected `extensions.code` of an error in the JSON body (any error of `errors`, or a
   * `userErrors[].code` anywhere in `data`). Omit when the status alone is the answer.
   */
  code?: string;
  /** The answer must come within this many milliseconds (default 5,000). */
  maxMs?: number;
  /** Further checks of the answer (the body is read once: it is passed in). */
  check?(response: Response, body: unknown, target: HostileTarget): void | Promise<void>;
}
