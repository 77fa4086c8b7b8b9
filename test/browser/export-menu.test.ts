// The facilitator's room menu: the referat's place and absent members are saved for the export; an export
// downloads a real file; deleting the room asks first, then the room is gone and the facilitator lands on
// the start page with a confirmation.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import ExcelJS from 'exceljs';
import { call, createRoom } from '../helpers/clients.js';
import { browserSuite, SHOTS } from '../helpers/browser.js';

const t = browserSuite();

describe('room menu', () => {
  it('downloads the Excel export and deletes the room after asking', async () => {
    const room = await createRoom(t.server.url);
    await call(t.server.url, `/api/rooms/${room.roomId}/control`, {
      token: room.facilitatorKey,
      body: { action: 'decide', activity: 'indstilling', decision: 'Anbefales.' },
    });
    const page = await t.projector(room, { acceptDownloads: true });
    const menu = page.locator('rs-room-menu');
    await menu.getByText('Rum ▾').click();
    // The referat's place and absent members, written once in the menu.
    await menu.getByLabel('Sted').fill('Byrådssalen, Rådhuset');
    await menu.getByLabel('Fraværende').fill('Anna Hansen (A), Bo Nielsen (V)');
    await menu.getByRole('button', { name: 'Gem til referatet' }).click();
    await menu.getByText('Gemt til referatet.').waitFor();
    await page.screenshot({ path: joinPath(SHOTS, 'projector-room-menu.png') });
    const referat = async () =>
      (await call<string>(t.server.url, `/api/rooms/${room.roomId}/export?format=md`, { token: room.facilitatorKey })).body;
    await expect.poll(referat).toContain('**Fraværende:** Anna Hansen (A), Bo Nielsen (V)');
    expect(await referat()).toMatch(/\*\*Referat\*\* · .+ · Byrådssalen, Rådhuset/);
    // A reload shows what is stored.
    await page.reload();
    await page.locator('rs-presenter-status').getByText('Forbundet').waitFor();
    await menu.getByText('Rum ▾').click();
    await expect.poll(() => menu.getByLabel('Fraværende').inputValue()).toBe('Anna Hansen (A), Bo Nielsen (V)');
    const [download] = await Promise.all([page.waitForEvent('download'), menu.getByRole('button', { name: /^Excel/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^raadslag-frisaettelse-problemer-og-muligheder-\d{4}-\d\d-\d\d\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const summary = wb.getWorksheet('Oversigt')!;
    const decided = summary.getRows(1, summary.rowCount)!.find((r) => r.getCell(6).value === 'Anbefales.');
    expect(decided).toBeDefined();
    expect(
      summary
        .getRows(1, summary.rowCount)!
        .find((r) => r.getCell(1).value === 'Fraværende')!
        .getCell(2).value,
    ).toBe('Anna Hansen (A), Bo Nielsen (V)');
    await menu.getByText(/Hentet: raadslag-/).waitFor();

    // Declining the question keeps the room; accepting deletes it.
    page.once('dialog', (d) => void d.dismiss());
    await menu.getByRole('button', { name: 'Slet rummet …' }).click();
    expect((await call(t.server.url, `/api/rooms/${room.roomId}`, { token: room.facilitatorKey })).status).toBe(200);
    page.once('dialog', (d) => {
      expect(d.message()).toContain('Slet rummet for altid?');
      void d.accept();
    });
    await menu.getByRole('button', { name: 'Slet rummet …' }).click();
    await page.waitForURL(/\/\?slettet=1$/);
    await page.getByText('Rummet er slettet.').waitFor();
    expect((await call(t.server.url, `/api/rooms/${room.roomId}`, { token: room.facilitatorKey })).status).toBe(404);
    await page.context().close();
  }, 60_000);
});
