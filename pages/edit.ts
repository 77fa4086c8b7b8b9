// The deck editor's page (/edit/<deck>): the reader's language, the editor key from the link's fragment — kept in
// this browser and taken out of the address bar, so a reload works and the key is never in an address — and the editor.
import { chooseLocale, getLocale, storedLocale } from '../components/i18n.js';
import { readStored, writeStored } from '../components/participant/stored.js';
import '../components/editor/editor.js';
// "Importér PDF" in the editor's bar (it registers itself; pdf.js loads only when a PDF is chosen).
import '../components/editor/pdf-import.js';

const KEY = (deck: string) => `rs-deck-key:${deck}`;

/** The key from `#key=…` once (then kept), else the one this browser kept, or the start page's list of decks. */
function editorKey(deck: string): string {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('key');
  if (fromHash) {
    writeStored(KEY(deck), fromHash);
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  const kept = readStored<string>(KEY(deck));
  if (kept) return kept;
  const listed = readStored<{ id?: string; editorKey?: string }[]>('rs-decks');
  return (Array.isArray(listed) ? listed.find((d) => d?.id === deck)?.editorKey : undefined) ?? '';
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
