// One translation mechanism for every string a person reads: @lit/localize. Danish is the source language
// and the default; English is a choice the participant makes on the phone (kept in localStorage). The
// English templates live in texts/locales/en.ts, built from xliff/en.xlf by `npm run i18n`; they load
// only when English is chosen, so a Danish phone downloads none of them.
import { configureLocalization, msg, str, type LocaleModule } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import { sourceLocale, targetLocales } from '../texts/locales/locale-codes.js';
import { describeBallot, type ActivityDef, type Ballot, type WireBallot } from '../core/activity.js';
import { errorMessage } from '../texts/error-text.js';

export type Locale = typeof sourceLocale | (typeof targetLocales)[number];

const STORE = 'rs-lang';

/** One import per language: a pattern import (`${locale}.ts`) would also match locale-codes.ts, which the build warns about. */
const TRANSLATIONS: Record<(typeof targetLocales)[number], () => Promise<LocaleModule>> = {
  en: () => import('../texts/locales/en.js'),
};

export const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => TRANSLATIONS[locale as (typeof targetLocales)[number]](),
});

/** The participant's chosen language, if any; Danish otherwise. */
export function storedLocale(): Locale {
  try {
    const l = localStorage.getItem(STORE);
    return l && (targetLocales as readonly string[]).includes(l) ? (l as Locale) : sourceLocale;
  } catch {
    return sourceLocale;
  }
}

/** Switches the page's language, remembers it, and tells assistive technology (html lang). */
export async function chooseLocale(locale: Locale): Promise<void> {
  try {
    localStorage.setItem(STORE, locale);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  // The server renders the page before the app runs (server/participant-page.ts); it reads the choice here.
  // biome-ignore lint/suspicious/noDocumentCookie: one non-secret preference; the Cookie Store API is not in every phone's browser.
  document.cookie = `rs_lang=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`;
  await setLocale(locale);
  document.documentElement.lang = locale;
}

/** The languages a person may choose, each named in itself. */
export const LANGUAGES: readonly { locale: Locale; name: string }[] = [
  { locale: 'da', name: 'Dansk' },
  { locale: 'en', name: 'English' },
];

/** Takes up the language this browser chose before (on the start page, the presenter or a phone); Danish otherwise. */
export function useStoredLocale(): void {
  const locale = storedLocale();
  if (locale !== getLocale()) void chooseLocale(locale);
}

/** The pages' one button to the other language, named in that language (its `lang` says so to a screen reader). */
export function languageSwitch(): TemplateResult {
  const other = LANGUAGES.find((l) => l.locale !== getLocale()) ?? LANGUAGES[0]!;
  return html`<button class="lang" lang=${other.locale} @click=${() => void chooseLocale(other.locale)}>${other.name}</button>`;
}

// The language the deck is written in (its manifest's lang). On a page in another language, text that
// comes from the deck is marked with it, so a screen reader reads it with the right voice (WCAG 3.1.2).
let deckLanguage = 'da';

/** Set by the participant app when the deck's manifest arrives. */
export function setDeckLanguage(lang: string): void {
  deckLanguage = lang || 'da';
}

/** The deck's language, for `lang=` on the deck's own words. */
export function deckLang(): string {
  return deckLanguage;
}

/** A motion's three answers in the reader's language; other labels are the deck's own words. */
export function motionLabel(id: string, fallback: string): string {
  return id === 'for' ? msg('For') : id === 'imod' ? msg('Imod') : id === 'undlader' ? msg('Undlader') : fallback;
}

/** The definition as the reader sees it: a motion's For / Imod / Undlader in the reader's language. */
export function shownDefinition<D extends ActivityDef>(def: D): D {
  if (def.kind !== 'motion') return def;
  return { ...def, options: def.options.map((o) => ({ ...o, label: motionLabel(o.id, o.label) })) };
}

/**
 * A ballot as the reader reads it: a motion's choice in the reader's language, a text answer in the reader's
 * quotation marks (Danish „…“, English “…”; the deck's exports keep the Danish ones).
 */
export function describeShown(def: ActivityDef, ballot: Ballot | WireBallot): string {
  if (def.kind === 'text' && 'text' in ballot) return msg(str`„${ballot.text}“`);
  return describeBallot(shownDefinition(def), ballot);
}

/** Numbers as the reader's language writes them (2,5 in Danish, 2.5 in English). */
export function formatNumber(n: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(getLocale(), options).format(n);
}

/** A moment as the reader's language writes it. */
export function formatDateTime(at: number | Date, options: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeStyle: 'short' }): string {
  return new Intl.DateTimeFormat(getLocale(), options).format(at);
}

/**
 * What went wrong, in the reader's language. The server explains in Danish with the details (which
 * activity, how many characters); in another language the phone says the same by the error's code.
 */
export function errorText(code: string, serverMessage: string): string {
  if (getLocale() === sourceLocale) return serverMessage;
  return errorMessage(code) ?? serverMessage;
}

/**
 * "1 svar" / "3 svar", for "Resultat (3 svar)" and a result table's caption: Danish has one form, English
 * two (1 answer, 3 answers), so the two counts are two messages.
 */
export function answersCount(n: number): string {
  const shown = formatNumber(n);
  return n === 1 ? msg(str`${shown} svar`, { id: 'answers-one' }) : msg(str`${shown} svar`, { id: 'answers-other' });
}
