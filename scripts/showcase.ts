// `npm run showcase`: the showcase site of examples/showcase/, built into dist/showcase/ by esbuild (a
// dependency already: it bundles the explorer) and served by a small node:http server on its own port,
// so its pages call the API from another origin (CORS). Nothing is fetched from elsewhere: the bundle
// is made from the installed npm packages, and the page's Content-Security-Policy allows only this
// server and the API.
//
//   npm run showcase              build when stale, then serve (SHOWCASE_PORT, default 4100)
//   npm run showcase -- build     build (always)
//   npm run showcase -- codegen   regenerate examples/showcase/src/generated/graphql.ts
//
// The API must let the page's origin read its answers: start it with
// `CORS_ORIGINS=http://localhost:4100 npm start` (or leave CORS_ORIGINS at its default, `*`).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'examples', 'showcase');
/** Where the bundle goes: dist/showcase/assets/ and dist/showcase/manifest.json. */
export const SHOWCASE_DIST = join(root, 'dist', 'showcase');
const manifestPath = join(SHOWCASE_DIST, 'manifest.json');

/** What `npm run showcase` reads from the environment. */
export interface ShowcaseConfig {
  /** SHOWCASE_PORT: port of the showcase server (default 4100; 0: any free port). */
  port: number;
  /** SHOWCASE_HOST: interface to listen on (default localhost). */
  host: string;
  /** SHOWCASE_API_URL: the API's GraphQL endpoint the pages call (default http://localhost:4000/graphql). */
  apiUrl: string;
  /** SHOWCASE_TOWN: code of the town the site shows (default dashuibo, the demo town). */
  town: string;
}

/** A setting of the showcase that cannot be used; the message names the variable. */
export class ShowcaseConfigError extends Error {}

/** The showcase's settings from `env`, each checked: a bad one throws ShowcaseConfigError. */
export function loadShowcaseConfig(env: Record<string, string | undefined> = process.env): ShowcaseConfig {
  const port = env.SHOWCASE_PORT?.trim() || '4100';
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) {
    throw new ShowcaseConfigError(
      `SHOWCASE_PORT must be a port number (0–65535), not ${JSON.stringify(port)}`,
    );
  }
  const host = env.SHOWCASE_HOST?.trim() || 'localhost';
  if (!/^[A-Za-z0-9.:[\]-]{1,255}$/.test(host)) {
    throw new ShowcaseConfigError(
      `SHOWCASE_HOST must be a host name or address, not ${JSON.stringify(host)}`,
    );
  }
  const apiUrl = env.SHOWCASE_API_URL?.trim() || 'http://localhost:4000/graphql';
  let parsed: URL;
  try {
    parsed = new URL(apiUrl);
  } catch {
    throw new ShowcaseConfigError(`SHOWCASE_API_URL must be an http(s) URL, not ${JSON.stringify(apiUrl)}`);
  }
  if (!['http:', 'https:'].includes(parsed.protocol) || parsed.username || parsed.password || parsed.hash) {
    throw new ShowcaseConfigError(
      `SHOWCASE_API_URL must be an http(s) URL without credentials or fragment, not ${JSON.stringify(apiUrl)}`,
    );
  }
  const town = env.SHOWCASE_TOWN?.trim() || 'dashuibo';
  if (!/^[a-z0-9][a-z0-9-]{0,79}$/.test(town)) {
    throw new ShowcaseConfigError(
      `SHOWCASE_TOWN must be a region code such as dashuibo, not ${JSON.stringify(town)}`,
    );
  }
  return { port: Number(port), host, apiUrl: parsed.href, town };
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

interface Manifest {
  script: string;
  style: string;
  files: string[];
}

/**
 * Bundles examples/showcase/src/main.ts and style.css into dist/showcase/assets/ (content-hashed
 * names) and writes dist/showcase/manifest.json. Skipped when the bundle is newer than every input,
 * unless `force`. Returns the manifest.
 */
export async function buildShowcase(options: { force?: boolean } = {}): Promise<Manifest> {
  const inputs = [
    ...filesUnder(join(source, 'src')),
    join(source, 'style.css'),
    join(source, 'index.html'),
    join(source, 'tsconfig.json'),
    join(root, 'package-lock.json'),
    fileURLToPath(import.meta.url),
  ];
  const built = existsSync(manifestPath) ? statSync(manifestPath).mtimeMs : 0;
  if (!options.force && inputs.every((file) => !existsSync(file) || statSync(file).mtimeMs <= built)) {
    return JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  }
  const started = Date.now();
  const { build } = await import('esbuild');
  const assets = join(SHOWCASE_DIST, 'assets');
  rmSync(SHOWCASE_DIST, { recursive: true, force: true });
  mkdirSync(assets, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { showcase: 'examples/showcase/src/main.ts', style: 'examples/showcase/style.css' },
    tsconfig: 'examples/showcase/tsconfig.json',
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: 'linked',
    outdir: assets,
    entryNames: '[name]-[hash]',
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  const files = Object.keys(result.metafile.outputs).map((file) => relative(assets, join(root, file)));
  const script = files.find((file) => file.endsWith('.js'));
  const style = files.find((file) => file.endsWith('.css'));
  if (!script || !style) throw new Error(`showcase build: no script or stylesheet among ${files.join(', ')}`);
  const manifest: Manifest = { script, style, files: readdirSync(assets) };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  process.stderr.write(`built the showcase into dist/showcase/ in ${Date.now() - started} ms\n`);
  return manifest;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Text for an HTML attribute value in double quotes. */
const attribute = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The page's Content-Security-Policy: scripts, styles and fonts from this server only; requests to
 * the API alone (its ws: twin too, for graphql-ws subscriptions); images from here, data: URLs and the
 * API (which serves the Image type's files); no frames, no forms, no <base>.
 */
export function showcaseCsp(apiUrl: string): string {
  const api = new URL(apiUrl);
  const ws = `${api.protocol === 'https:' ? 'wss:' : 'ws:'}//${api.host}`;
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data: ${api.origin}`,
    `connect-src ${api.origin} ${ws}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The showcase server: `/` is the page (index.html with the API's URL and the town), `/assets/<name>`
 * the bundle's files by their exact names (cached for a year: the names carry a content hash). Any
 * other path is 404, any method but GET and HEAD 405. `apiUrl` may be a function, read per request
 * (a test starts the API after the showcase, to list the showcase's origin in CORS_ORIGINS).
 */
export function createShowcaseServer(options: {
  apiUrl: string | (() => string);
  town: string;
  manifest: Manifest;
}): Server {
  const { manifest, town } = options;
  const template = readFileSync(join(source, 'index.html'), 'utf8');
  const assets = new Set(manifest.files);
  const apiUrl = typeof options.apiUrl === 'function' ? options.apiUrl : () => options.apiUrl as string;
  const send = (
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    headers: Record<string, string>,
    body: string | Buffer,
  ) => {
    res.writeHead(status, {
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      ...headers,
      'content-length': String(Buffer.byteLength(body)),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  return createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(
        req,
        res,
        405,
        { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' },
        'method not allowed\n',
      );
      return;
    }
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/' || path === '/index.html') {
      const url = apiUrl();
      const html = template
        .replaceAll('%API_URL%', attribute(url))
        .replaceAll('%TOWN%', attribute(town))
        .replaceAll('%SCRIPT%', attribute(manifest.script))
        .replaceAll('%STYLE%', attribute(manifest.style));
      send(
        req,
        res,
        200,
        {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-cache',
          'content-security-policy': showcaseCsp(url),
        },
        html,
      );
      return;
    }
    const name = path.startsWith('/assets/') ? path.slice('/assets/'.length) : '';
    // Only the bundle's own file names: no decoding, no directories, nothing else on disk.
    if (name && assets.has(name)) {
      const type = TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream';
      send(
        req,
        res,
        200,
        { 'content-type': type, 'cache-control': 'public, max-age=31536000, immutable' },
        readFileSync(join(SHOWCASE_DIST, 'assets', name)),
      );
      return;
    }
    send(req, res, 404, { 'content-type': 'text/plain; charset=utf-8' }, 'not found\n');
  });
}

/** Builds when stale and serves the showcase with `config`; resolves once it listens. */
export async function startShowcase(config: ShowcaseConfig): Promise<{ server: Server; url: string }> {
  const manifest = await buildShowcase();
  const server = createShowcaseServer({ apiUrl: config.apiUrl, town: config.town, manifest });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return { server, url: `http://${host}:${port}` };
}

async function main(command: string | undefined) {
  if (command === 'codegen') {
    const { generateShowcaseTypes, showcaseValidationErrors, SHOWCASE_GENERATED } = await import(
      '../examples/showcase/codegen.js'
    );
    const errors = showcaseValidationErrors(root);
    if (errors.length) throw new Error(`the showcase's operations do not validate:\n${errors.join('\n')}`);
    writeFileSync(join(root, SHOWCASE_GENERATED), await generateShowcaseTypes(root));
    console.log(`wrote ${SHOWCASE_GENERATED}`);
    return;
  }
  if (command === 'build') {
    await buildShowcase({ force: true });
    return;
  }
  if (command !== undefined && command !== 'serve') {
    throw new ShowcaseConfigError(`unknown command ${JSON.stringify(command)}: use serve, build or codegen`);
  }
  const config = loadShowcaseConfig();
  const { server, url } = await startShowcase(config);
  console.log(`Showcase at ${url}/ calling the API at ${config.apiUrl}`);
  console.log(`(the API must allow this origin: CORS_ORIGINS=${url} npm start, or CORS_ORIGINS=*)`);
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv[2]).catch((error: unknown) => {
    console.error(error instanceof ShowcaseConfigError ? `showcase: ${error.message}` : error);
    process.exit(1);
  });
}
