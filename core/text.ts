// Text answers as people type them: the invisible characters that go, and what makes two answers the same one.

// Control characters and bidirectional overrides: invisible, and an override can make a note on the
// projector read differently from what was stored. Line breaks and tabs are white space, kept as spaces.
// Zero-width spaces, word joiners, soft hyphens and byte-order marks show nothing either, so they go too;
// zero-width (non-)joiners and variation selectors stay in what is shown, because emoji and some scripts need them.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u180E\u200B\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
// What a key ignores besides: every default-ignorable code point (joiners, variation selectors, tags, fillers),
// so two answers that look the same on the screen count as one.
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

// Cyrillic and Greek letters that look like Latin ones (after lower-casing). Only mapped in an answer that has Latin
// letters, and there only in a word that mixes scripts ("тillid" with a Cyrillic т) or is made of look-alikes alone
// ("тор"): both are spoofs of a Latin word, while a Russian or Greek word keeps its own letters.
const LOOK_ALIKES: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'ë',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  ї: 'ï',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  һ: 'h',
  ӏ: 'l',
  ԛ: 'q',
  ԝ: 'w',
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'h',
  ι: 'i',
  κ: 'k',
  μ: 'm',
  ν: 'n',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ζ: 'z',
};
const LOOK_ALIKE = new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'gu');

function latinLookAlikes(text: string): string {
  if (!/\p{Script=Latin}/u.test(text)) return text;
  return text.replace(/[\p{L}\p{M}]+/gu, (word) => {
    const spoof = /\p{Script=Latin}/u.test(word) || word.replace(LOOK_ALIKE, '') === '';
    return spoof ? word.replace(LOOK_ALIKE, (c) => LOOK_ALIKES[c]!) : word;
  });
}

/** Drop invisible controls, trim and collapse white space; what a text answer is compared and counted by. */
export function normaliseText(text: string): string {
  return text.normalize('NFC').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/**
 * What equal answers share: case, and punctuation around the words ("Tillid!" is "tillid"), do not count;
 * nor do compatibility forms (NFKC: fullwidth "Ｔｉｌｌｉｄ", the ligature "ﬁ", mathematical bold letters),
 * invisible code points, or Cyrillic and Greek look-alikes inside a Latin word. Æ, ø and å stay themselves.
 */
export function textKey(text: string): string {
  const folded = normaliseText(text.normalize('NFKC').replace(IGNORABLE, '')).toLocaleLowerCase('da').normalize('NFKC');
  const lower = latinLookAlikes(folded);
  return lower.replace(/^[\p{P}\s]+|[\p{P}\s]+$/gu, '') || lower;
}
