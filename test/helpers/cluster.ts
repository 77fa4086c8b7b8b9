// Several Rådslag processes on one PostgreSQL behind HAProxy, run with deploy/haproxy.cfg itself: what the cluster
// tests and `npm run bench -- --processes 3` start (docs/deploy.md).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export function haproxyMissing(): string | undefined {
  try {
    execFileSync('haproxy', ['-v'], { stdio: 'pipe' });
    return undefined;
  } catch {
    return 'HAProxy er ikke installeret: testene med flere processer bag HAProxy springes over. `apt-get install haproxy` (som .ci/run gør) får dem til at køre.';
  }
}

export function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => done(port));
    });
  });
}

export interface ClusterProcess {
  name: string;
  port: number;
  url: string;
  proc: ChildProcess;
  output: () => string;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/** Every phone of a test or a bench comes from 127.0.0.1: the per-address allowances are lifted for it. */
export const MANY_PHONES_FROM_ONE_ADDRESS: Record<string, string> = {
  ADDRESS_BURST: '1000000',
  ADDRESS_RATE: '1000000',
  MAX_PENDING_UPGRADES: '100000',
  MAX_CONNECTIONS_PER_ROOM: '100000',
  JOIN_BURST: '1000000',
  JOINS_PER_MINUTE: '1000000',
  ROOM_CREATE_BURST: '100000',
  ROOMS_PER_HOUR_PER_ADDRESS: '1000000',
  ROOMS_PER_HOUR: '1000000',
};

export async function startProcess(name: string, port: number, env: Record<string, string>): Promise<ClusterProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), `radslag-${name}-`));
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, TRUST_PROXY: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  await new Promise<void>((ready, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} startede ikke:\n${output}`)), 30_000);
    const check = () => {
      if (/Rådslag kører/.test(output)) {
        clearTimeout(timer);
        ready();
      }
    };
    proc.stdout!.on('data', check);
    proc.once('exit', (code) => reject(new Error(`${name} stoppede (${code}):\n${output}`)));
  });
  const done = async (signal: NodeJS.Signals) => {
    if (proc.exitCode === null && proc.signalCode === null) {
      proc.kill(signal);
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    proc,
    output: () => output,
    kill9: () => done('SIGKILL'),
    stop: () => done('SIGTERM'),
  };
}

export interface HaProxy {
  url: string;
  /** HAProxy's process id (one process, run in the foreground with -db). */
  pid: number;
  stop(): Promise<void>;
}

/** HAProxy with deploy/haproxy.cfg, its listening address and server lines replaced by these ports. */
export async function startHaproxy(servers: { name: string; port: number }[]): Promise<HaProxy> {
  const port = await freePort();
  const lines = readFileSync(join(ROOT, 'deploy/haproxy.cfg'), 'utf8').split('\n');
  const out: string[] = [];
  for (const line of lines) {
    if (line.includes('# radslag-bind')) out.push(`  bind 127.0.0.1:${port}`);
    // Within this machine's file descriptor limit (ulimit -n), which a test cannot raise.
    else if (line.includes('# radslag-maxconn')) out.push('  maxconn 5000');
    else if (line.includes('# radslag-server')) {
      if (!out.some((l) => l.includes('radslag-test-servers'))) {
        out.push('  # radslag-test-servers');
        for (const s of servers) out.push(`  server ${s.name} 127.0.0.1:${s.port} check`);
      }
    } else out.push(line);
  }
  if (!out.some((l) => l.includes('radslag-test-servers')) || !out.some((l) => l.includes(`127.0.0.1:${port}`))) {
    throw new Error('deploy/haproxy.cfg har ikke de markerede linjer (# radslag-bind, # radslag-server), som testene bruger.');
  }
  const dir = mkdtempSync(join(tmpdir(), 'radslag-haproxy-'));
  const file = join(dir, 'haproxy.cfg');
  writeFileSync(file, out.join('\n'));
  const proc = spawn('haproxy', ['-db', '-f', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  proc.stderr!.on('data', (d: Buffer) => (errors += d.toString()));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`HAProxy stoppede:\n${errors}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`HAProxy svarede ikke:\n${errors}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: proc.pid!,
    async stop() {
      if (proc.exitCode === null) {
        proc.kill('SIGTERM');
        await exited;
      }
      if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    },
  };
}
