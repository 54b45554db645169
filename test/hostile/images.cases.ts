import { crc32, deflateSync } from 'node:zlib';
import { expect } from 'vitest';
import { toGlobalId } from '../../src/graphql/ids.js';
import type { HostileCase, HostileTarget } from './corpus.js';

/** Pictures: uploads (`POST /images`, multipart) and stored files (`GET /images/<file>`). */

/** A Dashuibo village's global id, for uploads an official of Dashuibo may make. */
async function village(t: HostileTarget) {
  const [row] = await t.sql<{ id: string }>(
    "select v.id from village v join region r on r.id = v.town_id where r.code = 'dashuibo' order by v.name_zh limit 1",
  );
  return toGlobalId('Village', row!.id);
}

/** Rows of pictures of that village (an upload refused stores none). */
async function picturesOf(t: HostileTarget, id: string) {
  const uuid = Buffer.from(id, 'base64url').toString().split(':')[1];
  const [row] = await t.sql<{ n: number }>('select count(*)::int as n from image where village_id = ?', [
    uuid,
  ]);
  return row!.n;
}

/** A PNG declaring `size` × `size` pixels in a few hundred bytes. */
function pngBomb(size: number): Buffer {
  const chunk = (type: string, body: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), body]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(3 * size + 1))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An upload by an official of Dashuibo (or `token`), with the form fields given. */
async function upload(t: HostileTarget, form: FormData, token?: string | null) {
  const headers: Record<string, string> =
    token === null ? {} : { authorization: `Bearer ${token ?? (await t.token('OFFICIAL', 'dashuibo'))}` };
  return fetch(`${t.base}/images`, { method: 'POST', body: form, headers });
}
const reason = (body: unknown) => {
  const b = body as { errors?: { extensions?: { reason?: string } }[]; userErrors?: { reason?: string }[] };
  return b.errors?.[0]?.extensions?.reason ?? b.userErrors?.[0]?.reason;
};

let owner = '';
let before = 0;

export const cases: HostileCase[] = [
  {
    name: 'an anonymous 20 MB upload: refused before the body is read',
    send: async (t) => {
      const form = new FormData();
      form.append('ownerId', 'x');
      form.append('file', new Blob([Buffer.alloc(20 * 1024 * 1024, 1)]), 'big.jpg');
      return upload(t, form, null);
    },
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'a 30,000 × 30,000 PNG in 300 bytes (a decompression bomb): refused from its header, nothing stored',
    send: async (t) => {
      owner = await village(t);
      before = await picturesOf(t, owner);
      const form = new FormData();
      form.append('ownerId', owner);
      form.append('altEn', 'bomb');
      form.append('file', new Blob([pngBomb(30_000)]), 'bomb.png');
      return upload(t, form);
    },
    status: 400,
    maxMs: 2_000,
    async check(_response, body, t) {
      expect(reason(body)).toBe('TOO_MANY_PIXELS');
      expect(await picturesOf(t, owner)).toBe(before);
    },
  },
  {
    name: 'an upload of 1,000 form fields',
    send: async (t) => {
      const form = new FormData();
      for (let i = 0; i < 1000; i++) form.append(`f${i}`, 'x');
      return upload(t, form);
    },
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'an upload whose file is an HTML page with a script, named .png',
    send: async (t) => {
      const form = new FormData();
      form.append('ownerId', await village(t));
      form.append('altEn', 'x');
      form.append(
        'file',
        new Blob(['<html><script>alert(document.cookie)</script></html>'], { type: 'image/png' }),
        'x.png',
      );
      return upload(t, form);
    },
    status: 415,
    check: (_response, body) => expect(reason(body)).toBe('NOT_AN_IMAGE'),
  },
  {
    name: 'an upload with a 100 KB part header',
    send: async (t) =>
      fetch(`${t.base}/images`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await t.token('OFFICIAL', 'dashuibo')}`,
          'content-type': 'multipart/form-data; boundary=b',
        },
        body: `--b\r\nContent-Disposition: form-data; name="ownerId"\r\nX-Padding: ${'a'.repeat(100_000)}\r\n\r\nx\r\n--b--\r\n`,
      }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a picture path climbing out of the storage (..%2F)',
    send: (t) => fetch(`${t.base}/images/..%2F..%2Fpg-password`),
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: 'a picture path of 8,000 characters',
    send: (t) => fetch(`${t.base}/images/${'a'.repeat(8000)}.jpg`),
    status: 404,
    code: 'NOT_FOUND',
  },
];
