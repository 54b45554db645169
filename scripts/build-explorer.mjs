// Builds the in-browser explorer (GET /graphql from a browser, src/explorer/): GraphiQL, React and
// their styles bundled by esbuild from the installed npm packages into dist/explorer/, file names
// carrying a content hash, and dist/explorer/manifest.json naming them. Runs after `npm ci`
// (postinstall) and before `npm start`; skips the work when the bundle is newer than its inputs.
// Nothing is fetched: the page the API serves loads only these files.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'explorer');
const manifest = join(outdir, 'manifest.json');
const inputs = [
  join(root, 'src', 'explorer', 'browser.js'),
  join(root, 'src', 'explorer', 'explorer.css'),
  join(root, 'package-lock.json'),
  fileURLToPath(import.meta.url),
];

const built = existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
if (
  process.argv.includes('--force') ||
  inputs.some((file) => existsSync(file) && statSync(file).mtimeMs > built)
) {
  const started = Date.now();
  const { build } = await import('esbuild');
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { explorer: 'src/explorer/browser.js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: false,
    outdir,
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    // Fonts and images GraphiQL's stylesheet names are inlined (it ships its fonts as data: URLs).
    loader: {
      '.woff': 'dataurl',
      '.woff2': 'dataurl',
      '.ttf': 'dataurl',
      '.svg': 'dataurl',
      '.png': 'dataurl',
    },
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  const files = Object.keys(result.metafile.outputs).map((file) => relative(outdir, join(root, file)));
  const script = files.find((file) => file.endsWith('.js'));
  const style = files.find((file) => file.endsWith('.css'));
  if (!script || !style) throw new Error(`build-explorer: no script or stylesheet among ${files.join(', ')}`);
  writeFileSync(manifest, `${JSON.stringify({ script, style, files: readdirSync(outdir) }, null, 2)}\n`);
  process.stderr.write(`built the explorer into dist/explorer/ in ${Date.now() - started} ms\n`);
}
