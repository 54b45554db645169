import { mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { MikroORM } from '@mikro-orm/postgresql';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type App, startApp } from '../src/app.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { parseGlobalId, toGlobalId } from '../src/graphql/ids.js';
import { Role } from '../src/modules/user/user.entity.js';
import { openTestOrm, testAuth, tokenFor } from './helpers.js';

/**
 * Pictures over real HTTP and PostgreSQL (`startApp`, response cache on): uploads (`POST /images`,
 * multipart) by officials, the stored original and card variant (`GET /images/<file>`, decoded here
 * to check their sizes), their caching headers, the GraphQL fields, updates and removals, the demo
 * pictures, talents' avatars and who sees them, and hostile uploads and paths — each refused with a
 * clear coded answer and nothing stored (rows of the owner and files of the storage counted).
 */
const MAX_BYTES = 400_000;
const MAX_PIXELS = 4_000_000;
let app: App;
let origin: string;
let dataDir: string;
let orm: MikroORM;
const t: Record<string, string> = {};
const ids: Record<string, string> = {};

const sql = async <T = any>(text: string, params: unknown[] = []): Promise<T[]> =>
  (await orm.em.getKnex().raw(text, params as never[])).rows;

async function gql(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: any[] };
}
const data = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
  const result = await gql(query, variables, token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data;
};

interface Upload {
  status: number;
  body: any;
  headers: Headers;
}
/** An upload as a browser's FormData makes it. */
async function upload(
  fields: Record<string, string>,
  file: { data: Buffer; name?: string; type?: string } | null,
  token: string | null = t.dashuibo!,
  headers: Record<string, string> = {},
): Promise<Upload> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file)
    form.append('file', new Blob([file.data], { type: file.type ?? 'image/jpeg' }), file.name ?? 'photo.jpg');
  const res = await fetch(`${origin}/images`, {
    method: 'POST',
    body: form,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}
/** One request exactly as given (a body sent in `chunks` is chunked: no Content-Length). */
function raw(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: Buffer | Buffer[],
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    if (Array.isArray(body)) {
      for (const chunk of body) req.write(chunk);
      req.end();
    } else req.end(body);
  });
}
const json = (r: Raw) => JSON.parse(r.body.toString('utf8'));
/** A GET of an absolute image URL the API gave. */
const fetchFile = (url: string, headers: Record<string, string> = {}, method = 'GET') =>
  raw(method, new URL(url).pathname, headers);

/** Files in the storage, demo pictures (made on first request) left out; temporary files included. */
async function files(): Promise<string[]> {
  const root = join(dataDir, 'images');
  const found: string[] = [];
  for (const shard of await readdir(root).catch(() => [] as string[])) {
    for (const name of await readdir(join(root, shard)).catch(() => [] as string[]))
      if (!name.startsWith('demo-')) found.push(name);
  }
  return found.sort();
}
/** Rows of pictures of the object whose global id is `owner`. */
const rowsOf = async (owner: string) =>
  (
    await sql<{ n: number }>(
      'select count(*)::int as n from image where coalesce(village_id, house_id, project_id, talent_id) = ?',
      [parseGlobalId(owner)!.uuid],
    )
  )[0]!.n;

/** Asserts that `attempt` stores nothing: no row for `owner`, no file. */
async function storesNothing<T>(owner: string, attempt: () => Promise<T>): Promise<T> {
  const [rows, stored] = [await rowsOf(owner), await files()];
  const result = await attempt();
  expect(await rowsOf(owner)).toBe(rows);
  expect(await files()).toEqual(stored);
  return result;
}

/** Pictures made here: a photo with EXIF (orientation 6, a GPS position), PNG, WebP, noise. */
const photo = (width = 1600, height = 1200) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 60 } } })
    .jpeg()
    .keepExif()
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: 'TestCam', ImageDescription: 'secret place' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '37/1 6/1 30/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '122/1 10/1 5/1',
      },
    })
    .toBuffer();
const png = (width = 300, height = 200) =>
  sharp({ create: { width, height, channels: 4, background: { r: 10, g: 200, b: 90, alpha: 0.5 } } })
    .png()
    .toBuffer();
const webp = () =>
  sharp({ create: { width: 500, height: 500, channels: 3, background: '#336699' } })
    .webp()
    .toBuffer();
const noisy = () =>
  sharp({
    create: {
      width: 500,
      height: 400,
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  })
    .jpeg({ quality: 70 })
    .toBuffer();

/** A PNG whose header declares `width` × `height` pixels with a few rows of data: a decompression bomb. */
function pngBomb(width: number, height: number): Buffer {
  const chunk = (type: string, body: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(body.length);
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), body]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([head, typed, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc((width + 1) * 4))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const VILLAGE_IMAGES = `query($id: ID!) { node(id: $id) { ... on Village {
  images { id url cardUrl width height cardWidth cardHeight contentType alt(locale: EN) altZh: alt(locale: ZH) caption(locale: EN) credit isCover position version }
  coverImage { id }
} } }`;
const images = async (village: string, token?: string) =>
  (await data(VILLAGE_IMAGES, { id: village }, token)).node;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'images-'));
  app = await startApp(
    loadConfig({
      DATABASE_URL: inject('writeDatabaseUrl'),
      HOST: '127.0.0.1',
      PORT: '0',
      SEED_DEMO: '0',
      DATA_DIR: dataDir,
      IMAGE_MAX_BYTES: String(MAX_BYTES),
      IMAGE_MAX_PIXELS: String(MAX_PIXELS),
      JWT_SECRET: new TextDecoder().decode(testAuth.secret as Uint8Array),
    }),
    () => {},
  );
  origin = new URL(app.url).origin;
  orm = await openTestOrm(inject('writeDatabaseUrl'));
  const api = { orm } as never;
  t.admin = await tokenFor(api, 'images-admin', Role.ADMIN);
  t.dashuibo = await tokenFor(api, 'images-official-dashuibo', Role.OFFICIAL, 'dashuibo');
  t.lidao = await tokenFor(api, 'images-official-lidao', Role.OFFICIAL, 'lidao');
  t.partner = await tokenFor(api, 'images-partner', Role.PARTNER);
  const towns = await data('{ a: region(code: "dashuibo") { id } b: region(code: "lidao") { id } }');
  const village = async (town: string, name: string) =>
    (
      await data(
        'mutation($input: CreateVillageInput!) { createVillage(input: $input) { village { id } userErrors { message } } }',
        { input: { townId: town, nameZh: `${name}${process.pid}`, nameEn: `${name} ${process.pid}` } },
        t.admin,
      )
    ).createVillage.village.id as string;
  ids.village = await village(towns.a.id, '图片村');
  ids.other = await village(towns.a.id, '图片二村');
  const talent = async (town: string, name: string, publicProfile: boolean) =>
    (
      await data(
        'mutation($input: CreateTalentInput!) { createTalent(input: $input) { talent { id version } userErrors { message } } }',
        {
          input: {
            townId: town,
            displayName: `${name}${process.pid}`,
            fullName: `全${name}`,
            settlement: 'RESIDENT',
            publicProfile,
          },
        },
        t.admin,
      )
    ).createTalent.talent as { id: string; version: number };
  const talent1 = await talent(towns.a.id, '头像人', true);
  ids.talent = talent1.id;
  ids.talentVersion = String(talent1.version);
  ids.hiddenLidao = (await talent(towns.b.id, '隐身人', false)).id;
});
afterAll(async () => {
  await app?.stop();
  await orm?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('an upload', () => {
  let first: any;

  it('stores the picture without its metadata, upright, with a card variant, and shows it in GraphQL', async () => {
    const before = await images(ids.village!);
    expect(before).toEqual({ images: [], coverImage: null });
    const input = await photo();
    expect((await sharp(input).metadata()).orientation).toBe(6);
    const up = await upload(
      {
        ownerId: ids.village!,
        altZh: '村口的老槐树',
        altEn: 'The old tree at the village gate',
        captionEn: 'Spring',
        credit: '张三',
        isCover: 'true',
      },
      { data: input },
    );
    expect(up.status).toBe(201);
    first = up.body.image;
    expect(up.body.userErrors).toEqual([]);
    expect(first).toMatchObject({
      ownerId: ids.village,
      contentType: 'image/jpeg',
      width: 1200,
      height: 1600,
      cardWidth: 640,
      cardHeight: 853,
      isCover: true,
      position: 0,
      version: 1,
    });
    expect(first.url.startsWith(`${origin}/images/`)).toBe(true);

    const original = await fetchFile(first.url);
    expect(original.status).toBe(200);
    expect(original.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(original.body).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1200, 1600]);
    // No EXIF at all: no GPS position, no camera, no orientation left to apply twice.
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(original.body.includes(Buffer.from('TestCam'))).toBe(false);
    const card = await fetchFile(first.cardUrl);
    expect(card.headers['content-type']).toBe('image/webp');
    const cardMeta = await sharp(card.body).metadata();
    expect([cardMeta.format, cardMeta.width, cardMeta.height]).toEqual(['webp', 640, 853]);

    // The response cache does not answer with the village as it was before the upload.
    const after = await images(ids.village!);
    expect(after.images).toHaveLength(1);
    expect(after.images[0]).toMatchObject({
      id: first.id,
      url: first.url,
      cardUrl: first.cardUrl,
      width: 1200,
      height: 1600,
      alt: 'The old tree at the village gate',
      altZh: '村口的老槐树',
      caption: 'Spring',
      credit: '张三',
      isCover: true,
    });
    expect(after.coverImage).toEqual({ id: first.id });
    expect(await files()).toHaveLength(2);
    // Audited like every write.
    const [audit] = await sql(
      "select operation, user_email from audit_log where object_id = ? and operation = 'uploadImage'",
      [parseGlobalId(first.id)!.uuid],
    );
    expect(audit).toMatchObject({ user_email: 'images-official-dashuibo@tests.example' });
  });

  it('is served for a year (immutable), with an ETag answered 304, nosniff, CORS, and HEAD', async () => {
    const got = await fetchFile(first.url, { origin: 'http://showcase.example' });
    expect(got.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['access-control-allow-origin']).toBe('*');
    expect(got.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(Number(got.headers['content-length'])).toBe(got.body.length);
    const etag = got.headers.etag as string;
    expect(etag).toMatch(/^"[a-z0-9.-]+"$/);
    const again = await fetchFile(first.url, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const head = await fetchFile(first.url, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(got.headers['content-length']);
    const preflight = await raw('OPTIONS', '/images', {
      origin: 'http://showcase.example',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization',
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toContain('authorization');
  });

  it('takes PNG and WebP as they are, and a new cover takes the mark from the old one', async () => {
    const p = await upload(
      { ownerId: ids.village!, altEn: 'A green square' },
      { data: await png(), name: 'a.png', type: 'image/png' },
    );
    expect(p.status).toBe(201);
    expect(p.body.image).toMatchObject({
      contentType: 'image/png',
      width: 300,
      height: 200,
      cardWidth: 300,
      isCover: false,
      position: 1,
    });
    expect(p.body.image.url).toMatch(/\.png$/);
    expect((await sharp((await fetchFile(p.body.image.url)).body).metadata()).format).toBe('png');
    const w = await upload(
      { ownerId: ids.village!, altZh: '蓝色', isCover: '1', position: '7' },
      { data: await webp(), name: 'b.webp', type: 'image/webp' },
    );
    expect(w.status).toBe(201);
    expect(w.body.image).toMatchObject({ contentType: 'image/webp', isCover: true, position: 7 });
    const now = await images(ids.village!);
    expect(now.images.map((i: any) => [i.id, i.isCover, i.position])).toEqual([
      [w.body.image.id, true, 7],
      [first.id, false, 0],
      [p.body.image.id, false, 1],
    ]);
    expect(now.coverImage.id).toBe(w.body.image.id);
    // The old cover lost its mark as a change of its own: a new version, audited.
    expect(now.images[1].version).toBe(2);
    const moved = await sql(
      "select changes from audit_log where object_id = ? and operation = 'updateImage'",
      [parseGlobalId(first.id)!.uuid],
    );
    expect(moved.map((r) => r.changes)).toEqual([{ isCover: { before: true, after: false } }]);
    // English readers of a picture with only a Chinese text get the Chinese one.
    expect(now.images[0].alt).toBe('蓝色');
  });

  it('updateImage changes texts, position and the cover, with versions; removeImage deletes the row and its files', async () => {
    const UPDATE = `mutation($input: UpdateImageInput!) { updateImage(input: $input) {
      image { id version alt(locale: EN) caption(locale: ZH) isCover position } userErrors { field code message } } }`;
    const updated = (
      await data(
        UPDATE,
        {
          input: {
            id: first.id,
            version: 2,
            altEn: 'The tree',
            captionZh: '春天',
            isCover: true,
            position: 3,
          },
        },
        t.dashuibo,
      )
    ).updateImage;
    expect(updated.userErrors).toEqual([]);
    expect(updated.image).toMatchObject({
      version: 3,
      alt: 'The tree',
      caption: '春天',
      isCover: true,
      position: 3,
    });
    expect((await images(ids.village!)).coverImage.id).toBe(first.id);
    const stale = (await data(UPDATE, { input: { id: first.id, version: 2, altEn: 'Again' } }, t.dashuibo))
      .updateImage;
    expect(stale.userErrors[0]).toMatchObject({ field: ['input', 'version'], code: 'CONFLICT' });
    const noAlt = (
      await data(UPDATE, { input: { id: first.id, version: 3, altZh: null, altEn: '  ' } }, t.dashuibo)
    ).updateImage;
    expect(noAlt.userErrors[0]).toMatchObject({ code: 'REQUIRED' });
    const nullFlag = (await data(UPDATE, { input: { id: first.id, version: 3, isCover: null } }, t.dashuibo))
      .updateImage;
    expect(nullFlag.userErrors[0]).toMatchObject({ field: ['input', 'isCover'], code: 'INVALID' });
    const outside = await gql(UPDATE, { input: { id: first.id, version: 3, altEn: 'x' } }, t.lidao);
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await gql(UPDATE, { input: { id: first.id, version: 3, altEn: 'x' } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const REMOVE =
      'mutation($input: RemoveImageInput!) { removeImage(input: $input) { image { id } userErrors { code } } }';
    const filesBefore = await files();
    const removed = (await data(REMOVE, { input: { id: first.id, version: 3 } }, t.dashuibo)).removeImage;
    expect(removed).toEqual({ image: null, userErrors: [] });
    expect((await images(ids.village!)).images.map((i: any) => i.id)).not.toContain(first.id);
    expect((await fetchFile(first.url)).status).toBe(404);
    expect((await fetchFile(first.cardUrl)).status).toBe(404);
    expect(await files()).toHaveLength(filesBefore.length - 2);
    const [audit] = await sql(
      "select changes from audit_log where object_id = ? and operation = 'removeImage'",
      [parseGlobalId(first.id)!.uuid],
    );
    expect(audit.changes.altEn).toEqual({ before: 'The tree', after: null });
    const twice = (await data(REMOVE, { input: { id: first.id, version: 2 } }, t.dashuibo)).removeImage;
    expect(twice.userErrors).toEqual([{ code: 'NOT_FOUND' }]);
  });

  it('Expect: 100-continue: refused before the body is sent, or continued and stored', async () => {
    const body = Buffer.concat([
      Buffer.from(
        `--b\r\nContent-Disposition: form-data; name="ownerId"\r\n\r\n${ids.other}\r\n--b\r\nContent-Disposition: form-data; name="altEn"\r\n\r\nGreen\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n`,
      ),
      await png(),
      Buffer.from('\r\n--b--\r\n'),
    ]);
    const send = (headers: Record<string, string>) =>
      new Promise<{ status: number; continued: boolean }>((resolve, reject) => {
        let continued = false;
        const req = request(`${origin}/images`, {
          method: 'POST',
          headers: {
            expect: '100-continue',
            'content-type': 'multipart/form-data; boundary=b',
            'content-length': String(body.length),
            ...headers,
          },
        });
        req.on('continue', () => {
          continued = true;
          req.end(body);
        });
        req.on('response', (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode!, continued }));
          if (!continued) req.destroy();
        });
        req.on('error', (error) => (continued ? reject(error) : undefined));
        req.flushHeaders();
      });
    expect(await storesNothing(ids.other!, () => send({}))).toEqual({ status: 401, continued: false });
    const rows = await rowsOf(ids.other!);
    expect(await send({ authorization: `Bearer ${t.dashuibo}` })).toEqual({ status: 201, continued: true });
    expect(await rowsOf(ids.other!)).toBe(rows + 1);
  });

  it('answers with absolute URLs of PUBLIC_URL when set, and refuses a PUBLIC_URL that is no address', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://api.example.org/revgraph/' }).publicUrl).toBe(
      'https://api.example.org/revgraph',
    );
    expect(loadConfig({}).publicUrl).toBeUndefined();
    expect(loadConfig({}).imageMaxBytes).toBe(10 * 1024 * 1024);
    for (const bad of ['api.example.org', 'ftp://x.example', 'https://x.example/?a=1'])
      expect(() => loadConfig({ PUBLIC_URL: bad })).toThrow(ConfigError);
    expect(() => loadConfig({ IMAGE_MAX_BYTES: '10' })).toThrow(ConfigError);
    expect(() => loadConfig({ IMAGE_MAX_PIXELS: '1e12' })).toThrow(ConfigError);
  });
});

describe('hostile uploads: a clear coded answer, nothing stored', () => {
  const fields = () => ({ ownerId: ids.other!, altEn: 'A picture' });
  const userError = (up: Upload) => up.body.userErrors[0];

  it('a text file named .jpg sent as image/jpeg: 415 NOT_AN_IMAGE', async () => {
    const up = await storesNothing(ids.other!, () =>
      upload(fields(), {
        data: Buffer.from('just some text, not a picture\n'.repeat(20)),
        name: 'photo.jpg',
      }),
    );
    expect(up.status).toBe(415);
    expect(userError(up)).toMatchObject({ field: ['file'], code: 'INVALID', reason: 'NOT_AN_IMAGE' });
    expect(userError(up).message).toMatch(/not a picture/);
  });

  it('a GIF, an SVG: 415 UNSUPPORTED_TYPE naming the type, in Chinese when asked', async () => {
    const gif = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#f00' } })
      .gif()
      .toBuffer();
    const up = await storesNothing(ids.other!, () =>
      upload(fields(), { data: gif, name: 'a.gif', type: 'image/gif' }, t.dashuibo, {
        'accept-language': 'zh-CN,zh;q=0.9',
      }),
    );
    expect(up.status).toBe(415);
    expect(userError(up)).toMatchObject({
      reason: 'UNSUPPORTED_TYPE',
      message: '不支持 GIF 格式：请上传 JPEG、PNG 或 WebP',
    });
    const svg = Buffer.from(
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
    );
    const up2 = await storesNothing(ids.other!, () =>
      upload(fields(), { data: svg, name: 'a.svg', type: 'image/svg+xml' }),
    );
    expect(userError(up2)).toMatchObject({ reason: 'UNSUPPORTED_TYPE' });
    expect(userError(up2).message).toMatch(/SVG/);
  });

  it('too large: 413, whether declared (Content-Length) or found while streaming (chunked)', async () => {
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(MAX_BYTES + 10_000, 7)]);
    const up = await storesNothing(ids.other!, () => upload(fields(), { data: big }));
    expect(up.status).toBe(413);
    expect(up.body.errors[0].extensions).toMatchObject({
      code: 'BAD_REQUEST',
      reason: 'TOO_LARGE',
      maxBytes: MAX_BYTES,
    });
    // Within the form's overhead, so read until the file passes the limit; sent in chunks without a length.
    const boundary = 'xBOUNDARYx';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="ownerId"\r\n\r\n${ids.other}\r\n--${boundary}\r\nContent-Disposition: form-data; name="altEn"\r\n\r\nx\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    );
    const chunks = [
      head,
      ...Array.from({ length: 10 }, () => Buffer.alloc(50_000, 1)),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ];
    const streamed = await storesNothing(ids.other!, () =>
      raw(
        'POST',
        '/images',
        {
          authorization: `Bearer ${t.dashuibo}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        chunks,
      ),
    );
    expect(streamed.status).toBe(413);
    expect(json(streamed).errors[0].extensions.reason).toBe('TOO_LARGE');
  });

  it('a cut-off JPEG and a PNG with a broken header: 400 CORRUPT', async () => {
    const whole = await noisy();
    expect(whole.length).toBeLessThan(MAX_BYTES);
    const cut = await storesNothing(ids.other!, () =>
      upload(fields(), { data: whole.subarray(0, Math.floor(whole.length * 0.6)) }),
    );
    expect(cut.status).toBe(400);
    expect(userError(cut)).toMatchObject({ field: ['file'], reason: 'CORRUPT' });
    const broken = Buffer.from(await png());
    broken.writeUInt32BE(0xdeadbeef, 29); // the IHDR checksum
    const bad = await storesNothing(ids.other!, () => upload(fields(), { data: broken, name: 'b.png' }));
    expect(userError(bad)).toMatchObject({ reason: 'CORRUPT' });
  });

  it('decompression bombs: a header declaring 2.5 billion pixels, a real 2100 × 2100 PNG over IMAGE_MAX_PIXELS', async () => {
    const bomb = pngBomb(50_000, 50_000);
    expect(bomb.length).toBeLessThan(1000);
    const up = await storesNothing(ids.other!, () => upload(fields(), { data: bomb, name: 'bomb.png' }));
    expect(up.status).toBe(400);
    expect(userError(up)).toMatchObject({ code: 'TOO_LARGE', reason: 'TOO_MANY_PIXELS' });
    const real = await sharp({ create: { width: 2100, height: 2100, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    const up2 = await storesNothing(ids.other!, () => upload(fields(), { data: real, name: 'big.png' }));
    expect(userError(up2)).toMatchObject({ reason: 'TOO_MANY_PIXELS' });
    expect(userError(up2).message).toMatch(/2100 × 2100/);
  });

  it('no token, a bad token, a partner: 401/403 before the body is read', async () => {
    const image = { data: await png() };
    const none = await storesNothing(ids.other!, () => upload(fields(), image, null));
    expect([none.status, none.body.errors[0].extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
    const bad = await storesNothing(ids.other!, () => upload(fields(), image, 'not-a-token'));
    expect([bad.status, bad.body.errors[0].extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
    const partner = await storesNothing(ids.other!, () => upload(fields(), image, t.partner));
    expect([partner.status, partner.body.errors[0].extensions.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('CSRF: a form post a page on another site could send (no Authorization, any content type) is refused', async () => {
    const form = await storesNothing(ids.other!, () =>
      raw(
        'POST',
        '/images',
        { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://evil.example' },
        Buffer.from('ownerId=x'),
      ),
    );
    expect([form.status, json(form).errors[0].extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
    const text = await storesNothing(ids.other!, () =>
      raw(
        'POST',
        '/images',
        { authorization: `Bearer ${t.dashuibo}`, 'content-type': 'text/plain' },
        Buffer.from('hello'),
      ),
    );
    expect(text.status).toBe(415);
  });

  it('an official of another region: 403 FORBIDDEN; an owner that does not exist or is hidden: 404; not an owner: 400', async () => {
    const image = { data: await png() };
    const outside = await storesNothing(ids.other!, () => upload(fields(), image, t.lidao));
    expect([outside.status, outside.body.errors[0].extensions.code]).toEqual([403, 'FORBIDDEN']);
    const missing = toGlobalId('Village', '00000000-0000-4000-8000-000000000000');
    const none = await upload({ ...fields(), ownerId: missing }, image);
    expect(none.status).toBe(404);
    expect(none.body.userErrors[0]).toMatchObject({ field: ['ownerId'], code: 'NOT_FOUND' });
    const hidden = await storesNothing(ids.hiddenLidao!, () =>
      upload({ ...fields(), ownerId: ids.hiddenLidao! }, image),
    );
    expect(hidden.status).toBe(404);
    const [theme] = await sql("select id from theme where code = 'tea'");
    const wrongType = await upload({ ...fields(), ownerId: toGlobalId('Theme', theme.id) }, image);
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.userErrors[0]).toMatchObject({ field: ['ownerId'], code: 'INVALID' });
    const garbage = await upload({ ...fields(), ownerId: '../../etc/passwd' }, image);
    expect(garbage.body.userErrors[0]).toMatchObject({ field: ['ownerId'], code: 'INVALID' });
  });

  it('two files, no file, a file under another name, unknown and repeated fields, bad values, a broken form: 400', async () => {
    const image = await png();
    const two = new FormData();
    two.append('ownerId', ids.other!);
    two.append('altEn', 'x');
    two.append('file', new Blob([image]), 'a.png');
    two.append('file', new Blob([image]), 'b.png');
    const send = (form: FormData) =>
      storesNothing(ids.other!, async () => {
        const res = await fetch(`${origin}/images`, {
          method: 'POST',
          body: form,
          headers: { authorization: `Bearer ${t.dashuibo}` },
        });
        return { status: res.status, body: (await res.json()) as any };
      });
    const twoFiles = await send(two);
    expect([twoFiles.status, twoFiles.body.errors[0].extensions.reason]).toEqual([400, 'MANY_FILES']);
    const noFile = await storesNothing(ids.other!, () => upload(fields(), null));
    expect([noFile.status, noFile.body.errors[0].extensions.reason]).toEqual([400, 'NO_FILE']);
    const elsewhere = new FormData();
    elsewhere.append('ownerId', ids.other!);
    elsewhere.append('picture', new Blob([image]), 'a.png');
    expect((await send(elsewhere)).body.errors[0].extensions).toMatchObject({
      reason: 'UNKNOWN_FIELD',
      field: 'picture',
    });
    const unknown = await storesNothing(ids.other!, () =>
      upload({ ...fields(), villageId: 'x' }, { data: image }),
    );
    expect(unknown.body.errors[0].extensions).toMatchObject({ reason: 'UNKNOWN_FIELD', field: 'villageId' });
    const repeated = new FormData();
    repeated.append('ownerId', ids.other!);
    repeated.append('ownerId', ids.village!);
    repeated.append('file', new Blob([image]), 'a.png');
    expect((await send(repeated)).body.errors[0].extensions).toMatchObject({
      reason: 'REPEATED_FIELD',
      field: 'ownerId',
    });
    const flag = await storesNothing(ids.other!, () =>
      upload({ ...fields(), isCover: 'yes please' }, { data: image }),
    );
    expect([flag.status, flag.body.userErrors[0].field, flag.body.userErrors[0].code]).toEqual([
      400,
      ['isCover'],
      'INVALID',
    ]);
    const nul = await storesNothing(ids.other!, () =>
      upload({ ...fields(), altEn: 'a\0b' }, { data: image }),
    );
    expect(nul.body.userErrors[0]).toMatchObject({ field: ['altEn'], code: 'INVALID' });
    const long = await storesNothing(ids.other!, () =>
      upload({ ...fields(), altEn: 'x'.repeat(501) }, { data: image }),
    );
    expect(long.body.userErrors[0]).toMatchObject({ field: ['altEn'], code: 'INVALID' });
    const noAlt = await storesNothing(ids.other!, () => upload({ ownerId: ids.other! }, { data: image }));
    expect(noAlt.body.userErrors[0]).toMatchObject({ field: ['altZh'], code: 'REQUIRED' });
    const noOwner = await storesNothing(ids.other!, () => upload({ altEn: 'x' }, { data: image }));
    expect(noOwner.body.userErrors[0]).toMatchObject({ field: ['ownerId'], code: 'REQUIRED' });
    const broken = await storesNothing(ids.other!, () =>
      raw(
        'POST',
        '/images',
        { authorization: `Bearer ${t.dashuibo}`, 'content-type': 'multipart/form-data; boundary=zz' },
        Buffer.from('--zz\r\nContent-Disposition: form-data; name="ownerId"\r\n\r\nabc'),
      ),
    );
    expect([broken.status, json(broken).errors[0].extensions.reason]).toEqual([400, 'MALFORMED']);
    const noBoundary = await storesNothing(ids.other!, () =>
      raw(
        'POST',
        '/images',
        { authorization: `Bearer ${t.dashuibo}`, 'content-type': 'multipart/form-data; x=1' },
        Buffer.from('x'),
      ),
    );
    expect(noBoundary.status).toBe(400);
  });

  it('paths that are no file of the storage: 404, never a file outside it', async () => {
    const created = await upload(fields(), { data: await png() });
    expect(created.status).toBe(201);
    const name = new URL(created.body.image.url).pathname.slice('/images/'.length);
    const key = name.replace(/\.png$/, '');
    await writeFile(join(dataDir, 'secret.jpg'), 'secret');
    for (const path of [
      '/images/..%2F..%2Fetc%2Fpasswd',
      '/images/../secret.jpg',
      '/images/%2e%2e/secret.jpg',
      '/images/..%2Fsecret.jpg',
      `/images/${key.slice(0, 2)}/${name}`,
      `/images/${key}.jpg`,
      `/images/${key}.card.png`,
      `/images/${key}.png.`,
      `/images/${key}%00.png`,
      `/images/${key.toUpperCase()}.png`,
      '/images/.tmp-0123.png',
      '/images/',
      `/images/${'a'.repeat(5000)}.png`,
    ]) {
      const got = await raw('GET', path);
      expect([path, got.status]).toEqual([path, 404]);
      expect(got.headers['content-type']).toMatch(/^application\/json/);
    }
    expect((await raw('GET', `/images/${name}`)).status).toBe(200);
    expect((await raw('PUT', `/images/${name}`)).status).toBe(405);
    expect((await raw('DELETE', '/images')).status).toBe(405);
    expect((await raw('GET', '/images')).status).toBe(405);
  });

  it('a storage that fails (here: no directory can be made): 503, no row, no file left behind', async () => {
    const images = join(dataDir, 'images');
    await rename(images, `${images}.away`);
    await writeFile(images, 'not a directory');
    try {
      const rows = await rowsOf(ids.other!);
      const up = await upload(fields(), { data: await png() });
      expect([up.status, up.body.errors[0].extensions]).toEqual([
        503,
        { code: 'SERVICE_UNAVAILABLE', retryable: true },
      ]);
      expect(await rowsOf(ids.other!)).toBe(rows);
    } finally {
      await rm(images);
      await rename(`${images}.away`, images);
    }
    expect((await upload(fields(), { data: await png() })).status).toBe(201);
  });
});

describe('a talent’s avatar', () => {
  const AVATAR = 'query($id: ID!) { node(id: $id) { ... on Talent { avatar { id url consent } } } }';
  const avatarOf = async (token?: string) =>
    (await data(AVATAR, { id: ids.talent }, token)).node?.avatar ?? null;
  let avatar: any;

  it('without consent: officials of the region and admins see it; anonymous readers, partners and other regions neither in GraphQL nor as a file', async () => {
    const up = await upload({ ownerId: ids.talent!, altEn: 'Portrait' }, { data: await png(400, 400) });
    expect(up.status).toBe(201);
    avatar = up.body.image;
    expect(avatar.consent).toBe(false);
    expect(await avatarOf()).toBeNull();
    expect(await avatarOf(t.partner)).toBeNull();
    expect(await avatarOf(t.lidao)).toBeNull();
    expect((await avatarOf(t.dashuibo)).id).toBe(avatar.id);
    expect((await avatarOf(t.admin)).id).toBe(avatar.id);
    expect((await data('query($id: ID!) { node(id: $id) { id } }', { id: avatar.id })).node).toBeNull();
    expect((await fetchFile(avatar.url)).status).toBe(404);
    expect((await fetchFile(avatar.cardUrl, { authorization: `Bearer ${t.lidao}` })).status).toBe(404);
    const official = await fetchFile(avatar.url, { authorization: `Bearer ${t.dashuibo}` });
    expect(official.status).toBe(200);
    expect(official.headers['cache-control']).toBe('private, no-store');
  });

  it('with consent and a public profile: everyone, cached for an hour only; a private profile hides it again', async () => {
    const given = await data(
      'mutation($input: UpdateImageInput!) { updateImage(input: $input) { image { consent } userErrors { message } } }',
      { input: { id: avatar.id, version: 1, consent: true } },
      t.dashuibo,
    );
    expect(given.updateImage.image.consent).toBe(true);
    expect((await avatarOf()).id).toBe(avatar.id);
    const got = await fetchFile(avatar.url);
    expect(got.status).toBe(200);
    expect(got.headers['cache-control']).toBe('public, max-age=3600');
    const hidden = await data(
      'mutation($input: UpdateTalentInput!) { updateTalent(input: $input) { userErrors { message } } }',
      { input: { id: ids.talent, version: Number(ids.talentVersion), publicProfile: false } },
      t.dashuibo,
    );
    expect(hidden.updateTalent.userErrors).toEqual([]);
    expect((await fetchFile(avatar.url)).status).toBe(404);
    expect((await avatarOf(t.dashuibo)).id).toBe(avatar.id);
  });
});

describe('the demo pictures', () => {
  it('every specialty village has a cover with texts in both languages; its files are made on first request', async () => {
    const villages = (
      await data(`{ villages(first: 50, where: { isSpecialty: { eq: true }, town: { code: { eq: "dashuibo" } } }) { nodes {
        name(locale: EN) coverImage { url cardUrl width height cardWidth cardHeight alt(locale: EN) altZh: alt(locale: ZH) credit }
        images { id } } } }`)
    ).villages.nodes;
    const demo = villages.filter((v: any) => v.coverImage?.url.includes('/images/demo-'));
    expect(demo.length).toBeGreaterThanOrEqual(20);
    for (const v of demo) {
      expect(v.coverImage.alt).toContain(v.name);
      expect(v.coverImage.altZh).toMatch(/演示插图/);
    }
    const { coverImage } = demo[0];
    const original = await fetchFile(coverImage.url);
    expect(original.status).toBe(200);
    const meta = await sharp(original.body).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', coverImage.width, coverImage.height]);
    const card = await sharp((await fetchFile(coverImage.cardUrl)).body).metadata();
    expect([card.width, card.height]).toEqual([coverImage.cardWidth, coverImage.cardHeight]);
    const shard = coverImage.url.split('/images/')[1].slice(0, 2);
    expect((await readdir(join(dataDir, 'images', shard))).filter((n) => n.startsWith('demo-'))).toHaveLength(
      2,
    );
    // Made once: the second answer is the stored file.
    expect((await fetchFile(coverImage.url)).body.equals(original.body)).toBe(true);
  });

  it('pictures of villages with their houses’ and projects’ covers and talents’ avatars: one SQL statement', async () => {
    const query = `{ villages(first: 20, where: { isSpecialty: { eq: true } }) { nodes {
      coverImage { url alt } images { cardUrl }
      houses(first: 3) { nodes { coverImage { cardUrl } } }
      projects(first: 3) { nodes { coverImage { cardUrl } images { url } } } } }
      talents(first: 10) { nodes { displayName avatar { cardUrl alt } } } }`;
    const ask = async () => {
      const res = await fetch(`${origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${t.admin}` },
        body: JSON.stringify({ query }),
      });
      expect(res.status).toBe(200);
      return Number(res.headers.get('x-sql-statements'));
    };
    await ask();
    // Two root lists: one statement each, their nested pictures read along.
    expect(await ask()).toBe(2);
  });
});
