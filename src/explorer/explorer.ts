import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, parse } from 'graphql';

/** Where the page's assets are served: `/graphql/explorer/<name>`, names from dist/explorer/manifest.json. */
export const EXPLORER_ASSETS = '/graphql/explorer/';

/**
 * The page's Content-Security-Policy: everything from this server only, so a reference to a CDN is
 * refused by the browser (and reported in its console). `data:` fonts and images: GraphiQL's
 * stylesheet carries its fonts and icons inline. `style-src 'unsafe-inline'`: GraphiQL's dialogs
 * (settings, shortcuts: Radix UI's react-remove-scroll) add a `<style>` element at run time whose
 * text holds the scrollbar's width, so no fixed hash can allow it; without it Chromium blocks it and
 * reports a violation on every dialog. Scripts stay 'self' only: nothing injected can run.
 */
export const EXPLORER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Assets are named by their content: a browser may keep them for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** A query example of the README, opened as a tab of the explorer. */
export interface ExplorerTab {
  query: string;
}

/** The bundle the build wrote (scripts/build-explorer.mjs). */
interface Manifest {
  script: string;
  style: string;
  files: string[];
}

/** The project's root: the nearest folder above this file holding package.json (src/ or dist/src/). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('explorer: no package.json above src/explorer/');
    dir = parent;
  }
  return dir;
}

/**
 * The README's GraphQL examples (its ```graphql blocks, as test/readme.test.ts reads them), one per
 * operation with the comment lines above it; those whose text is left out (`"…"`) included, as the
 * README shows them.
 */
export function readmeExamples(readme: string): string[] {
  const examples: string[] = [];
  for (const [, block = ''] of readme.matchAll(/```graphql\n([\s\S]*?)```/g)) {
    let from = 0;
    for (const definition of parse(block).definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION || !definition.loc) continue;
      examples.push(block.slice(from, definition.loc.end).trim());
      from = definition.loc.end;
    }
  }
  return examples;
}

/**
 * Whether a request asks for a page rather than a GraphQL answer: its Accept header names text/html
 * before (or without) application/json, as a browser's address bar does; `fetch`, curl and GraphQL
 * clients send `*\/*` or application/json first.
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const types = accept
    .split(',')
    .map((part) => part.split(';'))
    .filter(([, ...params]) => !params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p)))
    .map(([type = '']) => type.trim().toLowerCase());
  const html = types.indexOf('text/html');
  const json = types.indexOf('application/json');
  return html >= 0 && (json < 0 || html < json);
}

/**
 * The in-browser explorer: GraphiQL with the schema's docs, a history, and the README's examples as
 * tabs, every file served by the API itself. `serve` answers `GET /graphql` from a browser and
 * `GET /graphql/explorer/<asset>`, and returns false for any other request (left to the API).
 */
export function createExplorer(options: { endpoint?: string; root?: string } = {}) {
  const root = options.root ?? projectRoot();
  const dir = join(root, 'dist', 'explorer');
  const manifestPath = join(dir, 'manifest.json');
  const manifest: Manifest | undefined = existsSync(manifestPath)
    ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest)
    : undefined;
  const assets = new Set(manifest?.files ?? []);
  const readmePath = join(root, 'README.md');
  const examples = existsSync(readmePath) ? readmeExamples(readFileSync(readmePath, 'utf8')) : [];
  const settings = {
    endpoint: options.endpoint ?? '/graphql',
    defaultQuery: examples[0] ?? '{\n  villages(first: 5) {\n    nodes {\n      name\n    }\n  }\n}\n',
    tabs: examples.map((query): ExplorerTab => ({ query })),
  };
  const page = manifest ? html(manifest, settings) : undefined;

  return {
    /** Whether the bundle was built (dist/explorer/manifest.json); without it the page says how to build it. */
    built: !!manifest,
    serve(req: IncomingMessage, res: ServerResponse, pathname: string, method: string): boolean {
      if (method !== 'GET' && method !== 'HEAD') return false;
      if (pathname === '/graphql') {
        if (!prefersHtml(req.headers.accept)) return false;
        if (!page) {
          send(res, 503, 'text/plain; charset=utf-8', 'no-store', NOT_BUILT, method);
          return true;
        }
        res.setHeader('content-security-policy', EXPLORER_CSP);
        res.setHeader('referrer-policy', 'no-referrer');
        send(res, 200, 'text/html; charset=utf-8', 'no-cache', page, method);
        return true;
      }
      if (!pathname.startsWith(EXPLORER_ASSETS)) return false;
      // Only a name the build wrote: no path is ever joined from what the caller sent.
      const name = pathname.slice(EXPLORER_ASSETS.length);
      if (!assets.has(name)) {
        send(res, 404, 'text/plain; charset=utf-8', 'no-store', 'no such explorer asset\n', method);
        return true;
      }
      const type = CONTENT_TYPES[extname(name)] ?? 'application/octet-stream';
      send(res, 200, type, IMMUTABLE, readFileSync(join(dir, name)), method);
      return true;
    },
  };
}

export type Explorer = ReturnType<typeof createExplorer>;

const NOT_BUILT =
  'The explorer is not built: run `node scripts/build-explorer.mjs` (npm ci and npm start do it).\n';

function send(
  res: ServerResponse,
  status: number,
  type: string,
  cacheControl: string,
  body: string | Buffer,
  method: string,
) {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'cache-control': cacheControl,
    'x-content-type-options': 'nosniff',
  });
  res.end(method === 'HEAD' ? undefined : body);
}

/** The page: GraphiQL's bundle and its settings, as a JSON data block (not run: allowed by the CSP). */
function html(manifest: Manifest, settings: object): string {
  // `<` escaped: an example's text cannot close the data block.
  const json = JSON.stringify(settings).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Revitalization graph · GraphQL explorer</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${EXPLORER_ASSETS}${manifest.style}">
</head>
<body>
<div id="graphiql">Loading the explorer…</div>
<script id="explorer-settings" type="application/json">${json}</script>
<script type="module" src="${EXPLORER_ASSETS}${manifest.script}"></script>
</body>
</html>
`;
}
