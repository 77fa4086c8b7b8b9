// The phone page as the server sends it: before any JavaScript has arrived (a weak connection, an old phone,
// scripts off), `/j/<code>` already shows the current activity as a plain HTML form that votes with an
// ordinary POST. The participant app replaces it when it starts: the form sits in the light DOM of
// <rs-participant-app>, which its shadow root does not show. The same page carries a boot record — the
// deck's manifest and, for a known phone, its token and own ballots — so the app starts without the
// round trips it would otherwise make first (join, /me, the manifest).
//
// Identity without JavaScript is a cookie `rs_p_<code>`, SameSite=Lax (no other site can post with it).
// POST /api/join sets and reads the same cookie, so the form, the app and a second join from the same
// browser are one participant on one phone.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { msg, str } from '@lit/localize';
import { checkBallot, describeBallot, type ActivityDef, type Ballot, type WireBallot } from '../core/activity.js';
import { DOC, type ActivityState, type PresentState } from '../core/room-doc.js';
import type { ParticipantBoot } from '../core/wire.js';
import type { Room } from './room.js';
import { ballotFromForm, formFields, refusedFormText, shownOnPage } from './no-js-forms.js';
import { errorMessage } from '../texts/error-text.js';
import { escapeHtml } from './html.js';
import type { PageLocale } from './i18n.js';

export const PARTICIPANT_COOKIE = 'rs_p';

/**
 * The phone's identity in one room: `rs_p_<code>` on the whole site (so `POST /api/join` from the same browser
 * sees it and answers with the same participant), HttpOnly, SameSite=Lax (no other site can post with it).
 */
export function participantCookie(token: string, code: string, secure: boolean, days: number): string {
  return `${PARTICIPANT_COOKIE}_${code}=${token}; Path=/; Max-Age=${days * 86_400}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/** The phone's token for the room of `code`; phones from before the per-code cookie carry `rs_p` on /j/<code>. */
export function cookieToken(req: IncomingMessage, code: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  let legacy: string | undefined;
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    const value = rest.join('=');
    if (!/^[A-Za-z0-9_-]{16,128}$/.test(value)) continue;
    if (name === `${PARTICIPANT_COOKIE}_${code}`) return value;
    if (name === PARTICIPANT_COOKIE) legacy = value;
  }
  return legacy;
}

/** JSON inside a <script> element: nothing in it may close the element or open a comment. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The activity on screen now and its state, if the facilitator shows one. */
export function currentActivity(room: Room): { def: ActivityDef; state: ActivityState } | undefined {
  const present = room.public.doc.getMap(DOC.present).toJSON() as Partial<PresentState>;
  const def = present.activity ? room.activity(present.activity) : undefined;
  return def ? { def, state: room.activityState(def.id) } : undefined;
}

/** Checks a form's ballot against the activity: the ballot, or what is wrong in the page's language. */
export function formBallot(def: ActivityDef, form: URLSearchParams): { ok: true; ballot: Ballot } | { ok: false; message: string } {
  const raw = ballotFromForm(def, form);
  if (!raw.ok) return raw;
  const check = checkBallot(def, raw.raw);
  if (check.ok) return { ok: true, ballot: check.ballot };
  // The phone's own hints say why, from the check and the activity's limits, as the app does.
  return { ok: false, message: refusedFormText(def, raw.raw, check) };
}

/** A refusal from the room (closed vote, rate limit …) in the page's language; the server's Danish otherwise. */
export function refusalText(locale: PageLocale, code: string, serverMessage: string): string {
  return locale === 'da' ? serverMessage : (errorMessage(code) ?? serverMessage);
}

export interface PageState {
  code: string;
  room: Room;
  /** The phone's own ballots, when it is known. */
  ballots: Record<string, WireBallot>;
  /** What the last POST said: stored, or why not. */
  message?: { kind: 'stored' | 'rejected'; text: string };
}

/** The server-rendered content of <rs-participant-app>: the current activity as a form, or a waiting card. */
export function renderFallback(s: PageState): string {
  const e = escapeHtml;
  const title = `<header class="rs-ssr-head"><strong>${e(s.room.manifest.title)}</strong></header>`;
  const current = currentActivity(s.room);
  // After a POST the answer comes first and takes the focus, so a screen reader or keyboard user hears it at once.
  const note = s.message
    ? `<p class="rs-status" data-kind="${s.message.kind}" role="${s.message.kind === 'rejected' ? 'alert' : 'status'}" tabindex="-1" autofocus>${e(s.message.text)}</p>`
    : '';
  if (!current || current.state.status === 'idle') {
    const present = s.room.public.doc.getMap(DOC.present).toJSON() as Partial<PresentState>;
    // A phone that has joined is not asked again to join: the join slide's call is left out.
    const onJoinSlide = s.room.manifest.slides.find((slide) => slide.index === present.slide)?.join;
    return `${title}<main class="rs-ssr">${note}<div class="rs-card"><h1>${e((!onJoinSlide && present.slideTitle) || s.room.manifest.title)}</h1><p>${e(msg('Du er med. Vent på næste aktivitet — siden skifter af sig selv.'))}</p></div></main>`;
  }
  const { def, state } = current;
  const ballot = s.ballots[def.id];
  const stored =
    ballot && !s.message
      ? `<p class="rs-status" data-kind="stored" role="status">${e(def.kind === 'text' ? msg(str`✓ Dit svar er gemt: ${describeBallot(shownOnPage(def), ballot)}.`) : msg(str`✓ Din stemme er gemt: ${describeBallot(shownOnPage(def), ballot)}.`))}</p>`
      : '';
  if (state.status !== 'open') {
    return `${title}<main class="rs-ssr">${note}<div class="rs-card"><h1>${e(def.prompt)}</h1>${stored}<p>${e(msg('Afstemningen er lukket.'))}</p></div></main>`;
  }
  // The question is the legend of its choices, so it is read with them (WCAG 1.3.1).
  return `${title}<main class="rs-ssr"><form class="rs-card" method="post" action="/j/${s.code}">
${note}<fieldset><legend><h1>${e(def.prompt)}</h1></legend>
<input type="hidden" name="activity" value="${e(def.id)}"><input type="hidden" name="intent" value="${randomUUID()}">
${formFields(def, ballot)}
</fieldset>
<button type="submit">${e(ballot ? msg('Skift stemme') : msg('Send'))}</button>
${stored}</form></main>`;
}

/**
 * The page with the fallback inside <rs-participant-app> and the boot record before </body>, in the page's
 * language: its lang, its title and the note for phones without JavaScript.
 */
export function injectParticipantPage(
  html: string,
  fallback: string,
  boot: ParticipantBoot | undefined,
  locale: PageLocale = 'da',
): string {
  // Replacer functions throughout: a replacement string would read `$&`, `$\`` or `$'` in a typed code or a
  // deck's text as "copy part of the page here".
  let out = html.replace(/<rs-participant-app>\s*<\/rs-participant-app>/, () => `<rs-participant-app>${fallback}</rs-participant-app>`);
  out = out
    .replace(/<html lang="[a-z-]*">/, () => `<html lang="${locale}">`)
    .replace(/<title>[^<]*<\/title>/, () => `<title>${escapeHtml(msg('Deltag · Rådslag'))}</title>`)
    .replace(
      /(<noscript><p[^>]*>)[^<]*(<\/p><\/noscript>)/,
      (_, open: string, close: string) =>
        `${open}${escapeHtml(msg('Uden JavaScript kan du stemme på siden her, men den skifter ikke af sig selv: genindlæs den, når facilitatoren åbner en ny afstemning.'))}${close}`,
    );
  if (boot) out = out.replace('</body>', () => `<script type="application/json" id="rs-boot">${scriptJson(boot)}</script></body>`);
  return out;
}

/**
 * The join page before its JavaScript arrives: the code as a plain form (GET /j?code=…), so a phone on a
 * slow link can join at once and gets the open vote as a form on the next page.
 */
export function joinFallback(typed = '', error?: string): string {
  const e = escapeHtml;
  const invalid = error ? ' aria-invalid="true" aria-describedby="rs-code-error"' : '';
  return `<header class="rs-ssr-head"><strong>Rådslag</strong></header><main class="rs-ssr"><form class="rs-card" method="get" action="/j">
<h1>${e(msg('Deltag'))}</h1>
${error ? `<p class="rs-status" data-kind="rejected" id="rs-code-error" role="alert">${e(error)}</p>` : ''}<label class="rs-label" for="rs-code">${e(msg('Deltagerkode (6 cifre)'))}</label>
<input class="rs-code" id="rs-code" name="code" value="${e(typed)}" inputmode="numeric" autocomplete="one-time-code" maxlength="7" required${invalid}>
<button type="submit">${e(msg('Deltag'))}</button></form></main>`;
}

/** For a code that opens no room: said before the app starts, which then offers to type another. */
export function unknownCodeFallback(code: string): string {
  const e = escapeHtml;
  return `<main class="rs-ssr"><div class="rs-card" role="alert"><h1>${e(msg('Kunne ikke deltage'))}</h1><p>${e(msg(str`Der er intet rum med koden ${code}. Tjek koden på skærmen.`))}</p><p><a href="/join">${e(msg('Skriv en anden kode'))}</a></p></div></main>`;
}
