// Facilitator page: loads the room's deck into reveal.js, connects with the facilitator key, tells participants where the deck is.
import Reveal from 'reveal.js';
import RevealNotes from 'reveal.js/plugin/notes';
import 'reveal.js/reveal.css';
import './present.css';
import './deck.css';
import { openFacilitatorRoom } from './facilitator.js';
import { msg } from '@lit/localize';
import { FacilitatorApi } from '../components/room/api.js';
import { RoomConnection } from '../components/room/room-connection.js';
import '../components/room/room-provider.js';
import '../components/activity/activity.js';
import '../components/board/board.js';
import '../components/board/top-priorities.js';
import '../components/join-info/join-info.js';
import '../components/presenter/presenter-status.js';
import '../components/presenter/room-menu.js';

function slideTitle(slide: Element): string {
  return (slide.getAttribute('data-title') ?? slide.querySelector('h1, h2, h3')?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

async function main(): Promise<void> {
  const facilitatorRoom = await openFacilitatorRoom();
  if (!facilitatorRoom) return;
  const { roomId, key, info, manifest, markup } = facilitatorRoom;
  const slides = document.querySelector('.reveal .slides')!;
  const source = markup.querySelector('.slides');
  slides.replaceChildren(...[...(source?.children ?? [])].map((n) => document.importNode(n, true)));
  document.title = `${info.title} · Rådslag`;

  for (const el of document.querySelectorAll('rs-join-info')) {
    el.code = info.joinCode;
    el.url = info.joinUrl;
    el.warning = info.joinWarning ?? '';
  }
  // The speaker view's previews (iframes marked ?receiver) show slides only, without the facilitator's bar and menu.
  const preview = /receiver/i.test(location.search);
  const status = document.querySelector('rs-presenter-status')!;
  status.code = info.joinCode;
  status.url = info.joinWarning ? '' : info.joinUrl;
  status.hidden = preview;
  document.querySelector('rs-room-menu')?.toggleAttribute('hidden', preview);

  const room = new RoomConnection({ roomId, token: key, role: 'facilitator' });
  const provider = document.querySelector('rs-room-provider')!;
  provider.room = room;
  provider.api = new FacilitatorApi(roomId, key);
  provider.deck = manifest;
  // The projector window the console opens (?view=audience): slides and results for the room, no controls, no menu.
  const audience = new URLSearchParams(location.search).get('view') === 'audience';
  provider.view = audience ? 'audience' : 'solo';
  if (audience) document.querySelector('rs-room-menu')?.setAttribute('hidden', '');

  // Slides fade into each other, unless the system asks for less motion: then they change at once.
  const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');
  const transition = () => (reducedMotion.matches ? 'none' : 'fade');
  const deck = new Reveal(document.querySelector<HTMLElement>('.reveal')!, {
    hash: true,
    width: 1280,
    height: 720,
    margin: 0.05,
    center: false,
    // The projector's audience view has no buttons: not even reveal.js's arrows (keys and the console move it).
    controls: !audience,
    // A preview (the console's pictures, the speaker view's) shows one slide at a time and never moves to it
    // gradually: no slides kept ready around it, no transition.
    viewDistance: preview ? 1 : 3,
    // A preview is a picture a few hundred pixels wide: scaled down as far as it takes, and never switched to
    // reveal.js's scrolling phone layout (below 435 px), which would stack the slides and lose its place. Nor is a
    // narrowed presenter window a phone.
    minScale: preview ? 0.05 : 0.2,
    scrollActivationWidth: null,
    transition: preview ? 'none' : transition(),
    backgroundTransition: preview || reducedMotion.matches ? 'none' : 'fade',
    // reveal.js sees keys from inside our components at the component's host, so it would take Space on a
    // focused button as "next slide" and letters typed in a field as shortcuts: leave those keys alone.
    keyboardCondition: (event: KeyboardEvent) => {
      const target = event.composedPath()[0];
      if (!(target instanceof HTMLElement)) return true;
      if (target.isContentEditable || target.matches('input, textarea, select')) return false;
      const activates = event.key === ' ' || event.key === 'Enter';
      return !(activates && target.closest('button, a[href], summary, [role="button"], [role="radio"], [role="checkbox"]'));
    },
    plugins: [RevealNotes],
  });
  // The speaker view shows the current and the next slide in iframes marked ?receiver; only the main deck leads the room.
  const leads = !preview;
  const publish = () => {
    const slide = deck.getCurrentSlide();
    if (!slide || !leads) return;
    room.setPresent({
      slide: deck.getIndices().h,
      slideTitle: slideTitle(slide),
      activity: slide.querySelector('rs-activity')?.getAttribute('activity') ?? null,
      board: slide.querySelector('rs-board, rs-top-priorities')?.getAttribute('board') ?? null,
    });
  };
  // Many windows, one room: the room's slide lives in the shared document, and a window that opens or
  // reconnects takes its place there before it leads. Only a slide change made in this window announces;
  // moving the deck to where the room is does not (reveal.js hands such a move's origin to slidechanged).
  const FROM_ROOM = -1;
  const follow = (slide: number | undefined) => {
    if (slide === undefined || deck.getIndices().h === slide) return;
    deck.slide(slide, undefined, undefined, FROM_ROOM);
  };
  let deckReady = false;
  // True while this window is connected and has taken its place in the room since it last (re)connected.
  let joined = false;
  // A slide change made in this window while it was not joined (offline, or before the first sync): the
  // facilitator meant it, so it is announced once the connection is back instead of following the room.
  let movedAway = false;
  const join = () => {
    if (!leads || !deckReady || !room.synced || room.status !== 'connected') return;
    const there = room.present();
    if (movedAway || !there) publish();
    else follow(there.slide);
    movedAway = false;
    joined = true;
  };
  room.subscribe(() => {
    if (room.status !== 'connected') joined = false;
  });
  room.onSynced(join);
  // Another window (or a second laptop) moved the room: this one goes along, without announcing.
  room.observePresent((there) => {
    if (joined) follow(there?.slide);
  });
  deck.on('ready', () => {
    deckReady = true;
    join();
  });
  deck.on('slidechanged', (event) => {
    if ((event as Event & { origin?: number }).origin === FROM_ROOM) return;
    if (joined) publish();
    else movedAway = true;
  });
  // The join code big over any slide, for late arrivals: key C ("kode") or the corner's button; Escape closes.
  const overlay = document.querySelector<HTMLDialogElement>('#rs-join-overlay')!;
  const closeButton = overlay.querySelector<HTMLButtonElement>('[data-close]')!;
  const labelOverlay = () => {
    overlay.setAttribute('aria-label', msg('Deltagerkode'));
    closeButton.textContent = msg('Luk (Esc)');
  };
  labelOverlay();
  // On the projector nobody can press a button: the console, C or Escape close the big code there.
  closeButton.hidden = audience;
  // Its <rs-join-info> exists only while it is open, so the join slide's stays the page's one otherwise.
  const toggleJoin = () => {
    if (overlay.open) overlay.close();
    else if (!preview) {
      const big = document.createElement('rs-join-info');
      big.code = info.joinCode;
      big.url = info.joinUrl;
      big.warning = info.joinWarning ?? '';
      overlay.append(big);
      overlay.showModal();
      tellJoinShown();
    }
  };
  // The console on the same laptop asks for the big code with its button or key C, and is told when it shows.
  const facilitatorWindows = preview ? null : new BroadcastChannel(`rs-facilitator:${roomId}`);
  const tellJoinShown = () => facilitatorWindows?.postMessage({ type: 'join-shown', open: overlay.open });
  facilitatorWindows?.addEventListener('message', (event: MessageEvent<{ type?: string; open?: boolean }>) => {
    if (event.data?.type === 'join-toggle') toggleJoin();
    else if (event.data?.type === 'join-ask') tellJoinShown();
  });
  overlay.addEventListener('close', () => {
    overlay.querySelector('rs-join-info')?.remove();
    tellJoinShown();
  });
  closeButton.addEventListener('click', () => overlay.close());
  status.addEventListener('rs-join-toggle', toggleJoin);
  // Before reveal.js sees it: Escape closes the overlay instead of opening the slide overview behind it.
  window.addEventListener(
    'keydown',
    (event) => {
      if (event.key !== 'Escape' || !overlay.open) return;
      event.preventDefault();
      event.stopPropagation();
      overlay.close();
    },
    true,
  );
  // The join slide shows the code big already; elsewhere the corner shows it for late arrivals.
  const markJoinSlide = () => {
    status.joinSlide = !!deck.getCurrentSlide()?.querySelector('rs-join-info');
  };
  deck.on('ready', markJoinSlide);
  deck.on('slidechanged', markJoinSlide);
  const currentActivity = () => deck.getCurrentSlide()?.querySelector('rs-activity') ?? null;
  // Shortcuts for the activity on the current slide; they appear in reveal.js's help overlay ("?").
  // Registered again when the language changes: reveal.js keeps one binding per key, so this replaces them.
  const bindKeys = () => {
    deck.addKeyBinding({ keyCode: 85, key: 'U', description: msg('Åbn / luk aktiviteten') }, () => void currentActivity()?.toggleOpen());
    deck.addKeyBinding({ keyCode: 86, key: 'V', description: msg('Vis / skjul resultatet') }, () => void currentActivity()?.toggleReveal());
    deck.addKeyBinding(
      { keyCode: 84, key: 'T', description: msg('Luk aktiviteten om 30 sekunder') },
      () => void currentActivity()?.countdown(30),
    );
    deck.addKeyBinding({ keyCode: 67, key: 'C', description: msg('Vis / skjul deltagerkoden stort') }, toggleJoin);
  };
  bindKeys();
  window.addEventListener('lit-localize-status', (e) => {
    if (e.detail.status === 'ready') {
      bindKeys();
      labelOverlay();
    }
  });
  reducedMotion.addEventListener('change', () => {
    if (!preview) deck.configure({ transition: transition(), backgroundTransition: transition() });
  });
  await deck.initialize();
}

void main();
