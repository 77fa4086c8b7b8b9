// Starts real Rådslag servers for tests: in this process on port 0, or as a child process that can be killed with SIGKILL.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRadslag, type Radslag } from '../../server/app.js';
import { configFromEnv, type Config } from '../../server/config.js';

export const ROOT = resolve(import.meta.dirname, '../..');

/** The fixture decks: `alle-aktiviteter` (one slide per activity kind and the whiteboard) and others. */
export const FIXTURE_SLIDES = join(ROOT, 'test/fixtures/slides');
/** The fixture deck `udvalg`, whose motion only members with a voting card may vote on. */
export const FIXTURE_VOTING_CARDS = join(ROOT, 'test/fixtures/voting-cards');

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'radslag-test-'));
}

export interface TestServer {
  app: Radslag;
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startServer(options: { dataDir?: string; config?: Partial<Config> } = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDataDir();
  const config = configFromEnv(ROOT, {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    quiet: true,
    publishIntervalMs: 20,
    ...options.config,
  });
  const app = createRadslag(config);
  const { port } = await app.listen();
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    stop: () => app.close(),
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * One real server for a whole test file, with the file's settings: started before its first test (the
 * returned object's fields are set then), stopped and its data removed after the file.
 */
export function serverForThisFile(config: Partial<Config> = {}): TestServer {
  const server = {} as TestServer;
  beforeAll(async () => {
    Object.assign(server, await startServer({ config }));
  });
  afterAll(async () => {
    if (!server.stop) return;
    await server.stop();
    removeDir(server.dataDir);
  });
  return server;
}

/** A server over a data folder of its own, for tests of what survives a restart. Its fields follow the running server. */
export interface RestartableServer extends TestServer {
  /** Stops the server and starts a new one (on a new port) over the same data, as a clean restart does. */
  restart(): Promise<void>;
  /** Stops the server and removes its data. */
  close(): Promise<void>;
}

export async function restartableServer(config: Partial<Config> = {}): Promise<RestartableServer> {
  const dataDir = tempDataDir();
  const s = await startServer({ dataDir, config });
  return Object.assign(s, {
    async restart() {
      await s.stop();
      Object.assign(s, await startServer({ dataDir, config }));
    },
    async close() {
      await s.stop();
      removeDir(dataDir);
    },
  });
}

/**
 * Servers with settings of a test's own, each started when the test asks and all stopped (their data
 * removed) after the file: `const serverWith = serversForThisFile(); const s = await serverWith({...});`.
 */
export function serversForThisFile(): (config?: Partial<Config>) => Promise<TestServer> {
  const servers: TestServer[] = [];
  afterAll(async () => {
    for (const s of servers) {
      await s.stop();
      removeDir(s.dataDir);
    }
  });
  return async (config = {}) => {
    const s = await startServer({ config });
    servers.push(s);
    return s;
  };
}

export interface ChildServer {
  url: string;
  proc: ChildProcess;
  /** SIGKILL: no shutdown hook runs, as in a crash or a power cut of the process. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

export async function spawnServer(dataDir: string, env: Record<string, string> = {}): Promise<ChildServer> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, PUBLISH_INTERVAL_MS: '20', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
    proc.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      const m = /På denne maskine:\s+http:\/\/\S+:(\d+)\//.exec(output);
      if (m) {
        clearTimeout(timer);
        resolveUrl(`http://127.0.0.1:${m[1]}`);
      }
    });
    proc.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  return {
    url,
    proc,
    async kill9() {
      proc.kill('SIGKILL');
      await exited;
    },
    async stop() {
      proc.kill('SIGTERM');
      await exited;
    },
  };
}
