// The phone page before JavaScript: /j/<code> renders the current activity as a form; a plain POST votes
// (joining by cookie if needed), is counted once per intent, refuses bad input and closed votes in words,
// and the page carries the boot record the app starts from.
import { afterAll, describe, expect, it } from 'vitest';
import { call, createRoom, presenter, waitFor, type YClient } from '../helpers/clients.js';
import { FIXTURE_SLIDES, serverForThisFile } from '../helpers/server.js';
import type { CreateRoomResponse } from '../../core/wire.js';

const server = serverForThisFile({ slidesDir: FIXTURE_SLIDES });
const clients: YClient[] = [];

afterAll(() => {
  for (const c of clients) c.destroy();
});

/** A room of the fixture deck with `activity` open and on screen. */
async function roomShowing(activity: string): Promise<CreateRoomResponse> {
  const room = await createRoom(server.url, 'alle-aktiviteter');
  const fac = await presenter(server.url, room);
  clients.push(fac.client);
  expect((await fac.control({ action: 'open', activity })).status).toBe(200);
  fac.show({ slide: 1, slideTitle: 'Aktivitet', activity });
  await waitFor(async () => (await page(room)).text.includes(`name="activity" value="${activity}"`), 3000, 'the form on the page');
  return room;
}

async function page(room: CreateRoomResponse, cookie?: string): Promise<{ status: number; text: string; setCookie: string | null }> {
  const res = await fetch(`${server.url}/j/${room.joinCode}`, { headers: cookie ? { cookie } : {} });
  return { status: res.status, text: await res.text(), setCookie: res.headers.get('set-cookie') };
}

async function post(room: CreateRoomResponse, fields: [string, string][], cookie?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}/j/${room.joinCode}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}), ...headers },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, location: res.headers.get('location'), setCookie: res.headers.get('set-cookie'), text: await res.text() };
}

/** The ranking form's fields: the place given to each area, in this order. */
const ranks = (places: Record<string, string>): [string, string][] =>
  Object.entries(places).map(([area, place]) => [`rank:${area}`, place]);
const intentOf = (html: string) => /name="intent" value="([^"]+)"/.exec(html)![1]!;
const cookieOf = (setCookie: string | null) => setCookie!.split(';')[0]!;
const answered = async (room: CreateRoomResponse, activity: string) =>
  server.app.rooms.get(room.roomId).then((r) => r!.activityState(activity).answered);

describe('the participant page without JavaScript', () => {
  it('shows the open activity as a form, votes with a plain POST, joins by cookie, and counts a resent form once', async () => {
    const room = await roomShowing('enkelt');
    const first = await page(room);
    expect(first.status).toBe(200);
    expect(first.setCookie).toBeNull(); // Opening the page makes no participant.
    expect(first.text).toContain('type="radio" name="option" value="institutionen"');
    // The app's boot record: the manifest, no session yet.
    const boot = JSON.parse(/<script type="application\/json" id="rs-boot">(.*?)<\/script>/s.exec(first.text)![1]!);
    expect(boot.manifest.id).toBe('alle-aktiviteter');
    expect(boot.session).toBeUndefined();

    const intent = intentOf(first.text);
    const voted = await post(room, [
      ['activity', 'enkelt'],
      ['intent', intent],
      ['option', 'institutionen'],
    ]);
    expect(voted.status).toBe(303);
    expect(voted.location).toBe(`/j/${room.joinCode}`);
    expect(voted.setCookie).toMatch(new RegExp(`^rs_p_${room.joinCode}=[\\w-]+; Path=/; Max-Age=\\d+; HttpOnly; SameSite=Lax`));
    const cookie = cookieOf(voted.setCookie);
    expect(await answered(room, 'enkelt')).toBe(1);

    // The same form sent again (a reload, the back button) is the same intent: counted once.
    const again = await post(
      room,
      [
        ['activity', 'enkelt'],
        ['intent', intent],
        ['option', 'institutionen'],
      ],
      cookie,
    );
    expect(again.status).toBe(303);
    expect(await answered(room, 'enkelt')).toBe(1);

    // The page now knows the phone: the stored vote is said, the choice checked, and the boot record carries the session.
    const known = await page(room, cookie);
    expect(known.text).toContain('✓ Din stemme er gemt: Institutionen.');
    expect(known.text).toContain('value="institutionen" checked');
    const knownBoot = JSON.parse(/id="rs-boot">(.*?)<\/script>/s.exec(known.text)![1]!);
    expect(knownBoot.session.ballots).toEqual({ enkelt: { option: 'institutionen' } });

    // A changed vote replaces the old one.
    await post(
      room,
      [
        ['activity', 'enkelt'],
        ['intent', intentOf(known.text)],
        ['option', 'borgerne'],
      ],
      cookie,
    );
    expect(await answered(room, 'enkelt')).toBe(1);
    const tally = await waitFor(async () => {
      const r = await server.app.rooms.get(room.roomId);
      return r!.ballotsOf((await server.app.rooms.participant(cookie.split('=')[1]!))!.id).enkelt;
    });
    expect(tally).toEqual({ option: 'borgerne' });
  });

  it('the join page is a plain form too: /j?code= answers with the room’s page, a bad code says what is wrong', async () => {
    const room = await roomShowing('enkelt');
    const join = await (await fetch(`${server.url}/join`)).text();
    expect(join).toMatch(/<form class="rs-card" method="get" action="\/j">/);
    expect(join).toContain('<label class="rs-label" for="rs-code">Deltagerkode (6 cifre)</label>');
    // As typed from the screen, with the space.
    const typed = await fetch(`${server.url}/j?code=${encodeURIComponent(`${room.joinCode.slice(0, 3)} ${room.joinCode.slice(3)}`)}`);
    expect(typed.status).toBe(200);
    const html = await typed.text();
    expect(html).toContain(`action="/j/${room.joinCode}"`);
    expect(html).toContain('type="radio" name="option" value="institutionen"');
    expect(html).toContain('id="rs-boot"');
    // The question is the legend of its choices.
    expect(html).toMatch(/<fieldset><legend><h1>[^<]+<\/h1><\/legend>/);
    const bad = await fetch(`${server.url}/j?code=12`);
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('role="alert">Koden består af 6 cifre, fx 123\u00a0456.</p>');
    expect(badHtml).toContain('value="12"');
  });

  it('speaks the language the phone chose (its rs_lang cookie), through the same catalogue as the app', async () => {
    const english = { cookie: 'rs_lang=en' };
    const join = await (await fetch(`${server.url}/join`, { headers: english })).text();
    expect(join).toMatch(/^<!doctype html>\s*<html lang="en">/i);
    expect(join).toContain('<title>Join · Rådslag</title>');
    expect(join).toContain('>Participant code (6 digits)</label>');
    expect(join).toContain('Without JavaScript you can vote on this page');
    expect(await (await fetch(`${server.url}/join`)).text()).toContain('<html lang="da">');
    expect(await (await fetch(`${server.url}/j?code=12`, { headers: english })).text()).toContain(
      'The code has 6 digits, e.g. 123\u00a0456.',
    );

    const room = await roomShowing('flere');
    const form = await (await fetch(`${server.url}/j/${room.joinCode}`, { headers: english })).text();
    expect(form).toContain('Choose at most 2.');
    expect(form).toMatch(/<button type="submit">Send<\/button>/);
    const res = await post(
      room,
      [
        ['activity', 'flere'],
        ['intent', intentOf(form)],
      ],
      undefined,
      english,
    );
    expect(res.status).toBe(400);
    const refused = res.text;
    expect(refused).toContain('Your vote was not accepted: Choose at least one option.');
    expect(refused).not.toMatch(/Stemmen blev|Vælg mindst/);

    // A closed vote, refused by the room: the reason by its code.
    const motion = await roomShowing('indstilling');
    const motionForm = await (await fetch(`${server.url}/j/${motion.joinCode}`, { headers: english })).text();
    expect(motionForm).toContain('> Against</label>');
    await call(server.url, `/api/rooms/${motion.roomId}/control`, {
      token: motion.facilitatorKey,
      body: { action: 'close', activity: 'indstilling' },
    });
    const closed = await post(
      motion,
      [
        ['activity', 'indstilling'],
        ['intent', intentOf(motionForm)],
        ['option', 'for'],
      ],
      undefined,
      english,
    );
    expect(closed.status).toBe(409);
    expect(closed.text).toContain('Your vote was not accepted: The vote is not open.');
  });

  it('after a vote the answer comes first on the page and takes the focus', async () => {
    const room = await roomShowing('enkelt');
    const refused = await post(room, [
      ['activity', 'enkelt'],
      ['intent', intentOf((await page(room)).text)],
      ['option', 'ukendt'],
    ]);
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(
      /<form class="rs-card" method="post" action="\/j\/\d{6}">\n<p class="rs-status" data-kind="rejected" role="alert" tabindex="-1" autofocus>/,
    );
  });

  it('the app and the form are one participant: POST /api/join sets the same cookie', async () => {
    const room = await roomShowing('enkelt');
    const res = await fetch(`${server.url}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: room.joinCode }),
    });
    const { participantToken } = (await res.json()) as { participantToken: string };
    expect(res.headers.get('set-cookie')).toContain(`rs_p_${room.joinCode}=${participantToken}; Path=/;`);
    const cookie = cookieOf(res.headers.get('set-cookie'));
    const known = await page(room, cookie);
    const boot = JSON.parse(/id="rs-boot">(.*?)<\/script>/s.exec(known.text)![1]!);
    expect(boot.session.token).toBe(participantToken);
    // A cookie from another room's phone is not this room's participant.
    const other = await roomShowing('enkelt');
    const stranger = await page(other, cookie);
    expect(stranger.text).not.toContain(participantToken);
  });

  it('renders every kind as a form that votes', async () => {
    const cases: [string, [string, string][], string][] = [
      [
        'flere',
        [
          ['options', 'kultur'],
          ['options', 'motivation'],
        ],
        'Kulturændring, Øget motivation',
      ],
      [
        'prioritet',
        ranks({ dagtilbud: '2', folkeskole: '1', aeldre: '4', beskaeftigelse: '3' }),
        '1. Folkeskole, 2. Dagtilbud, 3. Beskæftigelse, 4. Ældre',
      ],
      [
        'point',
        [
          ['points:bureaukrati', '3'],
          ['points:npm', ''],
          ['points:innovation', '7'],
        ],
        'Bureaukrati: 3, Innovationsdoktrin: 7',
      ],
      ['skala', [['value', '5']], '5'],
      ['ord', [['text', '  Tillid  ']], '„Tillid“'],
      ['indstilling', [['option', 'for']], 'For'],
    ];
    for (const [activity, fields, described] of cases) {
      const room = await roomShowing(activity);
      const form = await page(room);
      const voted = await post(room, [['activity', activity], ['intent', intentOf(form.text)], ...fields]);
      expect(voted.status, activity).toBe(303);
      const after = await page(room, cookieOf(voted.setCookie));
      // A text answer is an answer, as the phone app says; a choice is a vote.
      const stored = activity === 'ord' ? 'Dit svar er gemt' : 'Din stemme er gemt';
      expect(after.text, activity).toContain(`✓ ${stored}: ${described}.`);
    }
  });

  it('refuses bad forms and closed votes with the reason on the page, and counts nothing', async () => {
    const room = await roomShowing('prioritet');
    const intent = intentOf((await page(room)).text);
    const same = await post(room, [
      ['activity', 'prioritet'],
      ['intent', intent],
      ...ranks({ dagtilbud: '1', folkeskole: '1', aeldre: '2', beskaeftigelse: '3' }),
    ]);
    expect(same.status).toBe(400);
    expect(same.text).toContain('To muligheder har fået samme plads');
    const unknown = await post(room, [
      ['activity', 'findes-ikke'],
      ['intent', intent],
    ]);
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('Afstemningen findes ikke');
    const wrongType = await fetch(`${server.url}/j/${room.joinCode}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x',
    });
    expect(wrongType.status).toBe(415);
    const huge = await fetch(`${server.url}/j/${room.joinCode}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `text=${'x'.repeat(2_000_000)}`,
    }).catch(() => null);
    expect(huge === null || huge.status === 413).toBe(true);
    expect(await answered(room, 'prioritet')).toBe(0);

    await call(server.url, `/api/rooms/${room.roomId}/control`, {
      token: room.facilitatorKey,
      body: { action: 'close', activity: 'prioritet' },
    });
    const closed = await post(room, [
      ['activity', 'prioritet'],
      ['intent', crypto.randomUUID()],
      ...ranks({ dagtilbud: '1', folkeskole: '2', aeldre: '3', beskaeftigelse: '4' }),
    ]);
    expect(closed.status).toBe(409);
    expect(closed.text).toContain('Stemmen blev ikke modtaget');
    expect(closed.text).toContain('Afstemningen er lukket.');
    expect(await answered(room, 'prioritet')).toBe(0);
  });

  it('escapes what the deck and the votes put on the page', async () => {
    const room = await roomShowing('ord');
    const form = await page(room);
    const payload = '</textarea><script>alert(1)</script>';
    const voted = await post(room, [
      ['activity', 'ord'],
      ['intent', intentOf(form.text)],
      ['text', payload],
    ]);
    const after = await page(room, cookieOf(voted.setCookie));
    expect(after.text).not.toContain('<script>alert(1)</script>');
    expect(after.text).toContain('&lt;/textarea&gt;&lt;script&gt;');
    // In the boot record the ballot is JSON that cannot close its script element.
    const boot = /id="rs-boot">(.*?)<\/script>/s.exec(after.text)![1]!;
    expect(boot).not.toContain('</');
    expect(JSON.parse(boot).session.ballots.ord.text).toBe(payload);
  });
});
