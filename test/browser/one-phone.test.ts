// One phone is one participant in real Chromium: a reload, a second join, even with its storage cleared,
// is the same person; a script that joins many times shows on the facilitator's status bar.
import { describe, expect, it } from 'vitest';
import { join as joinPath } from 'node:path';
import { call, createRoom } from '../helpers/clients.js';
import { browserSuite, SHOTS } from '../helpers/browser.js';

const t = browserSuite();

describe('one phone, one participant', () => {
  it('a reload and a second join from the same phone are the same person; many joins from a script are flagged', async () => {
    const errors: string[] = [];
    // The phone joins by typing the code, as a person does.
    const { room, projector } = await t.roomWithPhones(0, { deck: 'frisaettelse', errors });

    const phone = await t.phone({ errors });
    const joinByCode = async () => {
      await phone.goto(`${t.server.url}/join`);
      await phone.getByLabel('Deltagerkode (6 cifre)').fill(room.joinCode);
      await phone.getByRole('button', { name: 'Deltag' }).click();
      await expect.poll(() => phone.url()).toContain(`/j/${room.joinCode}`);
      await expect.poll(() => projector.locator('rs-presenter-status [data-participants]').getAttribute('data-participants')).toBe('1');
    };
    await joinByCode();
    const r = await t.server.app.rooms.get(room.roomId);
    expect(r!.presence().joined).toBe(1);

    await phone.reload();
    await expect.poll(() => projector.locator('rs-presenter-status [data-participants]').getAttribute('data-participants')).toBe('1');
    // The phone's storage is cleared (private tab habits, a cleaning app): its cookie still knows it.
    await phone.evaluate(() => localStorage.clear());
    await joinByCode();
    expect(r!.presence().joined).toBe(1);

    // A script joins 30 times without cookies: 31 joined, 1 connected, and the facilitator is told.
    for (let i = 0; i < 30; i++) expect((await call(t.server.url, '/api/join', { body: { code: room.joinCode } })).status).toBe(200);
    const status = projector.locator('rs-presenter-status');
    await expect.poll(() => status.locator('[data-joined]').getAttribute('data-joined')).toBe('31');
    const warning = status.locator('[data-warning="joins"]');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('Langt flere tilmeldinger end forbundne telefoner');
    await status.screenshot({ path: joinPath(SHOTS, 'presenter-status-joins-warning.png') });

    // The pages run under their content security policy without a single refusal.
    expect(errors).toEqual([]);
    await phone.context().close();
    await projector.context().close();
  });

  it('the facilitator is told why the server closed the connection for good, and offered a reload', async () => {
    const room = await createRoom(t.server.url);
    const projector = await t.projector(room);
    const status = projector.locator('rs-presenter-status');
    // The room is deleted elsewhere (another laptop, the API): the server closes with 4404 and a reason.
    expect((await call(t.server.url, `/api/rooms/${room.roomId}`, { method: 'DELETE', token: room.facilitatorKey })).status).toBe(200);
    await status.getByRole('alert').getByText('Forbindelsen er lukket: Rummet er slettet.').waitFor();
    expect(await status.getByRole('button', { name: 'Genindlæs' }).isVisible()).toBe(true);
    await status.screenshot({ path: joinPath(SHOTS, 'presenter-status-closed.png') });
    await projector.context().close();
  });
});
