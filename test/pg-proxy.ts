import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy between the API and PostgreSQL that reads the protocol's messages and can cut the
 * connection at one chosen message, for faults no SQL can cause deterministically: the COMMIT never
 * reaching the server (nothing committed), or the server's answer to COMMIT never reaching the API
 * (committed, and the API cannot know).
 *
 * Messages are framed as type byte + int32 length (the client's first message, the startup, has no
 * type byte); the proxy forwards whole messages and, when armed, closes both sockets instead of
 * forwarding the first message that matches (once).
 */
export interface Cut {
  /** `client`: a message the API sends (its SQL text: Query, Parse); `server`: what PostgreSQL answers (a CommandComplete's tag). */
  from: 'client' | 'server';
  /** Matched against the message's text (its bytes after the header, as UTF-8). */
  text: RegExp;
}

export interface PgProxy {
  url: string;
  /** Cuts the connection at the next message matching `cut`; resolves when it did. */
  arm(cut: Cut): Promise<void>;
  close(): Promise<void>;
}

const TYPES_WITH_TEXT = { client: new Set(['Q', 'P']), server: new Set(['C']) };

export async function startPgProxy(target: string): Promise<PgProxy> {
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  let armed: (Cut & { done: () => void }) | undefined;

  const server: Server = createServer((client) => {
    const db = connect(Number(upstream.port || 5432), upstream.hostname);
    sockets.add(client).add(db);
    const cutBoth = () => {
      client.destroy();
      db.destroy();
    };
    client.on('close', () => {
      sockets.delete(client);
      db.destroy();
    });
    db.on('close', () => {
      sockets.delete(db);
      client.destroy();
    });
    client.on('error', () => {});
    db.on('error', () => {});
    pipe(client, db, 'client', true);
    pipe(db, client, 'server', false);

    function pipe(from: Socket, to: Socket, side: 'client' | 'server', startup: boolean) {
      let pending: Buffer = Buffer.alloc(0);
      let untyped = startup;
      from.on('data', (chunk: Buffer) => {
        pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
        const out: Buffer[] = [];
        for (;;) {
          const header = untyped ? 4 : 5;
          if (pending.length < header) break;
          const length = pending.readInt32BE(untyped ? 0 : 1);
          const size = (untyped ? 0 : 1) + length;
          if (pending.length < size) break;
          const message = pending.subarray(0, size);
          const type = untyped ? '' : String.fromCharCode(message[0]!);
          untyped = false;
          if (armed && armed.from === side && TYPES_WITH_TEXT[side].has(type)) {
            const text = message.subarray(header).toString('utf8');
            if (armed.text.test(text)) {
              const { done } = armed;
              armed = undefined;
              if (out.length) to.write(Buffer.concat(out));
              cutBoth();
              done();
              return;
            }
          }
          out.push(message);
          pending = pending.subarray(size);
        }
        if (out.length) to.write(out.length === 1 ? out[0]! : Buffer.concat(out));
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    arm: (cut) =>
      new Promise<void>((resolve) => {
        armed = { ...cut, done: resolve };
      }),
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
