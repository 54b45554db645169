import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './http.js';

/** Origins whose pages may call the API from a browser: any (`*`) or these (`https://host[:port]`). */
export type CorsOrigins = '*' | readonly string[];

/** What a preflight allows: the methods of GraphQL over HTTP, and the headers clients of this API send. */
const ALLOW_METHODS = 'GET, POST, OPTIONS';
const ALLOW_HEADERS = [
  'accept',
  'accept-language',
  'authorization',
  'content-type',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'x-request-id',
  'idempotency-key',
  'if-none-match',
].join(', ');
/** Headers of the answers a page may read besides the simple ones. */
const EXPOSE_HEADERS = [
  'x-request-id',
  'etag',
  'x-cache',
  'x-sql-statements',
  'retry-after',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
  'content-disposition',
  'idempotent-replayed',
].join(', ');
/** How long a browser may keep a preflight's answer (Chromium keeps it at most 2 hours). */
const MAX_AGE_SECONDS = '7200';

/** Adds `token` to the response's Vary header, keeping what is there. */
export function addVary(res: ServerResponse, token: string) {
  const current = res.getHeader('vary');
  const tokens = (Array.isArray(current) ? current.join(',') : String(current ?? ''))
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  for (const t of token.split(',').map((t) => t.trim())) {
    if (t && !tokens.some((have) => have.toLowerCase() === t.toLowerCase())) tokens.push(t);
  }
  if (tokens.length) res.setHeader('vary', tokens.join(', '));
}

/**
 * Cross-origin access for browsers. Credentials are bearer tokens a page sends itself, never cookies,
 * so `*` exposes nothing a page could not ask for anyway; a list limits reading answers to those
 * pages. CSRF is Apollo's concern (csrfPrevention): simple requests a page can send without a
 * preflight are refused there, whatever the origin.
 */
export function corsFor(origins: CorsOrigins) {
  const any = origins === '*';
  const listed = new Set(any ? [] : origins);
  /**
   * Sets the CORS headers of an answer (before it is written). With a list, the answer depends on
   * the request's Origin (`Vary: Origin`), and a page of an origin not listed gets no CORS header at
   * all, so the browser does not let it read the answer. With `*` every answer is the same.
   * Returns whether the origin may read the answer.
   */
  function apply(req: IncomingMessage, res: ServerResponse): boolean {
    const origin = req.headers.origin;
    if (any) {
      res.setHeader('access-control-allow-origin', '*');
    } else {
      addVary(res, 'origin');
      if (!origin || !listed.has(origin)) return false;
      res.setHeader('access-control-allow-origin', origin);
    }
    res.setHeader('access-control-expose-headers', EXPOSE_HEADERS);
    return true;
  }
  /** Answers OPTIONS: a preflight from an allowed origin gets 204 and what it may send. */
  function preflight(req: IncomingMessage, res: ServerResponse) {
    const isPreflight = req.headers.origin !== undefined && req.headers['access-control-request-method'];
    if (!apply(req, res) && isPreflight) {
      sendJson(res, 403, {
        errors: [
          {
            message: `origin ${JSON.stringify(req.headers.origin).slice(0, 200)} may not call this API (CORS_ORIGINS)`,
            extensions: { code: 'FORBIDDEN' },
          },
        ],
      });
      return;
    }
    res.setHeader('allow', ALLOW_METHODS);
    if (isPreflight) {
      res.setHeader('access-control-allow-methods', ALLOW_METHODS);
      res.setHeader('access-control-allow-headers', ALLOW_HEADERS);
      res.setHeader('access-control-max-age', MAX_AGE_SECONDS);
    }
    res.writeHead(204).end();
  }
  return { apply, preflight };
}
