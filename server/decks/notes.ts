// Speaker notes are the facilitator's: the slides anyone may fetch by deck id go out without them.
/**
 * The slides' HTML without `<aside class="notes">`. compile.ts writes each slide's notes as one such element
 * after the slide's content, and the sanitiser drops any <aside> an author writes, so this one pattern finds
 * them all and nothing else.
 */
export function withoutNotes(html: string): string {
  return html.replace(/\n?<aside class="notes">[\s\S]*?<\/aside>/g, '');
}
