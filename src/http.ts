import type { IncomingMessage, ServerResponse } from 'node:http';

/** Answers with a JSON body. */
export function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** A request body over the size limit (MAX_BODY_BYTES): answered 413. */
export class BodyTooLargeError extends Error {
  readonly status = 413;
  constructor(readonly limit: number) {
    super(`request body too large: at most ${limit} bytes`);
  }
}

/** How long a client may go on sending a refused body before its connection is closed. */
const DRAIN_MS = 10_000;

/**
 * Reads a request body of at most `limit` bytes. A body declared larger (Content-Length) is refused
 * before it is read; one that grows larger (chunked) as soon as it does. Either way the rest is read
 * and dropped, never kept: a client still sending sees the 413 only if the connection stays open
 * until it has sent everything (closing on unread data resets the connection, and the client reports
 * the reset instead of the answer). A client that goes on sending for more than DRAIN_MS is cut off.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const refuse = () => {
      drainBounded(req);
      reject(new BodyTooLargeError(limit));
    };
    if (Number(req.headers['content-length']) > limit) {
      // Node reads and drops the unread body once the answer is sent (the connection stays usable).
      refuse();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        refused = true;
        chunks.length = 0;
        refuse();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

/** Closes the connection of a refused request whose body has not ended within DRAIN_MS. */
function drainBounded(req: IncomingMessage) {
  if (req.complete) return;
  const timer = setTimeout(() => req.socket.destroy(), DRAIN_MS);
  timer.unref();
  const done = () => clearTimeout(timer);
  req.once('end', done);
  req.once('close', done);
}
