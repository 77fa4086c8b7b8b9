// Where focus goes on the phone when the room takes away the control it was on.
import { ReactiveElement } from 'lit';

/** Resolves once every Lit element under `root`, through their shadow roots, has rendered what it was given. */
export async function rendered(root: ParentNode): Promise<void> {
  const elements = [...root.querySelectorAll('*')].filter((e): e is ReactiveElement => e instanceof ReactiveElement);
  await Promise.all(
    elements.map(async (e) => {
      await e.updateComplete;
      await rendered(e.renderRoot);
    }),
  );
}

/**
 * Puts focus on `fallback` when it is nowhere, or on a control that is gone, disabled or hidden. The ballot and board
 * elements render after the page (a closed vote disables their buttons), so this looks once they have (their
 * updateComplete), not after a guessed delay; and it does not wait for the browser to drop focus from a disabled
 * control itself, which Chromium does only at its next rendering step (after a setTimeout(0) has run).
 */
export async function keepFocus(host: ReactiveElement, fallback: () => HTMLElement | null | undefined): Promise<void> {
  await host.updateComplete;
  await rendered(host.renderRoot);
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  const lost =
    !active ||
    active === document.body ||
    !active.isConnected ||
    active.matches(':disabled') ||
    !(active as HTMLElement).checkVisibility?.() ||
    !!active.closest('[inert]');
  if (lost && host.isConnected) fallback()?.focus();
}
