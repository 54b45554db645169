import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** What the fault tests (test/faults*.test.ts) share: the API's open files and its /health. */

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Open files of process `pid` (`self`: this one), but for the sockets of HTTP connections to the
 * API on `base` (the test is its client: fetch keeps those alive for a few seconds, and they are not
 * the API's to give back).
 */
export function openFilesOf(pid: number | 'self', base: string): number {
  const apiPort = Number(new URL(base).port);
  const httpInodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      const ports = [cols[1]!, cols[2]!].map((a) => Number.parseInt(a.split(':')[1]!, 16));
      if (ports.includes(apiPort)) httpInodes.add(cols[9]!);
    }
  }
  let n = 0;
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
      if (!inode || !httpInodes.has(inode)) n++;
    } catch {
      // closed meanwhile
    }
  }
  return n;
}

/** The status of `base`/health (0 when it does not answer within 5 s). */
export async function healthOf(base: string): Promise<number> {
  try {
    return (await fetch(`${base}/health`, { signal: AbortSignal.timeout(5_000) })).status;
  } catch {
    return 0;
  }
}

/** Polls `base`/health until 200; the milliseconds it took. */
export async function untilHealthy(base: string, maxMs: number, detail = () => ''): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < maxMs) {
    if ((await healthOf(base)) === 200) return Date.now() - started;
    await sleep(200);
  }
  throw new Error(`/health not 200 within ${maxMs} ms${detail()}`);
}
