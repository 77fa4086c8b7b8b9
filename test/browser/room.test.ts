// A whole room in real Chromium: one projector page and five phones, each in its own browser context
// (its own storage, as five people's phones), run a single choice, a ranking and a motion; the results
// the projector and the phones show must equal the ballots the phones cast. Then a phone loses its
// connection mid-vote and its vote arrives when the connection returns.
import { describe, expect, it } from 'vitest';
import { join as joinPath } from 'node:path';
import type { Locator, Page } from 'playwright-core';

import { browserSuite, goToSlide, SHOTS } from '../helpers/browser.js';
import { FIXTURE_SLIDES } from '../helpers/server.js';

const t = browserSuite({ slidesDir: FIXTURE_SLIDES });

/** Slides of the fixture deck `alle-aktiviteter`. */
const SLIDE = { enkelt: 1, prioritet: 3, indstilling: 7 } as const;

async function openActivity(projector: Page, id: string): Promise<Locator> {
  const activity = projector.locator(`rs-activity[activity="${id}"]`);
  await activity.getByRole('button', { name: /^Åbn/ }).click();
  await activity.getByText('Åben for svar').waitFor();
  return activity;
}

async function answered(activity: Locator): Promise<string | null> {
  return activity.locator('[data-answered]').textContent();
}

async function barCount(scope: Locator, option: string): Promise<string | null> {
  return scope.locator(`rs-bar-chart [data-option="${option}"] [data-count]`).getAttribute('data-count');
}

/** The result's bars on the projector and on one phone show these counts. */
async function expectBars(activity: Locator, phone: Page, counts: Record<string, number>): Promise<void> {
  for (const [option, n] of Object.entries(counts)) {
    await expect.poll(() => barCount(activity, option)).toBe(String(n));
    await expect.poll(() => barCount(phone.locator('rs-result-view'), option)).toBe(String(n));
  }
}

/** Each phone taps its own answer (a radio button) and waits until it says the vote is stored. */
async function voteOnEach(phones: Page[], votes: string[]): Promise<void> {
  await Promise.all(
    phones.map(async (p, i) => {
      await p.getByRole('radio', { name: votes[i] }).tap();
      await p.getByText(`✓ Din stemme er gemt: ${votes[i]}.`).waitFor();
    }),
  );
}

describe('a room of five phones', () => {
  it('runs a single choice, a ranking and a motion, and every result equals the ballots cast', async () => {
    const errors: string[] = [];
    const { projector, phones } = await t.roomWithPhones(5, { errors });
    // Every phone waits on the join slide, saying it is in, until an activity is on screen.
    await Promise.all(phones.map((p) => p.getByText('Du er med').first().waitFor()));
    await expect.poll(() => projector.locator('rs-presenter-status [data-participants]').getAttribute('data-participants')).toBe('5');

    // 1. Single choice.
    await goToSlide(projector, SLIDE.enkelt);
    const single = await openActivity(projector, 'enkelt');
    const singleVotes = ['Kommunen', 'Institutionen', 'Institutionen', 'Borgerne', 'Institutionen'];
    await voteOnEach(phones, singleVotes);
    await expect.poll(() => answered(single)).toBe('5');
    await single.getByRole('button', { name: 'Vis resultat' }).click();
    await expectBars(single, phones[0]!, { kommunen: 1, institutionen: 3, borgerne: 1 });
    await phones[0]!.screenshot({ path: joinPath(SHOTS, 'room-phone-single-result.png') });
    await projector.screenshot({ path: joinPath(SHOTS, 'room-projector-single-result.png') });

    // 2. Ranking: each phone orders the four areas with the move buttons (one also drags).
    await goToSlide(projector, SLIDE.prioritet);
    const ranking = await openActivity(projector, 'prioritet');
    const labels: Record<string, string> = {
      dagtilbud: 'Dagtilbud',
      folkeskole: 'Folkeskole',
      aeldre: 'Ældre',
      beskaeftigelse: 'Beskæftigelse',
    };
    const orders = [
      ['folkeskole', 'dagtilbud', 'aeldre', 'beskaeftigelse'],
      ['aeldre', 'folkeskole', 'dagtilbud', 'beskaeftigelse'],
      ['folkeskole', 'aeldre', 'beskaeftigelse', 'dagtilbud'],
      ['dagtilbud', 'folkeskole', 'aeldre', 'beskaeftigelse'],
      ['beskaeftigelse', 'folkeskole', 'dagtilbud', 'aeldre'],
    ];
    // The fifth phone drags "Beskæftigelse" from the bottom to the top with its finger's stand-in, the mouse.
    await phones[4]!.locator('rs-ranking li[data-option]').first().waitFor();
    await dragInRanking(phones[4]!, 'beskaeftigelse', -3);
    expect(await phones[4]!.locator('rs-ranking li[data-option]').first().getAttribute('data-option')).toBe('beskaeftigelse');
    await Promise.all(phones.map((p, i) => arrangeRanking(p, orders[i]!, labels)));
    await Promise.all(
      phones.map(async (p, i) => {
        await p.getByRole('button', { name: 'Send prioritering' }).tap();
        const described = orders[i]!.map((o, n) => `${n + 1}. ${labels[o]}`).join(', ');
        await p.getByText(`✓ Din stemme er gemt: ${described}`, { exact: false }).waitFor();
      }),
    );
    await expect.poll(() => answered(ranking)).toBe('5');
    await ranking.getByRole('button', { name: 'Vis resultat' }).click();
    // Expected Borda points (first place 3, last 0) and mean rank, counted here from the orders.
    for (const option of Object.keys(labels)) {
      const positions = orders.map((o) => o.indexOf(option));
      const borda = positions.reduce((a, pos) => a + (3 - pos), 0);
      const meanRank = positions.reduce((a, pos) => a + pos + 1, 0) / positions.length;
      await expect.poll(() => barCount(ranking, option)).toBe(String(borda));
      const row = ranking.locator(`rs-bar-chart [data-option="${option}"]`);
      expect(await row.textContent()).toContain(`gns. plads ${meanRank.toLocaleString('da-DK', { maximumFractionDigits: 1 })}`);
      await expect.poll(() => barCount(phones[3]!.locator('rs-result-view'), option)).toBe(String(borda));
    }
    // Folkeskole (borda 3+2+3+2+2 = 12) leads; the projector lists it first.
    expect(await ranking.locator('rs-bar-chart [data-option]').first().getAttribute('data-option')).toBe('folkeskole');
    await phones[3]!.screenshot({ path: joinPath(SHOTS, 'room-phone-ranking-result.png') });
    await projector.screenshot({ path: joinPath(SHOTS, 'room-projector-ranking-result.png') });

    // 3. Motion: For, For, Imod, Undlader, For; then the facilitator records the decision.
    await goToSlide(projector, SLIDE.indstilling);
    const motion = await openActivity(projector, 'indstilling');
    const motionVotes = ['For', 'For', 'Imod', 'Undlader', 'For'];
    await voteOnEach(phones, motionVotes);
    await expect.poll(() => answered(motion)).toBe('5');
    await motion.getByRole('button', { name: /^Luk/ }).first().click();
    await Promise.all(phones.map((p) => p.getByText('Afstemningen er lukket.').waitFor()));
    await motion.getByRole('button', { name: 'Vis resultat' }).click();
    await expectBars(motion, phones[2]!, { for: 3, imod: 1, undlader: 1 });
    await motion.getByLabel('Beslutning').fill('Indstillingen blev godkendt med 3 stemmer for, 1 imod og 1 undlod.');
    await motion.getByRole('button', { name: 'Gem beslutning' }).click();
    await Promise.all(phones.map((p) => p.getByText('Indstillingen blev godkendt med 3 stemmer for').waitFor()));
    await phones[2]!.screenshot({ path: joinPath(SHOTS, 'room-phone-motion-decision.png') });
    await projector.screenshot({ path: joinPath(SHOTS, 'room-projector-motion-decision.png') });

    expect(errors).toEqual([]);
  }, 90_000);

  it('keeps a vote cast without a connection for a minute and sends it when the connection returns', async () => {
    const errors: string[] = [];
    const { room, projector } = await t.roomWithPhones(0, { slide: SLIDE.enkelt, errors });
    const single = await openActivity(projector, 'enkelt');
    const [phone] = (await t.joinPhones(room, 1, { errors })) as [Page];
    const context = phone.context();
    const borgerne = phone.getByRole('radio', { name: 'Borgerne' });
    await borgerne.waitFor();

    await context.setOffline(true);
    await borgerne.tap();
    await phone.getByText('Ingen forbindelse — din stemme sendes, så snart forbindelsen er tilbage.').waitFor();
    await phone.screenshot({ path: joinPath(SHOTS, 'room-phone-offline-pending.png') });
    // A minute without a connection (a phone in a lift, a dead Wi-Fi corner): nothing reaches the server,
    // and the vote stays waiting on the phone.
    await phone.waitForTimeout(60_000);
    expect(await answered(single)).toBe('0');
    await phone.getByText('Ingen forbindelse — din stemme sendes, så snart forbindelsen er tilbage.').waitFor();

    await context.setOffline(false);
    await phone.getByText('✓ Din stemme er gemt: Borgerne.').waitFor({ timeout: 20_000 });
    await expect.poll(() => answered(single)).toBe('1');
    await single.getByRole('button', { name: 'Vis resultat' }).click();
    await expect.poll(() => barCount(single, 'borgerne')).toBe('1');
    // The browser logs failed fetches while offline as console errors; those are expected here.
    expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource|WebSocket/.test(e))).toEqual([]);
  }, 120_000);
});

/** Drag an option's handle up (negative) or down by a number of places. */
async function dragInRanking(page: Page, option: string, places: number): Promise<void> {
  const row = page.locator(`rs-ranking li[data-option="${option}"]`);
  const handle = row.locator('.handle');
  const box = (await handle.boundingBox())!;
  const rowBox = (await row.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  // Small steps, with a frame between them, as a finger moves.
  for (let i = 1; i <= 30; i++) {
    await page.mouse.move(x, y + (places * (rowBox.height + 8) * i) / 30);
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
  await page.waitForTimeout(250);
}

/** Put the ranking in the wanted order with the "Flyt … op" buttons, as a keyboard or screen-reader user would. */
async function arrangeRanking(page: Page, order: string[], labels: Record<string, string>): Promise<void> {
  const list = page.locator('rs-ranking');
  await list.waitFor();
  for (let target = 0; target < order.length; target++) {
    const label = labels[order[target]!]!;
    // Move the item up until it stands at `target`.
    for (;;) {
      const current = await list.locator('li[data-option]').evaluateAll((els) => els.map((e) => e.getAttribute('data-option')));
      const at = current.indexOf(order[target]!);
      if (at <= target) break;
      await list.getByRole('button', { name: `Flyt ${label} op` }).tap();
    }
  }
}
