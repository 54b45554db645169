import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** A child process that printed `ready at <url>`. */
export interface Started {
  child: ChildProcess;
  url: string;
  /** Milliseconds from spawn to the ready line. */
  startMs: number;
  stop(): Promise<void>;
}

/** Spawns `command args` and waits for its `ready at <url>` line (stderr passes through). */
export function startProcess(
  command: string,
  args: string[],
  env: Record<string, string | undefined>,
): Promise<Started> {
  const t0 = performance.now();
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /ready at (\S+)/.exec(out);
      if (m) {
        out = '';
        child.stdout!.removeAllListeners('data');
        child.stdout!.resume();
        resolve({
          child,
          url: m[1]!,
          startMs: performance.now() - t0,
          stop: async () => {
            if (child.exitCode !== null || child.signalCode !== null) return;
            const exited = new Promise((r) => child.once('exit', r));
            child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
    child.once('exit', (code) =>
      reject(new Error(`${args.join(' ')} exited with ${code} before it was ready`)),
    );
  });
}

/** The node arguments `npm start` runs the API with (from package.json), so the benchmark measures the same. */
export function startArguments(): string[] {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } };
  return pkg.scripts.start
    .replace(/^exec\s+/, '')
    .split(/\s+/)
    .slice(1);
}

/** Resident memory of a process in MB. */
export const rssMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/**
 * CPU time (user + system) of a process in seconds, with that of its children that ended (so a
 * PostgreSQL backend's time stays counted in the postmaster after it exits); 0 when it is gone.
 */
function cpuSeconds(pid: number | string): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds of every PostgreSQL process on this machine (backends come and go; their sum is what counts). */
function postgresCpuSeconds(): number {
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total += cpuSeconds(pid);
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** Starts a CPU meter for `pid` and PostgreSQL; `read()` gives each as a percentage of one core since. */
export function cpuMeter(pid: number) {
  const t0 = performance.now();
  const server0 = cpuSeconds(pid);
  const pg0 = postgresCpuSeconds();
  return {
    read() {
      const seconds = (performance.now() - t0) / 1000;
      return {
        serverCpu: (100 * (cpuSeconds(pid) - server0)) / seconds,
        // A backend that ends during the run can vanish before its parent has counted it: never below 0.
        postgresCpu: Math.max(0, (100 * (postgresCpuSeconds() - pg0)) / seconds),
      };
    },
  };
}
