import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Busboy, type BusboyHeaders } from '@fastify/busboy';
import type { EntityManager } from '@mikro-orm/postgresql';
import { databaseFailure } from '../../db/failures.js';
import { createContext } from '../../graphql/context.js';
import { AppError, answerOf, ErrorCode } from '../../graphql/errors.js';
import { toGlobalId } from '../../graphql/ids.js';
import { Locale, localeFromHeader } from '../../graphql/locale.js';
import { type UserError, UserErrorCode } from '../../graphql/payload.js';
import type { Viewer } from '../../graphql/viewer.js';
import { refusalOf, requireWriter, runWrite } from '../../graphql/write/mutation.js';
import { sendJson } from '../../http.js';
import type { Logger } from '../../logger.js';
import { type AuthSettings, authenticate } from '../user/auth.js';
import { DEMO_PREFIX, demoPicture } from './image.demo.js';
import type { Image } from './image.entity.js';
import { type ImageRefusal, ImageRefused, processImage } from './image.process.js';
import { fileNames, type ImageRow, imageService } from './image.service.js';
import {
  configureImages,
  DEFAULT_IMAGE_MAX_BYTES,
  DEFAULT_IMAGE_MAX_PIXELS,
  imageSettings,
  storageIn,
} from './image.settings.js';
import { FILE_NAME } from './image.storage.js';
import { StorageFailure, type UploadFields, uploadWork } from './image.writes.js';

/** What the API's configuration says of images (see `configureImages`). */
export interface ImageConfig {
  /** The data directory: files go to `<dataDir>/images`. */
  dataDir: string;
  maxBytes?: number;
  maxPixels?: number;
  /** PUBLIC_URL; absent: the address the server listens on. */
  publicUrl?: string;
}

/** Room for the form's text fields and part headers beside the file. */
const FORM_OVERHEAD = 64 * 1024;
/** The form fields of an upload besides `file`. */
const TEXT_FIELDS = ['altZh', 'altEn', 'captionZh', 'captionEn', 'credit'];
const FLAG_FIELDS = ['isCover', 'consent'];
const FIELDS = new Set(['ownerId', ...TEXT_FIELDS, ...FLAG_FIELDS, 'position']);
/** Images decoded at once: each holds a core and up to a few hundred MB while it is. */
const MAX_PROCESSING = 2;
/** How long a client may go on sending a refused upload before its connection is closed. */
const DRAIN_MS = 10_000;
/** A year: a stored file never changes (a new picture is a new key). */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** A talent's picture may be withdrawn (consent, a private profile): caches ask again within the hour. */
const WITHDRAWABLE = 'public, max-age=3600';

/** A message in the caller's language: Chinese when Accept-Language prefers it, else English. */
type Say = (zh: string, en: string) => string;
const speaker = (req: IncomingMessage): Say => {
  const header = req.headers['accept-language'];
  const zh = !!header && /zh/i.test(header) && localeFromHeader(header) === Locale.ZH;
  return (zhText, enText) => (zh ? zhText : enText);
};

/** What an upload's form held, or what was wrong with it. */
type Form =
  | { fields: Map<string, string>; file: Buffer }
  | { status: number; error: { code: string; reason: string; field?: string; message: string } };

/** Why a form is refused before its content is looked at. */
function formProblem(say: Say, reason: string, field?: string, extra: Record<string, unknown> = {}): Form {
  const messages: Record<string, [number, string, string]> = {
    TOO_LARGE: [
      413,
      `文件过大：最多 ${extra.maxBytes} 字节`,
      `The file is too large: at most ${extra.maxBytes} bytes (IMAGE_MAX_BYTES)`,
    ],
    NO_FILE: [400, '请在字段 file 中上传一个图片文件', 'Send one picture as the form field "file"'],
    MANY_FILES: [400, '一次只能上传一个文件', 'Send exactly one file per upload'],
    UNKNOWN_FIELD: [
      400,
      `未知字段 ${field}`,
      `Unknown form field "${field}"; the fields are file, ${[...FIELDS].join(', ')}`,
    ],
    REPEATED_FIELD: [400, `字段 ${field} 重复`, `The form field "${field}" is given twice`],
    FIELD_TOO_LONG: [400, `字段 ${field} 过长`, `The form field "${field}" is too long`],
    TOO_MANY_FIELDS: [400, '表单字段过多', 'The form has too many fields'],
    MALFORMED: [
      400,
      '请求体不是有效的 multipart/form-data',
      'The body is not valid multipart/form-data (a boundary, part headers, a closing boundary)',
    ],
  };
  const [status, zh, en] = messages[reason]!;
  return {
    status,
    error: { code: 'BAD_REQUEST', reason, ...(field ? { field } : {}), message: say(zh, en) },
  };
}

/**
 * Reads an upload's multipart form with busboy: text fields (each once, at most 8 KiB) and one file
 * part named `file`, read into memory up to `maxBytes`. A file past the limit is refused as soon as
 * it passes it (the rest of the body is read and dropped, not kept).
 */
function readForm(req: IncomingMessage, maxBytes: number, say: Say): Promise<Form> {
  return new Promise((resolve) => {
    let parser: ReturnType<typeof Busboy>;
    try {
      parser = Busboy({
        headers: req.headers as BusboyHeaders,
        limits: {
          fileSize: maxBytes,
          files: 1,
          fields: FIELDS.size,
          parts: FIELDS.size + 1,
          fieldSize: 8 * 1024,
          fieldNameSize: 100,
          headerPairs: 20,
        },
      });
    } catch {
      resolve(formProblem(say, 'MALFORMED'));
      return;
    }
    const fields = new Map<string, string>();
    const chunks: Buffer[] = [];
    let files = 0;
    let problem: Form | undefined;
    let settled = false;
    const settle = (form: Form) => {
      if (settled) return;
      settled = true;
      if ('error' in form) {
        // Refused: the rest of the body is read and dropped, within DRAIN_MS.
        req.unpipe(parser);
        drain(req);
      }
      resolve(form);
    };
    parser.on('file', (name, stream) => {
      files++;
      if (name !== 'file') {
        problem ??= formProblem(say, 'UNKNOWN_FIELD', name);
        stream.resume();
        return;
      }
      stream.on('data', (chunk: Buffer) => {
        if (!problem) chunks.push(chunk);
      });
      stream.on('limit', () => {
        chunks.length = 0;
        settle(formProblem(say, 'TOO_LARGE', 'file', { maxBytes }));
      });
    });
    parser.on('field', (name, value, nameTruncated, valueTruncated) => {
      if (name === 'file') problem ??= formProblem(say, 'NO_FILE', 'file');
      else if (!FIELDS.has(name) || nameTruncated)
        problem ??= formProblem(say, 'UNKNOWN_FIELD', name.slice(0, 100));
      else if (fields.has(name)) problem ??= formProblem(say, 'REPEATED_FIELD', name);
      else if (valueTruncated) problem ??= formProblem(say, 'FIELD_TOO_LONG', name);
      else fields.set(name, value);
    });
    parser.on('filesLimit', () => {
      problem ??= formProblem(say, 'MANY_FILES', 'file');
    });
    const tooMany = () => {
      problem ??= formProblem(say, 'TOO_MANY_FIELDS');
    };
    parser.on('fieldsLimit', tooMany);
    parser.on('partsLimit', tooMany);
    parser.on('error', () => settle(formProblem(say, 'MALFORMED')));
    parser.on('finish', () => {
      if (problem) settle(problem);
      else if (files !== 1 || !chunks.length) settle(formProblem(say, 'NO_FILE', 'file'));
      else settle({ fields, file: Buffer.concat(chunks) });
    });
    req.on('error', () => settle(formProblem(say, 'MALFORMED')));
    req.pipe(parser);
  });
}

/** Reads and drops the rest of a refused request's body; a client still sending after DRAIN_MS is cut off. */
function drain(req: IncomingMessage) {
  req.resume();
  if (req.complete) return;
  const timer = setTimeout(() => req.socket.destroy(), DRAIN_MS);
  timer.unref();
  const done = () => clearTimeout(timer);
  req.once('end', done);
  req.once('close', done);
}

/** A form's text fields as the write path takes them: flags and position parsed, NUL refused. */
function uploadFields(
  fields: Map<string, string>,
  fail: (field: string, message: string, code?: UserErrorCode) => void,
): UploadFields {
  const out: UploadFields = { ownerId: fields.get('ownerId') ?? '' };
  if (!out.ownerId)
    fail(
      'ownerId',
      'ownerId is required: the id of the village, house, project or talent',
      UserErrorCode.REQUIRED,
    );
  for (const [name, value] of fields) {
    if (value.includes('\0')) fail(name, `${name} contains a NUL character`);
    else if (TEXT_FIELDS.includes(name)) (out as Record<string, unknown>)[name] = value;
    else if (FLAG_FIELDS.includes(name)) {
      if (!/^(true|false|1|0)$/.test(value)) fail(name, `${name} must be true or false`);
      else (out as Record<string, unknown>)[name] = value === 'true' || value === '1';
    } else if (name === 'position') {
      if (!/^\d{1,9}$/.test(value)) fail(name, 'position must be a whole number, 0 or more');
      else out.position = Number(value);
    }
  }
  return out;
}

/** The HTTP status of refused input: a missing owner is 404, anything else the caller can fix 400. */
const statusOf = (errors: UserError[]) =>
  errors.some((e) => e.code === UserErrorCode.NOT_FOUND) ? 404 : 400;

/** What an upload answers about its picture: the fields a client shows, as GraphQL names them. */
function described(image: Image, ownerId: string, publicUrl: string | undefined) {
  return {
    id: toGlobalId('Image', image.id),
    ownerId,
    url: imageService.url(image as unknown as ImageRow, publicUrl),
    cardUrl: imageService.cardUrl(image as unknown as ImageRow, publicUrl),
    contentType: image.contentType,
    width: image.width,
    height: image.height,
    cardWidth: image.cardWidth,
    cardHeight: image.cardHeight,
    bytes: image.bytes,
    altZh: image.altZh ?? null,
    altEn: image.altEn ?? null,
    captionZh: image.captionZh ?? null,
    captionEn: image.captionEn ?? null,
    credit: image.credit ?? null,
    isCover: image.isCover,
    position: image.position,
    consent: image.consent,
    version: image.version,
  };
}

/** The message of a refused file, in the caller's language. */
function refusalMessage(say: Say, reason: ImageRefusal, details: Record<string, unknown>): string {
  switch (reason) {
    case 'NOT_AN_IMAGE':
      return say(
        '文件不是图片：请上传 JPEG、PNG 或 WebP',
        'The file is not a picture: send a JPEG, PNG or WebP',
      );
    case 'UNSUPPORTED_TYPE':
      return say(
        `不支持 ${details.type} 格式：请上传 JPEG、PNG 或 WebP`,
        `${details.type} pictures are not accepted: send a JPEG, PNG or WebP`,
      );
    case 'TOO_MANY_PIXELS':
      return say(
        `图片过大：${details.width} × ${details.height} 像素，最多 ${details.maxPixels} 像素`,
        `The picture is too large: ${details.width} × ${details.height} pixels, at most ${details.maxPixels} pixels (IMAGE_MAX_PIXELS)`,
      );
    case 'CORRUPT':
      return say('图片数据已损坏或不完整', 'The picture’s data is damaged or cut off');
  }
}

/**
 * The image routes of the HTTP server: `POST /images` (an upload by a signed-in official) and
 * `GET`/`HEAD /images/<file>` (a stored original or card variant). `settings` configures the images
 * of the process (`configureImages`); `onWrite` runs after an upload is committed (the response
 * cache starts a new generation, as after a mutation).
 */
export function imageRoutes(deps: {
  em: EntityManager;
  auth: AuthSettings;
  log: Logger;
  settings?: ImageConfig;
  onWrite?: () => Promise<void> | void;
}) {
  const { em, auth, log, settings } = deps;
  /** This server's public address (see `publicUrl` below); each server in a process has its own. */
  let publicUrl = settings?.publicUrl?.replace(/\/+$/, '');
  if (settings) {
    configureImages({
      storage: storageIn(settings.dataDir),
      publicUrl: settings.publicUrl ?? imageSettings().publicUrl,
      maxBytes: settings.maxBytes ?? DEFAULT_IMAGE_MAX_BYTES,
      maxPixels: settings.maxPixels ?? DEFAULT_IMAGE_MAX_PIXELS,
    });
  }
  let processing = 0;
  const waiting: (() => void)[] = [];
  /** Runs `work` when fewer than MAX_PROCESSING images are being decoded. */
  async function limited<T>(work: () => Promise<T>): Promise<T> {
    // A slot is taken, or handed over by the work that finishes (so none is taken in between).
    if (processing >= MAX_PROCESSING) await new Promise<void>((resolve) => waiting.push(resolve));
    else processing++;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else processing--;
    }
  }
  /** Demo pictures being made, by key: concurrent first requests share one. */
  const making = new Map<string, Promise<void>>();

  const fail = (res: ServerResponse, status: number, code: string, message: string, extra = {}) => {
    res.setHeader('cache-control', 'no-store');
    sendJson(res, status, { errors: [{ message, extensions: { code, ...extra } }] });
  };

  /** The caller of a request, or an answer (401, 503) already sent. */
  async function viewerOf(req: IncomingMessage, res: ServerResponse): Promise<Viewer | null> {
    try {
      return await authenticate(em, auth, req.headers.authorization);
    } catch (error) {
      if (error instanceof AppError) {
        fail(res, 401, ErrorCode.UNAUTHENTICATED, error.message);
        return null;
      }
      if (databaseFailure(error)) {
        fail(
          res,
          503,
          ErrorCode.SERVICE_UNAVAILABLE,
          'The database is unavailable for a moment; try again.',
          {
            retryable: true,
          },
        );
        return null;
      }
      throw error;
    }
  }

  async function upload(req: IncomingMessage, res: ServerResponse) {
    const say = speaker(req);
    const refuse = (status: number, code: string, message: string) => {
      drain(req);
      fail(res, status, code, message);
    };
    // CSRF: the caller proves who they are with a header a page can send only after a preflight
    // (CORS); nothing is taken from cookies, so a form on another site cannot upload as anyone.
    if (!req.headers.authorization)
      return refuse(
        401,
        ErrorCode.UNAUTHENTICATED,
        say(
          '请先登录：以 Authorization: Bearer <token> 上传',
          'Sign in to upload: send Authorization: Bearer <token>',
        ),
      );
    const viewer = await viewerOf(req, res);
    if (!viewer) return drain(req);
    let writer: ReturnType<typeof requireWriter>;
    try {
      writer = requireWriter(viewer);
    } catch (error) {
      const code = (error as AppError).extensions.code as ErrorCode;
      return refuse(answerOf(code).status, code, (error as Error).message);
    }
    if (!/^multipart\/form-data\s*;/i.test(req.headers['content-type'] ?? ''))
      return refuse(
        415,
        'BAD_REQUEST',
        say(
          '请以 multipart/form-data 上传',
          'Send the picture as multipart/form-data (fields and one file part "file")',
        ),
      );
    const { maxBytes, maxPixels } = imageSettings();
    if (Number(req.headers['content-length']) > maxBytes + FORM_OVERHEAD) {
      drain(req);
      const { status, error } = formProblem(say, 'TOO_LARGE', 'file', { maxBytes }) as Extract<
        Form,
        { status: number }
      >;
      return fail(res, status, error.code, error.message, {
        reason: error.reason,
        field: error.field,
        maxBytes,
      });
    }
    // The caller, the type and the declared size are fine: a client waiting for it may send the body.
    if (/100-continue/i.test(req.headers.expect ?? '')) res.writeContinue();
    const form = await readForm(req, maxBytes, say);
    if ('error' in form) {
      const { code, message, ...extra } = form.error;
      return fail(
        res,
        form.status,
        code,
        message,
        form.error.reason === 'TOO_LARGE' ? { ...extra, maxBytes } : extra,
      );
    }
    const problems: UserError[] = [];
    const fields = uploadFields(form.fields, (field, message, code = UserErrorCode.INVALID) =>
      problems.push({ field: [field], code, message }),
    );
    const answer = (status: number, userErrors: (UserError & { reason?: string })[]) => {
      res.setHeader('cache-control', 'no-store');
      sendJson(res, status, {
        image: null,
        userErrors: userErrors.map((e) => ({
          ...e,
          field: e.field[0] === 'input' ? e.field.slice(1) : e.field,
        })),
      });
    };
    if (problems.length) return answer(400, problems);
    const stored: string[] = [];
    try {
      const image = await runWrite(em, writer, (w) =>
        uploadWork(w, fields, () => limited(() => processImage(form.file, maxPixels)), stored),
      );
      await deps.onWrite?.();
      res.setHeader('cache-control', 'no-store');
      sendJson(res, 201, { image: described(image, fields.ownerId, publicUrl), userErrors: [] });
    } catch (error) {
      // Nothing was written: the files stored before the row go too.
      await Promise.all(
        stored.map((name) =>
          imageSettings()
            .storage.delete(name)
            .catch(() => {}),
        ),
      );
      if (error instanceof ImageRefused) {
        const tooMany = error.reason === 'TOO_MANY_PIXELS';
        const status = tooMany || error.reason === 'CORRUPT' ? 400 : 415;
        return answer(status, [
          {
            field: ['file'],
            code: tooMany ? UserErrorCode.TOO_LARGE : UserErrorCode.INVALID,
            reason: error.reason,
            message: refusalMessage(say, error.reason, error.details),
          },
        ]);
      }
      if (error instanceof AppError) {
        const code = error.extensions.code as ErrorCode;
        return fail(res, answerOf(code).status, code, error.message);
      }
      if (error instanceof StorageFailure) {
        log({
          level: 'error',
          message: 'a picture could not be stored',
          stack: (error.cause as Error)?.stack,
        });
        return fail(
          res,
          503,
          ErrorCode.SERVICE_UNAVAILABLE,
          say(
            '图片暂时无法保存，未写入任何内容，请稍后重试',
            'The picture could not be stored; nothing was written. Try again later.',
          ),
          { retryable: true },
        );
      }
      const userErrors = refusalOf(error);
      if (userErrors) return answer(statusOf(userErrors), userErrors);
      if (databaseFailure(error))
        return fail(
          res,
          503,
          ErrorCode.SERVICE_UNAVAILABLE,
          'The database is unavailable for a moment; nothing was stored. Try again.',
          {
            retryable: true,
          },
        );
      throw error;
    }
  }

  /** The bytes of a stored file; a demo picture is made and stored the first time it is asked for. */
  async function bytesOf(name: string, key: string): Promise<Buffer | null> {
    const { storage } = imageSettings();
    const found = await storage.get(name);
    if (found || !key.startsWith(DEMO_PREFIX)) return found;
    let made = making.get(key);
    if (!made) {
      made = (async () => {
        const picture = await limited(() => demoPicture(key));
        if (!picture) return;
        await storage.put(`${key}.jpg`, picture.original);
        await storage.put(`${key}.card.webp`, picture.card);
      })().finally(() => making.delete(key));
      making.set(key, made);
    }
    await made;
    return storage.get(name);
  }

  async function serve(req: IncomingMessage, res: ServerResponse, name: string, head: boolean) {
    const notFound = () => fail(res, 404, ErrorCode.NOT_FOUND, 'There is no such picture');
    const parts = FILE_NAME.exec(name)?.groups;
    if (!parts) return notFound();
    const viewer = await viewerOf(req, res);
    if (!viewer) return;
    const row = (await imageService.byKey(
      createContext(em, auth, { viewer }),
      parts.key!,
    )) as ImageRow | null;
    if (!row) return notFound();
    const card = !!parts.card;
    if (card ? parts.ext !== 'webp' : name !== fileNames(row).original) return notFound();
    const etag = `"${name}"`;
    const cacheControl = !row.talentId
      ? IMMUTABLE
      : viewer.kind === 'anonymous'
        ? WITHDRAWABLE
        : 'private, no-store';
    res.setHeader('etag', etag);
    res.setHeader('cache-control', cacheControl);
    res.setHeader('x-content-type-options', 'nosniff');
    // Pages of other origins may show it (<img>), also under Cross-Origin-Embedder-Policy.
    res.setHeader('cross-origin-resource-policy', 'cross-origin');
    const match = req.headers['if-none-match'];
    if (
      match &&
      (match.trim() === '*' || match.split(',').some((t) => t.trim().replace(/^W\//, '') === etag))
    ) {
      res.writeHead(304).end();
      return;
    }
    const data = await bytesOf(name, parts.key!);
    if (!data) {
      log({ level: 'error', message: 'a stored picture has no file', requestId: undefined, path: [name] });
      res.removeHeader('etag');
      return notFound();
    }
    res.writeHead(200, {
      'content-type': card ? 'image/webp' : row.contentType,
      'content-length': data.length,
    });
    res.end(head ? undefined : data);
  }

  return {
    /**
     * Answers a request for `/images` or `/images/<file>`; false for any other path. Other methods
     * than POST (uploads) and GET/HEAD (files) get 405.
     */
    async handle(
      req: IncomingMessage,
      res: ServerResponse,
      pathname: string,
      method: string,
    ): Promise<boolean> {
      if (pathname !== '/images' && !pathname.startsWith('/images/')) return false;
      if (pathname === '/images') {
        if (method === 'POST') await upload(req, res);
        else {
          res.setHeader('allow', 'POST');
          drain(req);
          fail(
            res,
            405,
            'BAD_REQUEST',
            'Upload pictures with POST /images; fetch them with GET /images/<file>',
          );
        }
        return true;
      }
      if (method !== 'GET' && method !== 'HEAD') {
        res.setHeader('allow', 'GET, HEAD');
        drain(req);
        fail(res, 405, 'BAD_REQUEST', 'Pictures are read with GET or HEAD');
        return true;
      }
      await serve(req, res, pathname.slice('/images/'.length), method === 'HEAD');
      return true;
    },

    /** The address picture URLs start with: PUBLIC_URL, else the one the server listens on, once it does. */
    publicUrl: () => publicUrl,

    /** Without PUBLIC_URL, image URLs start with the address `server` listens on, once it does. */
    listenOn(server: Server) {
      if (settings?.publicUrl) return;
      server.once('listening', () => {
        publicUrl = listeningUrl(server);
        if (!publicUrl) return;
        configureImages({ ...imageSettings(), publicUrl });
      });
    },
  };
}

/**
 * The base URL of the address `server` listens on (`http://host:port`; `localhost` when it listens on
 * every interface, else the address itself: a name may resolve elsewhere); undefined before it does.
 */
export function listeningUrl(server: Server): string | undefined {
  const address = server.address() as AddressInfo | null;
  if (!address || typeof address !== 'object') return undefined;
  const host = ['0.0.0.0', '::'].includes(address.address)
    ? 'localhost'
    : address.family === 'IPv6'
      ? `[${address.address}]`
      : address.address;
  return `http://${host}:${address.port}`;
}
