// A marker in the data folder while a server uses it, so the command-line tools can tell.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RunningServer {
  pid: number;
  port: number;
  startedAt: string;
}

const FILE = 'server.json';

/** Writes the marker; answers false when it cannot (a full disk), because a server must start all the same. */
export function markRunning(dataDir: string, port: number): boolean {
  const marker: RunningServer = { pid: process.pid, port, startedAt: new Date().toISOString() };
  try {
    writeFileSync(join(dataDir, FILE), `${JSON.stringify(marker)}\n`);
    return true;
  } catch {
    // Without the marker the tools do not know that this server runs; on a full disk they could write nothing anyway.
    return false;
  }
}

export function clearRunning(dataDir: string): void {
  rmSync(join(dataDir, FILE), { force: true });
}

/** The server that uses this data folder now, or null; a marker left by a killed server does not count. */
export function runningServer(dataDir: string): RunningServer | null {
  let marker: RunningServer;
  try {
    marker = JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')) as RunningServer;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    // An unreadable marker is no proof of a running server; the tools go on.
    return null;
  }
  if (!Number.isInteger(marker.pid) || marker.pid <= 0) return null;
  try {
    process.kill(marker.pid, 0);
    return marker;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else — still running.
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? marker : null;
  }
}
