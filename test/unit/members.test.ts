// Voting-card codes and the minutes' member lines; the members part of the storage contract is in test/contract/.
import { describe, expect, it } from 'vitest';
import {
  cardHash,
  formatCardCode,
  memberLabel,
  newCardCode,
  normaliseCardCode,
  parseMemberLines,
  CARD_PATTERN,
} from '../../server/members.js';

describe('card codes and member lines', () => {
  it('makes 8-sign codes from the unambiguous alphabet and reads them back however typed', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newCardCode()));
    expect(codes.size).toBe(200);
    for (const c of codes) expect(c).toMatch(CARD_PATTERN);
    const c = [...codes][0]!;
    expect(normaliseCardCode(formatCardCode(c).toLowerCase())).toBe(c);
    expect(normaliseCardCode(` ${c.slice(0, 4)} ${c.slice(4)} `)).toBe(c);
    expect(cardHash('r1', c)).not.toBe(cardHash('r2', c));
  });

  it('reads the minutes’ lines', () => {
    const lines = parseMemberLines('Fraværende:\nJørgen Bech (V)\n- Anne Hansen (A),\n3. Bo Jensen\n\nErik Nørgaard (Ø); Frida Kjær (RV)');
    expect(lines).toEqual([
      { name: 'Jørgen Bech', party: 'V' },
      { name: 'Anne Hansen', party: 'A' },
      { name: 'Bo Jensen', party: '' },
      { name: 'Erik Nørgaard', party: 'Ø' },
      { name: 'Frida Kjær', party: 'RV' },
    ]);
    expect(lines.map(memberLabel)).toContain('Jørgen Bech (V)');
  });
});
