import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { addVary } from '../cors.js';

/** Content codings the API sends; `identity` is the body as it is. */
export type Coding = 'br' | 'gzip' | 'identity';

/** Bodies smaller than this are sent as they are: compressing them saves less than its headers cost. */
export const COMPRESSION_MIN_BYTES = 1024;
/** Entries of Accept-Encoding and tags of If-None-Match read at most (Node caps all headers at 16 KiB). */
const MAX_LIST_ENTRIES = 64;

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * Compresses a body. Brotli at quality 5 (its default, 11, is meant for static files: far too slow per
 * request), gzip at its default level 6: both a few milliseconds for the largest answers.
 */
function compress(body: Buffer, coding: Exclude<Coding, 'identity'>): Promise<Buffer> {
  return coding === 'br'
    ? brotli(body, {
        params: {
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_QUALITY]: 5,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      })
    : gzipped(body);
}

/** A token of RFC 9110 (a content coding's name), or `*`. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;
/** A qvalue: 0 to 1 with at most three decimals. */
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/**
 * The weights an Accept-Encoding header gives content codings (RFC 9110 §12.5.3), lower-cased. An
 * entry that is not a token, or whose `q` is not a qvalue (`q=2`, `q=abc`), is ignored as if absent;
 * the first entry of a coding counts; past MAX_LIST_ENTRIES entries the rest is ignored.
 */
export function acceptedCodings(header: string): Map<string, number> {
  const weights = new Map<string, number>();
  const entries = header.split(',', MAX_LIST_ENTRIES);
  for (const entry of entries) {
    const [name = '', ...params] = entry.split(';');
    const coding = name.trim().toLowerCase();
    if (!TOKEN.test(coding) || weights.has(coding)) continue;
    let weight = 1;
    for (const param of params) {
      const at = param.indexOf('=');
      if (
        param
          .slice(0, at < 0 ? undefined : at)
          .trim()
          .toLowerCase() !== 'q'
      )
        continue;
      const value = at < 0 ? '' : param.slice(at + 1).trim();
      weight = QVALUE.test(value) ? Number(value) : Number.NaN;
    }
    if (!Number.isNaN(weight)) weights.set(coding, weight);
  }
  return weights;
}

/**
 * The coding of an answer of `size` bytes for a request's Accept-Encoding: brotli or gzip, whichever
 * has the higher weight (brotli on a tie), for bodies of COMPRESSION_MIN_BYTES or more. No header:
 * the body as it is. `identity` is acceptable unless refused (`identity;q=0`, or `*;q=0` without
 * `identity`); when it is refused, a small body is compressed too; when it is refused and neither
 * brotli nor gzip is acceptable either, the body is sent as it is all the same (RFC 9110: a response
 * without content coding), never an error.
 */
export function codingFor(header: string | undefined, size: number): Coding {
  if (header === undefined) return 'identity';
  const weights = acceptedCodings(header);
  const star = weights.get('*');
  const weightOf = (coding: Exclude<Coding, 'identity'>) => weights.get(coding) ?? star ?? 0;
  const best = weightOf('gzip') > weightOf('br') ? 'gzip' : 'br';
  if (weightOf(best) === 0) return 'identity';
  const identity = weights.get('identity') ?? (star === 0 ? 0 : undefined);
  if (identity === 0) return best;
  if (size < COMPRESSION_MIN_BYTES) return 'identity';
  // `gzip;q=0.5, identity`: the caller prefers the body as it is.
  if (identity !== undefined && identity > weightOf(best)) return 'identity';
  return best;
}

/** The strong hash of a body that its ETags carry (SHA-256, base64url). */
export const bodyHash = (body: string | Buffer) => createHash('sha256').update(body).digest('base64url');

/** The ETag of one representation: the body's hash, and its coding (a strong tag names the bytes sent). */
export const etagOf = (hash: string, coding: Coding) =>
  `"${hash}${coding === 'identity' ? '' : `-${coding}`}"`;

/**
 * Whether an If-None-Match header names the body of `hash` (weak comparison, RFC 9110 §13.1.2: `W/`
 * and the coding suffix do not matter, a representation in another coding has the same content), or
 * is `*`. A malformed header (no quoted tags) matches nothing, so the full answer is sent; only the
 * first MAX_LIST_ENTRIES tags are read.
 */
export function ifNoneMatch(header: string | undefined, hash: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const tags = /(?:W\/)?"([^"]*)"/g;
  for (let i = 0; i < MAX_LIST_ENTRIES; i++) {
    const found = tags.exec(header);
    if (!found) return false;
    const tag = found[1]!.replace(/-(?:br|gzip)$/, '');
    if (tag === hash) return true;
  }
  return false;
}

/**
 * Sends a complete body with the status and headers already set on `res`: compressed by the request's
 * Accept-Encoding when `compress` (then `Vary: Accept-Encoding`), with `Content-Length`; with
 * `validate`, an ETag of the body, and 304 without a body when the request's If-None-Match names it
 * (a 304 is never compressed and carries the same ETag, Cache-Control and Vary as the 200 would).
 * HEAD: the same headers, no body (Node sends none).
 */
export async function sendBody(
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
  options: { compress: boolean; validate: boolean },
): Promise<void> {
  const bytes = Buffer.from(body);
  const coding = options.compress ? codingFor(req.headers['accept-encoding'], bytes.length) : 'identity';
  if (options.compress) addVary(res, 'accept-encoding');
  if (options.validate) {
    const hash = bodyHash(bytes);
    res.setHeader('etag', etagOf(hash, coding));
    if (res.statusCode === 200 && ifNoneMatch(req.headers['if-none-match'], hash)) {
      res.removeHeader('content-type');
      res.statusCode = 304;
      res.end();
      return;
    }
  }
  const sent = coding === 'identity' ? bytes : await compress(bytes, coding);
  if (coding !== 'identity') res.setHeader('content-encoding', coding);
  res.setHeader('content-length', sent.length);
  res.end(sent);
}
