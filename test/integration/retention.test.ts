// Deleting a room means gone: from the API, from connected clients, and from the bytes of the database
// files. Rooms older than RETENTION_DAYS go by themselves.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join as joinPath } from 'node:path';
import * as Y from 'yjs';
import { DOC } from '../../core/room-doc.js';
import { call, closed, createRoom, join, rawSocket, waitFor, yClient } from '../helpers/clients.js';
import { FIXTURE_SLIDES, removeDir, ROOT, serverForThisFile, startServer } from '../helpers/server.js';
import { type Room, roomSteps } from '../helpers/room.js';

const server = serverForThisFile({ slidesDir: FIXTURE_SLIDES });

const { control: ctl, intent: act } = roomSteps(server);

/** Every byte of the database and its write-ahead log, as text. */
function databaseBytes(): string {
  return readdirSync(server.dataDir)
    .filter((f) => f.startsWith('radslag.sqlite'))
    .map((f) => readFileSync(joinPath(server.dataDir, f)).toString('latin1'))
    .join('\n');
}

/** A room with a ballot, a text answer, a note, dots and a document write, each carrying `marker`. */
async function filledRoom(marker: string): Promise<{ room: Room; token: string }> {
  const room = await createRoom(server.url, 'alle-aktiviteter');
  const { participantToken: token } = await join(server.url, room.joinCode);
  await ctl(room, { action: 'open', activity: 'ord' });
  expect((await act(room, token, { type: 'ballot', activity: 'ord', ballot: { text: `svar ${marker}` } })).status).toBe(200);
  await ctl(room, { action: 'decide', activity: 'indstilling', decision: `beslutning ${marker}` });
  await ctl(room, { action: 'board-phase', board: 'tavle', phase: 'notes' });
  const note = await act(room, token, { type: 'note', board: 'tavle', zone: 'problemer', text: `seddel ${marker}` });
  expect(note.status).toBe(200);
  const fac = yClient(server.url, room.roomId, room.facilitatorKey);
  await fac.synced;
  fac.doc.getMap(DOC.present).set('slideTitle', `slide ${marker}`);
  const layout = new Y.Map();
  fac.doc.getMap(DOC.layout).set('tavle', layout);
  await waitFor(async () => databaseBytes().includes(`slide ${marker}`));
  fac.destroy();
  return { room, token };
}

describe('deleting a room', () => {
  it('removes it from the API, disconnects its clients, and leaves none of its bytes in the database files', async () => {
    const keep = await filledRoom('BEHOLDES7d1');
    const gone = await filledRoom('SLETTES9f2');
    expect(databaseBytes()).toContain('seddel SLETTES9f2');

    const phone = await rawSocket(`${server.url.replace(/^http/, 'ws')}/sync/${gone.room.roomId}?token=${gone.token}`);
    expect(phone.opened).toBe(true);
    const ended = closed(phone.ws);
    // Only the room's facilitator may delete it.
    expect((await call(server.url, `/api/rooms/${gone.room.roomId}`, { method: 'DELETE', token: gone.token })).status).toBe(403);
    expect((await call(server.url, `/api/rooms/${gone.room.roomId}`, { method: 'DELETE', token: keep.room.facilitatorKey })).status).toBe(
      403,
    );
    const r = await call(server.url, `/api/rooms/${gone.room.roomId}`, { method: 'DELETE', token: gone.room.facilitatorKey });
    expect(r.status).toBe(200);
    expect(await ended).toEqual({ code: 4404, reason: 'Rummet er slettet.' });

    expect((await call(server.url, `/api/rooms/${gone.room.roomId}`, { token: gone.room.facilitatorKey })).status).toBe(404);
    expect((await call(server.url, '/api/join', { body: { code: gone.room.joinCode } })).status).toBe(404);
    expect((await call(server.url, `/api/rooms/${gone.room.roomId}/me`, { token: gone.token })).status).toBe(401);

    const bytes = databaseBytes();
    for (const needle of ['SLETTES9f2', gone.room.roomId]) expect(bytes.includes(needle), needle).toBe(false);
    // The other room is untouched.
    for (const needle of ['seddel BEHOLDES7d1', 'svar BEHOLDES7d1', 'beslutning BEHOLDES7d1', keep.room.roomId])
      expect(bytes).toContain(needle);
    expect((await call(server.url, `/api/rooms/${keep.room.roomId}/export?format=json`, { token: keep.room.facilitatorKey })).status).toBe(
      200,
    );
  });

  it('rooms older than the retention period are deleted; younger ones stay', async () => {
    const old = await filledRoom('GAMMEL3c4');
    const young = await createRoom(server.url, 'alle-aktiviteter');
    const now = Date.now();
    // Thirty days and a minute from now, both rooms are past 30 days; one day from now, neither is.
    expect(await server.app.rooms.expire(30, now + 24 * 3600 * 1000)).toEqual([]);
    const deleted = await server.app.rooms.expire(30, Date.parse(new Date(now + 30 * 24 * 3600 * 1000 + 60_000).toISOString()));
    expect(deleted).toContain(old.room.roomId);
    expect(deleted).toContain(young.roomId);
    expect(databaseBytes().includes('GAMMEL3c4')).toBe(false);
    expect(await server.app.rooms.expire(0, now + 365 * 24 * 3600 * 1000)).toEqual([]);
  });

  it('npm run delete-room deletes from the data folder', async () => {
    const s = await startServer({ config: { slidesDir: FIXTURE_SLIDES } });
    const room = await createRoom(s.url, 'alle-aktiviteter');
    // While the server uses the folder the command refuses, since the server would keep serving the room.
    const refused = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/delete-room.ts', '--room', room.roomId], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: s.dataDir, SLIDES_DIR: FIXTURE_SLIDES },
      encoding: 'utf8',
    });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('bruger');
    expect(refused.stderr).toContain('Slet rum');
    expect((await join(s.url, room.joinCode)).participantToken).toBeTruthy();
    await s.stop();
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/delete-room.ts', '--room', room.roomId], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: s.dataDir, SLIDES_DIR: FIXTURE_SLIDES },
      encoding: 'utf8',
    });
    expect(run.stderr).toContain(`Rummet ${room.roomId} er slettet.`);
    expect(run.status).toBe(0);
    const again = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/delete-room.ts', '--room', room.roomId], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: s.dataDir, SLIDES_DIR: FIXTURE_SLIDES },
      encoding: 'utf8',
    });
    expect(again.status).toBe(1);
    removeDir(s.dataDir);
  }, 30_000);
});
