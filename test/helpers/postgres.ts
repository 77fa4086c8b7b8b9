// A throwaway PostgreSQL cluster for the tests that need one: initdb in a temporary folder, one server on a free
// loopback port, stopped and removed afterwards. Debian's PostgreSQL binaries are used (`.ci/run` installs them);
// RADSLAG_TEST_DATABASE_URL points the tests at a server someone else runs instead.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PgServer {
  /** The server's maintenance database: postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  /** The postmaster's process id (its backends are its children), when this server was started here. */
  pid?: number;
  /** A new, empty database on this server; answers its URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

/** Why PostgreSQL tests cannot run here, or undefined when they can. */
export function postgresMissing(): string | undefined {
  if (process.env.RADSLAG_TEST_DATABASE_URL) return undefined;
  return binDir() ? undefined : NOT_INSTALLED;
}

const NOT_INSTALLED =
  'PostgreSQL er ikke installeret (ingen /usr/lib/postgresql/*/bin/postgres, og PG_BINDIR er ikke sat): ' +
  'testene mod PostgreSQL springes over. `apt-get install postgresql` (som .ci/run gør) får dem til at køre.';

function binDir(): string | undefined {
  const fromEnv = process.env.PG_BINDIR;
  if (fromEnv && existsSync(join(fromEnv, 'postgres'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** PostgreSQL refuses to run as root: as root, its programs run as the `postgres` user Debian's package makes. */
function asPostgres(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  return {
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString()),
  };
}

async function waitUntilAccepting(url: string, child: ChildProcess | undefined, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`PostgreSQL stoppede under start:\n${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (err) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`PostgreSQL svarede ikke inden 30 s: ${(err as Error).message}\n${log()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

let databases = 0;

function server(url: string, stop: () => Promise<void>, pid?: number): PgServer {
  return {
    url,
    pid,
    async createDatabase() {
      const name = `radslag_${process.pid}_${++databases}_${Math.random().toString(36).slice(2, 8)}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      const u = new URL(url);
      u.pathname = `/${name}`;
      return u.toString();
    },
    stop,
  };
}

/**
 * Starts a PostgreSQL server of its own for the calling test file, or answers undefined (and says why on the
 * console) when PostgreSQL is not installed.
 */
export async function startPostgres(options: { maxConnections?: number } = {}): Promise<PgServer | undefined> {
  const external = process.env.RADSLAG_TEST_DATABASE_URL;
  if (external) return server(external, async () => undefined);
  const bin = binDir();
  if (!bin) {
    console.warn(NOT_INSTALLED);
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'radslag-pg-'));
  const data = join(dir, 'data');
  const user = asPostgres();
  if (user.uid !== undefined) chownSync(dir, user.uid, user.gid ?? 0);
  execFileSync(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'], {
    stdio: 'pipe',
    ...user,
  });
  const port = await freePort();
  const args = [
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `max_connections=${options.maxConnections ?? 200}`,
    '-c',
    'shared_buffers=64MB',
  ];
  let output = '';
  const child = spawn(join(bin, 'postgres'), args, { stdio: ['ignore', 'pipe', 'pipe'], ...user });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      // SIGINT: PostgreSQL's fast shutdown (clients disconnected, no waiting for them).
      child.kill('SIGINT');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilAccepting(url, child, () => output);
  } catch (err) {
    await stop();
    throw err;
  }
  return server(url, stop, child.pid);
}
