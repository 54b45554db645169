import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where Debian's chromium package puts the browser. */
export const CHROMIUM = '/usr/bin/chromium';
/** Longest the one-time install may take (apt-get update and install), in ms. */
const INSTALL_TIMEOUT_MS = 5 * 60_000;

/**
 * Runs the shell `script` as root's installs must run when several test files may start at once
 * (vitest's forks): one at a time, under a lock file (util-linux's flock, where there is one), so
 * that a second apt-get waits for the first instead of failing on dpkg's lock.
 */
function aptInstall(script: string): SpawnSyncReturns<string> {
  const options = {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeout: INSTALL_TIMEOUT_MS,
    encoding: 'utf8' as const,
    maxBuffer: 64 * 1024 * 1024,
  };
  const lock = join(tmpdir(), 'revgraph-browser-tests-apt.lock');
  const hasFlock = spawnSync('sh', ['-c', 'command -v flock'], { stdio: 'ignore' }).status === 0;
  return hasFlock
    ? spawnSync('flock', ['-w', String(INSTALL_TIMEOUT_MS / 1000), lock, 'sh', '-c', script], options)
    : spawnSync('sh', ['-c', script], options);
}

/** Why no Chromium is at hand, when `chromiumPath()` gives none: printed by the tests it skips. */
export let noChromiumReason = '';

let found: string | undefined | null = null;

/**
 * A Chromium for the browser tests: /usr/bin/chromium when installed; otherwise, as root with
 * apt-get (a developer's machine, CI), Debian's `chromium` package is installed once, quietly, with
 * a timeout; otherwise none, and `noChromiumReason` says why. Drive it with playwright-core
 * (`chromium.launch({ executablePath, args: ['--no-sandbox'] })`): no browser is downloaded.
 */
export function chromiumPath(): string | undefined {
  if (found !== null) return found;
  found = locate();
  return found;
}

function locate(): string | undefined {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  if (process.getuid?.() !== 0) {
    noChromiumReason = `${CHROMIUM} is not installed and the tests do not run as root to install it (apt-get install chromium)`;
    return undefined;
  }
  if (spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status !== 0) {
    noChromiumReason = `${CHROMIUM} is not installed and there is no apt-get to install it`;
    return undefined;
  }
  process.stderr.write(
    `[browser tests] ${CHROMIUM} is missing: installing Debian's chromium package (apt-get update && apt-get install -y chromium, at most ${INSTALL_TIMEOUT_MS / 60_000} minutes)…\n`,
  );
  const started = Date.now();
  // Another test file may have installed it while this one waited for the lock.
  const install = aptInstall(
    `test -x ${CHROMIUM} || (apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium)`,
  );
  if (install.status === 0 && existsSync(CHROMIUM)) {
    process.stderr.write(
      `[browser tests] chromium installed in ${Math.round((Date.now() - started) / 1000)} s\n`,
    );
    return CHROMIUM;
  }
  const why =
    install.error?.message ?? `apt-get exited ${install.status}: ${install.stderr.trim().slice(-500)}`;
  noChromiumReason = `${CHROMIUM} is not installed and installing it failed (${why})`;
  process.stderr.write(`[browser tests] ${noChromiumReason}\n`);
  return undefined;
}

let fontChecked = false;

/**
 * Best effort, once: a font with Chinese glyphs, so that screenshots of Chinese pages show characters
 * rather than empty boxes. When fontconfig knows none and the tests run as root with apt-get, Debian's
 * `fonts-wqy-microhei` (5 MB) is installed quietly; otherwise nothing happens (what the tests assert
 * is the pages' text, which needs no font).
 */
export function ensureCjkFont(): void {
  if (fontChecked) return;
  fontChecked = true;
  const list = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  if (list.status !== 0 || list.stdout.trim() !== '') return;
  if (process.getuid?.() !== 0) return;
  const install = 'apt-get install -y -qq --no-install-recommends fonts-wqy-microhei';
  const done = aptInstall(`${install} || (apt-get update -qq && ${install})`);
  process.stderr.write(
    `[browser tests] ${done.status === 0 ? 'installed fonts-wqy-microhei for Chinese text in screenshots' : 'could not install a Chinese font: screenshots show boxes for Chinese text'}\n`,
  );
}
