// Facilitator's console on the laptop: the current and next slide, speaker notes, a timer, live counts, the
// current activity's controls and moderation, and the room menu; it moves the room and opens the projector.
import './console.css';
import { openFacilitatorRoom } from './facilitator.js';
import { html, nothing, render } from 'lit';
import { msg, str } from '@lit/localize';
import { formatNumber } from '../components/i18n.js';
import { formatJoinCode } from '../components/join-info/join-info.js';
import { FacilitatorApi } from '../components/room/api.js';
import { RoomConnection } from '../components/room/room-connection.js';
import type { RsActivity } from '../components/activity/activity.js';
import '../components/room/room-provider.js';
import '../components/activity/activity.js';
import '../components/board/board.js';
import '../components/board/top-priorities.js';
import '../components/presenter/room-menu.js';

/** The facilitator key as the presenter page keeps it: from the link's hash once, then from this browser. */
interface Slide {
  title: string;
  notes: string;
  activity: string | null;
  board: string | null;
  /** The slide's whiteboard to work in the console (a board, not its top priorities). */
  whiteboard: string | null;
  /** The board whose top priorities the slide shows. */
  priorities: string | null;
}

/** A deck's slides as the console needs them (reveal.js's horizontal slides, in order). */
function readSlides(markup: Document): Slide[] {
  const sections = [...(markup.querySelector('.slides')?.children ?? [])].filter((n) => n.tagName === 'SECTION');
  return sections.map((section) => {
    const title = (section.getAttribute('data-title') ?? section.querySelector('h1, h2, h3')?.textContent ?? '')
      .replace(/\s+/g, ' ')
      .trim();
    // The notes' paragraphs and list items one to a line; the deck's own line wrapping is not the author's.
    const aside = section.querySelector('aside.notes');
    const blocks = aside ? [...aside.querySelectorAll('p, li')] : [];
    const parts = blocks.length > 0 ? blocks.map((b) => b.textContent ?? '') : (aside?.textContent ?? '').split(/\n\s*\n/);
    const notes = parts
      .map((part) => part.replace(/\s+/g, ' ').trim())
      .filter(Boolean)
      .join('\n');
    return {
      title,
      notes,
      activity: section.querySelector('rs-activity')?.getAttribute('activity') ?? null,
      board: section.querySelector('rs-board, rs-top-priorities')?.getAttribute('board') ?? null,
      whiteboard: section.querySelector('rs-board')?.getAttribute('board') ?? null,
      priorities: section.querySelector('rs-top-priorities')?.getAttribute('board') ?? null,
    };
  });
}

function clock(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/** Keys typed into a field or on a focused button are theirs, not the console's shortcuts. */
function keyIsOurs(event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return false;
  // The whiteboard's arrows move its notes and its view, not the room.
  if (event.composedPath().some((n) => n instanceof HTMLElement && n.tagName === 'RS-BOARD')) return false;
  const target = event.composedPath()[0];
  if (!(target instanceof HTMLElement)) return true;
  if (target.isContentEditable || target.matches('input, textarea, select')) return false;
  const activates = event.key === ' ' || event.key === 'Enter';
  return !(activates && target.closest('button, a[href], summary'));
}

async function main(): Promise<void> {
  const facilitatorRoom = await openFacilitatorRoom();
  if (!facilitatorRoom) return;
  const { roomId, key, info, manifest, markup } = facilitatorRoom;
  const slides = readSlides(markup);
  document.title = `${msg('Styrepult')} · ${info.title} · Rådslag`;

  const room = new RoomConnection({ roomId, token: key, role: 'facilitator' });
  const provider = document.querySelector('rs-room-provider')!;
  provider.room = room;
  provider.api = new FacilitatorApi(roomId, key);
  provider.deck = manifest;
  provider.view = 'console';
  document.querySelector('rs-room-menu')?.removeAttribute('hidden');

  const opened = Date.now();
  const current = () => Math.min(Math.max(room.present()?.slide ?? 0, 0), Math.max(slides.length - 1, 0));
  // The same announce the presenter's deck makes: every phone and the projector go along.
  const goTo = (index: number) => {
    const slide = slides[index];
    if (!slide || !room.synced) return;
    room.setPresent({ slide: index, slideTitle: slide.title, activity: slide.activity, board: slide.board });
  };
  // A console opened in a room nobody presents yet starts it at the first slide; otherwise it joins where the room is.
  room.onSynced(() => {
    if (!room.present()) goTo(0);
  });
  const openProjector = () => {
    // A window of its own, not a tab over the console: it goes to the projector's screen while the console stays.
    window.open(
      `/present/${encodeURIComponent(roomId)}?view=audience#key=${encodeURIComponent(key)}`,
      `rs-projector-${roomId}`,
      'popup,width=1280,height=720',
    );
  };
  // The projector window on this laptop shows the join code big when asked (button or key C) and says when it does.
  const projectorWindows = new BroadcastChannel(`rs-facilitator:${roomId}`);
  let joinShown = false;
  projectorWindows.addEventListener('message', (event: MessageEvent<{ type?: string; open?: boolean }>) => {
    if (event.data?.type !== 'join-shown') return;
    joinShown = !!event.data.open;
    draw();
  });
  projectorWindows.postMessage({ type: 'join-ask' });
  const toggleJoinCode = () => projectorWindows.postMessage({ type: 'join-toggle' });

  // A slide's picture: the projector's own page in its preview mode (?receiver: slides only, never leading the
  // room), moved by its address's hash, so the console shows what the projector will show. Not a place to click
  // or tab into: the slide's controls are here in the console.
  const picture = (index: number, label: string) =>
    html`<div class="thumb"><iframe src=${`/present/${encodeURIComponent(roomId)}?view=audience&receiver#/${index}`}
      title=${label} tabindex="-1" inert aria-hidden="true"></iframe></div>`;

  const root = document.getElementById('rs-console')!;
  const draw = () => {
    const index = current();
    const slide = slides[index];
    const next = slides[index + 1];
    const activity = slide?.activity ?? null;
    const answered = activity ? (room.liveTally(activity)?.ballots ?? room.activityState(activity).answered) : null;
    const connection =
      room.status === 'connected' ? msg('Forbundet') : room.status === 'connecting' ? msg('Forbinder …') : msg('Ingen forbindelse');
    const figures = html`<p class="figures">
      <span class="figure" data-timer>${msg('Tid')} <strong role="timer">${clock(Math.floor((Date.now() - opened) / 1000))}</strong></span>
      <span class="figure" data-participants>${msg(html`<strong>${formatNumber(room.presence().participants)}</strong> tilsluttet`)}</span>
      ${
        answered !== null
          ? html`<span class="figure" data-answers>${msg(html`<strong>${formatNumber(answered)}</strong> har svaret`)}</span>`
          : nothing
      }
    </p>`;
    const work = activity
      ? html`<rs-activity activity=${activity}></rs-activity>`
      : slide?.whiteboard
        ? html`<rs-board board=${slide.whiteboard}></rs-board>`
        : slide?.priorities
          ? html`<rs-top-priorities board=${slide.priorities}></rs-top-priorities>`
          : html`<p class="empty">${msg('Ingen aktivitet på dette dias.')}</p>`;
    // A whiteboard needs the console's whole width; the notes then go under it.
    root.toggleAttribute('data-wide', !!slide?.whiteboard && !activity);
    render(
      html`<header class="bar">
          <h1 title=${info.title}>${info.title}</h1>
          <span class="connection" data-status=${room.status}>${connection}</span>
          <span class="code">${msg(html`Kode <strong>${formatJoinCode(info.joinCode)}</strong>`)}</span>
          <button type="button" data-action="join-code" aria-pressed=${joinShown ? 'true' : 'false'}
            title=${msg('Vis / skjul deltagerkoden stort på projektoren (C)')} @click=${toggleJoinCode}>${msg('Vis koden stort')}</button>
          <button type="button" class="primary" data-action="open-projector" @click=${openProjector}>${msg('Åbn projektor')}</button>
        </header>
        <section class="panel now" aria-labelledby="rs-now">
          <div class="now-text">
            <h2 id="rs-now">${msg('Nu')}</h2>
            <p class="slide-title" data-current>${slide?.title ?? ''}</p>
            <div class="nav">
              <button type="button" data-action="previous" ?disabled=${index <= 0} @click=${() => goTo(index - 1)}>← ${msg('Forrige')}</button>
              <button type="button" data-action="next" ?disabled=${!next} @click=${() => goTo(index + 1)}>${msg('Næste')} →</button>
              <span class="where">${msg(str`Dias ${formatNumber(index + 1)} af ${formatNumber(slides.length)}`)}</span>
            </div>
            ${figures}
          </div>
          ${slide ? picture(index, msg('Diaset nu')) : nothing}
        </section>
        <div class="side">
        <section class="panel next" aria-labelledby="rs-next">
          <h2 id="rs-next">${msg('Næste dias')}</h2>
          ${
            next
              ? html`<p class="slide-title" data-next>${next.title}</p>
                ${picture(index + 1, msg('Næste dias'))}`
              : html`<p class="empty">${msg('Sidste dias')}</p>`
          }
        </section>
        <section class="panel notes-panel" aria-labelledby="rs-notes">
          <h2 id="rs-notes">${msg('Noter')}</h2>
          ${slide?.notes ? html`<p class="notes" data-notes>${slide.notes}</p>` : html`<p class="empty">${msg('Ingen noter til dette dias.')}</p>`}
        </section>
        </div>
        <section class="panel activity" aria-labelledby="rs-activity-head">
          <h2 id="rs-activity-head">${msg('Aktivitet')}</h2>
          ${work}
        </section>`,
      root,
    );
  };
  room.subscribe(draw);
  setInterval(draw, 1000);
  window.addEventListener('lit-localize-status', (e) => {
    if (e.detail.status === 'ready') draw();
  });
  draw();

  // The presenter's shortcuts: ←/→ (and a clicker's PageUp/PageDown) move the room; U, V, T work the activity.
  const activityElement = () => root.querySelector<RsActivity>('rs-activity');
  window.addEventListener('keydown', (event) => {
    if (!keyIsOurs(event)) return;
    const index = current();
    const actions: Record<string, () => void> = {
      ArrowRight: () => goTo(index + 1),
      PageDown: () => goTo(index + 1),
      ArrowLeft: () => goTo(index - 1),
      PageUp: () => goTo(index - 1),
      u: () => void activityElement()?.toggleOpen(),
      v: () => void activityElement()?.toggleReveal(),
      t: () => void activityElement()?.countdown(30),
      c: toggleJoinCode,
    };
    const action = actions[event.key.length === 1 ? event.key.toLowerCase() : event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });
}

void main();
