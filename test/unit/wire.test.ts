// The HTTP wire schemas: good bodies pass unchanged, bad ones fail with a message a person can act on.
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import {
  AnyControlBody,
  CONTROL_ACTIONS,
  ControlBody,
  CreateRoomBody,
  IntentBody,
  JoinBody,
  describeIssues,
  JOIN_CODE_PATTERN,
  normaliseJoinCode,
  openingCode,
} from '../../core/wire.js';

const UUID = '3f2b8c1e-9a4d-4c6b-8e2f-1a2b3c4d5e6f';

function good<T extends v.GenericSchema>(schema: T, body: unknown): v.InferOutput<T> {
  const r = v.safeParse(schema, body);
  if (!r.success) throw new Error(`expected ${JSON.stringify(body)} to pass: ${describeIssues(r.issues)}`);
  return r.output;
}

function bad(schema: v.GenericSchema, body: unknown): string {
  const r = v.safeParse(schema, body);
  if (r.success) throw new Error(`expected ${JSON.stringify(body)} to fail`);
  const text = describeIssues(r.issues);
  expect(text.length).toBeGreaterThan(0);
  return text;
}

const notObjects: unknown[] = [null, undefined, 'deck', 42, true, [], [{ deck: 'x' }]];

describe('CreateRoomBody', () => {
  it('accepts a deck id', () => {
    expect(good(CreateRoomBody, { deck: 'frisaettelse' })).toEqual({ deck: 'frisaettelse' });
    expect(good(CreateRoomBody, { deck: 'x'.repeat(64) })).toEqual({ deck: 'x'.repeat(64) });
  });

  it('refuses non-objects, a missing, empty, long or non-string deck, and extra fields', () => {
    for (const body of notObjects) bad(CreateRoomBody, body);
    bad(CreateRoomBody, {});
    expect(bad(CreateRoomBody, { deck: '' })).toContain('"deck"');
    expect(bad(CreateRoomBody, { deck: 'x'.repeat(65) })).toContain('"deck"');
    expect(bad(CreateRoomBody, { deck: 7 })).toContain('"deck"');
    expect(bad(CreateRoomBody, { deck: 'a', admin: true })).toContain('"admin"');
  });
});

describe('JoinBody', () => {
  it('accepts a code as a string, even an empty one (an unknown code is a 404 later, not a 400)', () => {
    expect(good(JoinBody, { code: '123456' })).toEqual({ code: '123456' });
    expect(good(JoinBody, { code: '' })).toEqual({ code: '' });
  });

  it('refuses a numeric code, a long code and extra fields', () => {
    for (const body of notObjects) bad(JoinBody, body);
    expect(bad(JoinBody, { code: 123456 })).toContain('"code"');
    expect(bad(JoinBody, { code: '1'.repeat(33) })).toContain('"code"');
    expect(bad(JoinBody, { code: '123456', name: 'Anna' })).toContain('"name"');
  });
});

describe('ControlBody', () => {
  it('lists every action the schema accepts', () => {
    const accepted = CONTROL_ACTIONS.filter((action) => {
      const extra =
        action === 'decide' ? { decision: 'x' } : action === 'countdown' ? { seconds: 1 } : action.includes('entry') ? { entry: 'x' } : {};
      return v.safeParse(ControlBody, { action, activity: 'valg', ...extra }).success;
    });
    expect(accepted).toEqual([...CONTROL_ACTIONS]);
  });

  it('accepts the simple actions with an activity', () => {
    for (const action of ['open', 'close', 'reveal', 'hide', 'reset'] as const) {
      expect(good(ControlBody, { action, activity: 'valg' })).toEqual({ action, activity: 'valg' });
    }
  });

  it('accepts decide with a decision text, countdown with seconds, and hide-entry/show-entry with an entry', () => {
    expect(good(ControlBody, { action: 'decide', activity: 'valg', decision: 'Indstillingen godkendt.' })).toEqual({
      action: 'decide',
      activity: 'valg',
      decision: 'Indstillingen godkendt.',
    });
    expect(good(ControlBody, { action: 'decide', activity: 'valg', decision: '' })).toMatchObject({ decision: '' });
    expect(good(ControlBody, { action: 'countdown', activity: 'valg', seconds: 0 })).toMatchObject({ seconds: 0 });
    expect(good(ControlBody, { action: 'countdown', activity: 'valg', seconds: 3600 })).toMatchObject({ seconds: 3600 });
    expect(good(ControlBody, { action: 'hide-entry', activity: 'ord', entry: 'grimt ord' })).toMatchObject({ entry: 'grimt ord' });
    expect(good(ControlBody, { action: 'show-entry', activity: 'ord', entry: 'grimt ord' })).toMatchObject({ action: 'show-entry' });
    expect(good(ControlBody, { action: 'entry-hide-sender', activity: 'ord', entry: 'grimt ord' })).toMatchObject({
      action: 'entry-hide-sender',
    });
  });

  it('refuses an unknown or missing action', () => {
    for (const body of notObjects) bad(ControlBody, body);
    expect(bad(ControlBody, { action: 'delete', activity: 'valg' })).toContain('"action"');
    expect(bad(ControlBody, { action: 'OPEN', activity: 'valg' })).toContain('"action"');
    expect(bad(ControlBody, { activity: 'valg' })).toContain('"action"');
  });

  it('refuses a missing, empty or long activity', () => {
    expect(bad(ControlBody, { action: 'open' })).toContain('"activity"');
    expect(bad(ControlBody, { action: 'open', activity: '' })).toContain('"activity"');
    expect(bad(ControlBody, { action: 'open', activity: 'x'.repeat(65) })).toContain('"activity"');
    expect(bad(ControlBody, { action: 'open', activity: ['valg'] })).toContain('"activity"');
  });

  it('refuses fields that belong to another action', () => {
    expect(bad(ControlBody, { action: 'open', activity: 'valg', seconds: 30 })).toContain('"seconds"');
    expect(bad(ControlBody, { action: 'countdown', activity: 'valg', seconds: 30, decision: 'x' })).toContain('"decision"');
    expect(bad(ControlBody, { action: 'decide', activity: 'valg', decision: 'x', entry: 'y' })).toContain('"entry"');
  });

  it('refuses a decision without text or too long', () => {
    expect(bad(ControlBody, { action: 'decide', activity: 'valg' })).toContain('"decision"');
    expect(bad(ControlBody, { action: 'decide', activity: 'valg', decision: 'x'.repeat(2001) })).toContain('"decision"');
    expect(good(ControlBody, { action: 'decide', activity: 'valg', decision: 'x'.repeat(2000) })).toBeTruthy();
  });

  it('refuses countdown seconds that are missing, negative, fractional, too long or strings', () => {
    for (const seconds of [undefined, -1, 1.5, 3601, '30', null]) {
      expect(bad(ControlBody, { action: 'countdown', activity: 'valg', seconds })).toContain('"seconds"');
    }
  });

  it('refuses an entry action without an entry or with one too long', () => {
    expect(bad(ControlBody, { action: 'hide-entry', activity: 'ord' })).toContain('"entry"');
    expect(bad(ControlBody, { action: 'show-entry', activity: 'ord', entry: 'x'.repeat(2001) })).toContain('"entry"');
  });
});

describe('IntentBody', () => {
  it('accepts a ballot intent and passes the ballot through untouched for the activity to check', () => {
    const ballot = { order: ['a', 'b'] };
    const out = good(IntentBody, { id: UUID, type: 'ballot', activity: 'prio', ballot });
    expect(out).toEqual({ id: UUID, type: 'ballot', activity: 'prio', ballot });
    expect(good(IntentBody, { id: UUID.toUpperCase(), type: 'ballot', activity: 'x', ballot: 'anything' })).toMatchObject({
      ballot: 'anything',
    });
  });

  it('refuses an id that is not a UUID', () => {
    for (const id of ['', '1', 'not-a-uuid', `${UUID}0`, UUID.replace(/-/g, ''), 42]) {
      expect(bad(IntentBody, { id, type: 'ballot', activity: 'valg', ballot: {} })).toContain('"id"');
    }
  });

  it('refuses another type, a missing type and a bad activity', () => {
    expect(bad(IntentBody, { id: UUID, type: 'stemme', activity: 'valg', ballot: {} })).toContain('"type"');
    expect(bad(IntentBody, { id: UUID, type: 'note', activity: 'valg', ballot: {} })).toMatch(/"(board|activity)"/);
    expect(bad(IntentBody, { id: UUID, activity: 'valg', ballot: {} })).toContain('"type"');
    expect(bad(IntentBody, { id: UUID, type: 'ballot', activity: '', ballot: {} })).toContain('"activity"');
    expect(bad(IntentBody, { id: UUID, type: 'ballot', activity: 'x'.repeat(65), ballot: {} })).toContain('"activity"');
    expect(bad(IntentBody, { id: UUID, type: 'ballot', ballot: {} })).toContain('"activity"');
  });

  it('refuses extra fields and non-objects', () => {
    for (const body of notObjects) bad(IntentBody, body);
    expect(bad(IntentBody, { id: UUID, type: 'ballot', activity: 'valg', ballot: {}, participant: 'p2' })).toContain('"participant"');
  });
});

describe('describeIssues', () => {
  it('names the field path of the first issue', () => {
    expect(describeIssues([{ message: 'Ugyldig værdi', path: [{ key: 'ballot' }, { key: 'points' }, { key: 'a' }] }])).toBe(
      'Feltet "ballot.points.a": Ugyldig værdi',
    );
    expect(
      describeIssues([
        { message: 'Først', path: [{ key: 'a' }] },
        { message: 'Anden', path: [{ key: 'b' }] },
      ]),
    ).toBe('Feltet "a": Først');
    expect(describeIssues([{ message: 'Indeks', path: [{ key: 'order' }, { key: 2 }] }])).toBe('Feltet "order.2": Indeks');
  });

  it('gives the bare message without a path, and a default without issues', () => {
    expect(describeIssues([{ message: 'Hele kroppen er forkert' }])).toBe('Hele kroppen er forkert');
    expect(describeIssues([{ message: 'Tom sti', path: [] }])).toBe('Tom sti');
    expect(describeIssues([])).toBe('Ugyldig forespørgsel.');
  });

  it('turns real valibot issues into readable text', () => {
    const r = v.safeParse(ControlBody, { action: 'countdown', activity: 'valg', seconds: 1.5 });
    expect(r.success).toBe(false);
    if (r.success) return;
    const text = describeIssues(r.issues);
    expect(text).toBe('Feltet "seconds" skal være et helt tal (fik 1.5).');
    const top = v.safeParse(CreateRoomBody, 'ikke et objekt');
    expect(top.success).toBe(false);
    if (!top.success) expect(describeIssues(top.issues)).toBe('Forespørgslen skal være et objekt (fik "ikke et objekt").');
    const cases: Array<[v.GenericSchema, unknown, string]> = [
      [ControlBody, { action: 'countdown', activity: 'a', seconds: 5000 }, 'Feltet "seconds" må højst være 3600 (fik 5000).'],
      [ControlBody, { action: 'open' }, 'Feltet "activity" mangler.'],
      [ControlBody, { action: 'open', activity: 'a', extra: 1 }, 'Feltet "extra" er ikke et kendt felt.'],
      [ControlBody, { action: 'open', activity: 5 }, 'Feltet "activity" skal være tekst (fik 5).'],
      [CreateRoomBody, { deck: '' }, 'Feltet "deck" skal have mindst 1 tegn (fik 0).'],
    ];
    for (const [schema, body, expected] of cases) {
      const c = v.safeParse(schema, body);
      expect(c.success).toBe(false);
      if (!c.success) expect(describeIssues(c.issues)).toBe(expected);
    }
    const action = v.safeParse(ControlBody, { action: 'fly', activity: 'a' });
    if (!action.success)
      expect(describeIssues(action.issues)).toMatch(
        /^Feltet "action" skal være "open", "close", .* "show-entry" eller "entry-hide-sender" \(fik "fly"\)\.$/,
      );
    expect(action.success).toBe(false);
    // The control endpoint's one schema for activities and boards names the field, not "no schema matched".
    const controlCases: [unknown, string][] = [
      [{ action: 'open' }, 'Feltet "activity" mangler.'],
      [{ action: 'open', activity: 5 }, 'Feltet "activity" skal være tekst (fik 5).'],
      [{ action: 'board-phase', board: 't', phase: 'x' }, 'Feltet "phase" skal være "closed", "notes" eller "dots" (fik "x").'],
      ['x', 'Forespørgslen skal være et JSON-objekt (fik "x").'],
    ];
    for (const [body, expected] of controlCases) {
      const r = v.safeParse(AnyControlBody, body);
      expect(r.success).toBe(false);
      if (!r.success) expect(describeIssues(r.issues)).toBe(expected);
    }
    const unknown = v.safeParse(AnyControlBody, { action: 'explode', activity: 'x' });
    expect(unknown.success ? '' : describeIssues(unknown.issues)).toMatch(
      /^Feltet "action" skal være "open", .*"board-phase", .* "note-edit", "note-hide-sender" eller "board-approval" \(fik "explode"\)\.$/,
    );
  });
});

describe('join codes', () => {
  it('are typed with spaces, hyphens or dots, and only six digits open a room', () => {
    for (const typed of ['123456', '123 456', '123-456', '123.456', ' 123 456 ']) expect(normaliseJoinCode(typed)).toBe('123456');
    for (const typed of ['12345', '1234567', '12a456', '１２３４５６'])
      expect(JOIN_CODE_PATTERN.test(normaliseJoinCode(typed))).toBe(false);
  });

  it('a retired code opens nothing and is shown as none', () => {
    expect(openingCode('401694')).toBe('401694');
    expect(openingCode('retired:bkQSBEfIKmgB')).toBe('');
  });
});
