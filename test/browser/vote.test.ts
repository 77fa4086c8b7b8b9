// A person's path in real Chromium: a phone at 360×640 joins by code and votes while the projector page counts.
import { describe, expect, it } from 'vitest';
import { join as joinPath } from 'node:path';
import { browserSuite, goToSlide, PHONE, SHOTS } from '../helpers/browser.js';

const t = browserSuite();

describe('join by code and vote', () => {
  it('the phone votes and changes its vote; the projector’s count and results follow', async () => {
    const errors: string[] = [];
    // The phone joins by typing the code, as a person does.
    const { room, projector } = await t.roomWithPhones(0, { deck: 'frisaettelse', errors });
    // The key leaves the address bar once it is stored.
    await expect.poll(() => projector.url()).not.toContain('key=');

    // Go to the "Hvem sættes fri?" slide.
    await goToSlide(projector, 3);
    const activity = projector.locator('rs-activity[activity="hvem-saettes-fri"]');
    await activity.getByRole('button', { name: 'Åbn afstemning' }).click();
    await activity.getByText('Åben for svar').waitFor();

    const phone = await t.phone({ errors });
    await phone.goto(`${t.server.url}/join`);
    const input = phone.getByLabel('Deltagerkode (6 cifre)');
    await input.fill(`${room.joinCode.slice(0, 3)} ${room.joinCode.slice(3)}`);
    await phone.getByRole('button', { name: 'Deltag' }).click();
    await expect.poll(() => phone.url()).toContain(`/j/${room.joinCode}`);

    // The phone follows the projector to the activity.
    const institutionen = phone.getByRole('radio', { name: 'Institutionen' });
    await institutionen.waitFor();
    await expect.poll(() => projector.locator('rs-presenter-status [data-participants]').getAttribute('data-participants')).toBe('1');
    await institutionen.tap();
    await phone.getByText('✓ Din stemme er gemt: Institutionen.').waitFor();
    expect(await institutionen.getAttribute('aria-checked')).toBe('true');
    await expect.poll(() => activity.locator('[data-answered]').textContent()).toBe('1');
    await phone.screenshot({ path: joinPath(SHOTS, 'phone-voted.png') });

    // Results stay hidden on the phone until the facilitator reveals them.
    expect(await phone.getByText('Resultat').count()).toBe(0);
    await phone.getByRole('radio', { name: 'Borgerne' }).tap();
    await phone.getByText('✓ Din stemme er gemt: Borgerne.').waitFor();
    await activity.getByRole('button', { name: 'Vis resultat' }).click();
    const counts = activity.locator('rs-bar-chart [data-option="borgerne"] [data-count]');
    await expect.poll(() => counts.getAttribute('data-count')).toBe('1');
    expect(await activity.locator('rs-bar-chart [data-option="institutionen"] [data-count]').getAttribute('data-count')).toBe('0');
    await phone.getByText('Resultat (1 svar)').waitFor();
    await projector.screenshot({ path: joinPath(SHOTS, 'projector-results.png') });

    // A reload keeps the same participant and the stored vote.
    await phone.reload();
    await phone.getByText('✓ Din stemme er gemt: Borgerne.').waitFor();
    await expect.poll(() => activity.locator('[data-answered]').textContent()).toBe('1');

    // Closing is shown on the phone: with the result revealed, the result comes first and the ballot that can no
    // longer change gives way to the line that says what this phone voted.
    await activity.getByRole('button', { name: 'Luk afstemning' }).click();
    await phone.getByText('Afstemningen er lukket.').waitFor();
    expect(await phone.getByRole('radio').count()).toBe(0);
    expect(await phone.getByText('✓ Din stemme er gemt: Borgerne.').isVisible()).toBe(true);
    await phone.getByText('Resultat (1 svar)').waitFor();
    await phone.screenshot({ path: joinPath(SHOTS, 'phone-closed.png') });

    expect(errors).toEqual([]);
  });

  it('an unknown code gets a clear message on the phone', async () => {
    const phone = await t.page({ viewport: PHONE });
    await phone.goto(`${t.server.url}/join`);
    await phone.getByLabel('Deltagerkode (6 cifre)').fill('12');
    await phone.getByRole('button', { name: 'Deltag' }).click();
    await phone.getByText('Koden består af 6 cifre').waitFor();
    await phone.screenshot({ path: joinPath(SHOTS, 'phone-bad-code.png') });
  });
});
