// The deck editor's page (/edit/<deck>): the reader's language, the editor key from the link's fragment — kept in
// this browser's list of decks (the start page's) and taken out of the address bar, so a reload works, the deck is on
// the start page, and the key is never in an address — and the editor.
import { chooseLocale, getLocale, storedLocale } from '../components/i18n.js';
import { keepDeck, keptDecks } from '../components/home/kept.js';
import '../components/editor/editor.js';
// "Importér PDF" in the editor's bar (it registers itself; pdf.js loads only when a PDF is chosen).
import '../components/editor/pdf-import.js';

/** The key from `#key=…` once (then kept with the deck on the start page's list), else the one kept there. */
function editorKey(deck: string): string {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('key');
  const kept = keptDecks().find((d) => d.id === deck);
  if (fromHash) {
    // The start page shows the deck's title from the server; the id stands in until it has been there.
    if (kept?.editorKey !== fromHash)
      keepDeck({ id: deck, editorKey: fromHash, title: kept?.title ?? deck, madeAt: kept?.madeAt ?? Date.now() });
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  return kept?.editorKey ?? '';
}

async function main(): Promise<void> {
  const locale = storedLocale();
  if (locale !== getLocale()) await chooseLocale(locale).catch(() => undefined);
  const deck = decodeURIComponent(location.pathname.split('/')[2] ?? '');
  const editor = document.querySelector('rs-deck-editor')!;
  editor.editorKey = editorKey(deck);
  editor.deckId = deck;
}

void main();
