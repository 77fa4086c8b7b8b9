// The small deck a new deck starts as when it is made without a source: a title slide, the join slide and one
// poll, in the deck format (docs/deck-format.md), so the editor opens on something that runs a room at once.

/** Markdown's punctuation escaped, so a title is shown as written and never read as markup or a block. */
function literal(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>&|~:]/g, '\\$&');
}

export function starterDeck(title: string): string {
  const oneLine = title.replace(/\s+/g, ' ').trim();
  return `---
titel: ${oneLine}
sprog: da
---

layout: titel

# ${literal(oneLine)}

Note: Det her er jeres deck. Slides skilles ad med en linje med tre bindestreger; docs/deck-format.md viser alle blokke.

---

## Deltag fra din telefon

::: deltag
:::

Note: Giv alle et minut til at komme ind.

---

## Hvad mener I?

::: valg
Hvor enige er I i forslaget?
- Enig
- Delvist enig
- Uenig
:::

Note: Åbn afstemningen, luk den, og vis resultatet.
`;
}
