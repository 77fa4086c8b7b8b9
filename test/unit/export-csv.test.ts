// CSV cells for Danish Excel: semicolons, decimal comma, quoting, and formula injection neutralised.
import { describe, expect, it } from 'vitest';
import { csv, csvCell } from '../../server/export/formats.js';

describe('csvCell', () => {
  it('neutralises text that Excel would run as a formula', () => {
    for (const evil of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(csvCell(evil).replace(/^"/, '').startsWith("'")).toBe(true);
    }
    expect(csvCell('=1;2')).toBe(`"'=1;2"`);
  });
  it('quotes semicolons, quotes and line breaks, and writes decimal commas', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('sagde "ja"')).toBe('"sagde ""ja"""');
    expect(csvCell('to\nlinjer')).toBe('"to\nlinjer"');
    expect(csvCell(0.4444444)).toBe('0,4444');
    expect(csvCell(12)).toBe('12');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
    expect(csvCell('Ældre')).toBe('Ældre');
  });
  it('a file starts with the BOM and ends lines with CRLF', () => {
    expect(
      csv([
        ['a', 1],
        ['b', 0.5],
      ]),
    ).toBe('\uFEFFa;1\r\nb;0,5\r\n');
  });
});
