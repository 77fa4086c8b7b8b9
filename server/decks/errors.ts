// A mistake found while reading a deck's Markdown, at a line of the slide being read; compile.ts turns it into
// a DeckError that names the deck, the slide and the line in the whole file.
export class DeckSyntaxError extends Error {
  constructor(
    /** 0-based line within the text being read. */
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'DeckSyntaxError';
  }
}
