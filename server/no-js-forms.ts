// The phone page without JavaScript: for each activity kind, its form fields, how a posted form becomes a
// ballot, and what the page says when the ballot is refused. One entry per kind, joined by a Record over the
// kinds, so a new kind without a no-JS form does not compile.
import { msg, str } from '@lit/localize';
import { ballotOf, type ActivityDef, type ActivityKind, type BallotCheck, type KindOf, type WireBallot } from '../core/activity.js';
import { normaliseText } from '../core/text.js';
import { multiHint, pointsHint, rankingHint, textHint } from '../texts/ballot-hints.js';
import { escapeHtml as e } from './html.js';

type Refused = Extract<BallotCheck, { ok: false }>;
/** A ballot read from the form, in the shape checkBallot takes; or, in words, why the form cannot be one. */
export type FormRead = { ok: true; raw: unknown } | { ok: false; message: string };

interface NoJsForm<D, B> {
  /** An option's label in the page's language: the deck's words, or the page's own for fixed answers. */
  label(o: { id: string; label: string }): string;
  /** The form's fields, showing the participant's stored ballot if there is one. */
  fields(def: D, ballot: B | undefined): string;
  /** The posted fields as a ballot. Anything odd becomes a shape the check refuses with its usual message. */
  read(def: D, form: URLSearchParams): FormRead;
  /** What the page says when the check refuses the ballot read from the form: the phone app's hint. */
  hint(def: D, raw: unknown, check: Refused): string;
}

type Forms = { [K in ActivityKind]: NoJsForm<KindOf<K>['def'], KindOf<K>['ballot']> };

/** A motion's three answers in the page's language, as on the phone; other labels are the deck's words. */
function motionLabel(o: { id: string; label: string }): string {
  return o.id === 'for' ? msg('For') : o.id === 'imod' ? msg('Imod') : o.id === 'undlader' ? msg('Undlader') : o.label;
}

function radios(def: ActivityDef, chosen: string | undefined, label: (o: { id: string; label: string }) => string): string {
  return def.options
    .map(
      (o) =>
        `<label class="rs-choice"><input type="radio" name="option" value="${e(o.id)}"${o.id === chosen ? ' checked' : ''} required> ${e(label(o))}</label>`,
    )
    .join('');
}

function readOption(form: URLSearchParams): FormRead {
  const option = form.get('option');
  return option === null ? { ok: false, message: msg('Vælg en af mulighederne.') } : { ok: true, raw: { option } };
}

const asIs = (_def: unknown, _raw: unknown, check: Refused): string => check.message;
const deckWords = (o: { label: string }): string => o.label;

const FORMS: Forms = {
  single: {
    label: deckWords,
    fields: (def, ballot) => radios(def, ballot?.option, deckWords),
    read: (_def, form) => readOption(form),
    hint: asIs,
  },
  motion: {
    label: motionLabel,
    fields: (def, ballot) => radios(def, ballot?.option, motionLabel),
    read: (_def, form) => readOption(form),
    hint: asIs,
  },
  multi: {
    label: deckWords,
    fields: (def, ballot) => {
      const chosen = new Set(ballot?.options ?? []);
      return (
        `<p class="rs-hint">${e(msg(str`Vælg højst ${def.maxChoices}.`))}</p>` +
        def.options
          .map(
            (o) =>
              `<label class="rs-choice"><input type="checkbox" name="options" value="${e(o.id)}"${chosen.has(o.id) ? ' checked' : ''}> ${e(o.label)}</label>`,
          )
          .join('')
      );
    },
    read: (_def, form) => ({ ok: true, raw: { options: form.getAll('options') } }),
    hint: (def, raw, check) => multiHint(def, (raw as { options: string[] }).options, check),
  },
  ranking: {
    label: deckWords,
    fields: (def, ballot) => {
      const order = ballot?.order ?? def.options.map((o) => o.id);
      const n = def.options.length;
      return (
        `<p class="rs-hint">${e(msg('Giv hver mulighed en plads: 1 er vigtigst.'))}</p>` +
        def.options
          .map((o) => {
            const at = order.indexOf(o.id) + 1;
            const opts = Array.from(
              { length: n },
              (_, i) => `<option value="${i + 1}"${i + 1 === at ? ' selected' : ''}>${i + 1}.</option>`,
            ).join('');
            return `<label class="rs-row"><select name="rank:${e(o.id)}">${opts}</select> ${e(o.label)}</label>`;
          })
          .join('')
      );
    },
    // A ranking whose places repeat is refused here, in words.
    read: (def, form) => {
      const places = def.options.map((o) => ({ id: o.id, place: Number(form.get(`rank:${o.id}`)) }));
      if (places.some((p) => !Number.isInteger(p.place) || p.place < 1 || p.place > def.options.length)) {
        return { ok: false, message: msg('Giv hver mulighed en plads.') };
      }
      if (new Set(places.map((p) => p.place)).size !== places.length) {
        return { ok: false, message: msg('To muligheder har fået samme plads. Giv hver mulighed sin egen plads.') };
      }
      return { ok: true, raw: { order: places.sort((a, b) => a.place - b.place).map((p) => p.id) } };
    },
    hint: (def, raw, check) => rankingHint(def, (raw as { order: string[] }).order, check),
  },
  points: {
    label: deckWords,
    fields: (def, ballot) => {
      const given = ballot?.points ?? {};
      return (
        `<p class="rs-hint">${e(msg(str`Fordel ${def.budget} point.`))}</p>` +
        def.options
          .map(
            (o) =>
              `<label class="rs-row"><input type="number" inputmode="numeric" min="0" max="${def.budget}" name="points:${e(o.id)}" value="${given[o.id] ?? 0}"> ${e(o.label)}</label>`,
          )
          .join('')
      );
    },
    read: (def, form) => {
      const points: Record<string, number> = {};
      for (const o of def.options) {
        const raw = (form.get(`points:${o.id}`) ?? '').trim();
        const n = raw === '' ? 0 : Number(raw);
        if (!Number.isInteger(n) || n < 0)
          return { ok: false, message: msg(str`Point til ${o.label} skal være et helt tal, 0 eller mere.`) };
        if (n > 0) points[o.id] = n;
      }
      return { ok: true, raw: { points } };
    },
    hint: (def, raw, check) => pointsHint(def, (raw as { points: Record<string, number> }).points, check),
  },
  scale: {
    label: deckWords,
    fields: (def, ballot) => {
      const values = Array.from({ length: def.max - def.min + 1 }, (_, i) => def.min + i);
      return (
        `<p class="rs-hint">${e(String(def.min))} = ${e(def.minLabel)}, ${e(String(def.max))} = ${e(def.maxLabel)}</p>` +
        `<div class="rs-scale">${values
          .map(
            (v) =>
              `<label class="rs-choice"><input type="radio" name="value" value="${v}"${v === ballot?.value ? ' checked' : ''} required> ${v}</label>`,
          )
          .join('')}</div>`
      );
    },
    read: (_def, form) => {
      const value = form.get('value');
      return value === null ? { ok: false, message: msg('Vælg en værdi på skalaen.') } : { ok: true, raw: { value: Number(value) } };
    },
    hint: asIs,
  },
  text: {
    label: deckWords,
    fields: (def, ballot) =>
      `<textarea name="text" rows="3" maxlength="${def.maxLength}" aria-label="${e(def.prompt)}" required>${e(ballot?.text ?? '')}</textarea>`,
    read: (_def, form) => ({ ok: true, raw: { text: form.get('text') ?? '' } }),
    hint: (def, raw, check) => textHint(def, [...normaliseText((raw as { text: string }).text)].length, check),
  },
};

// As in core/activity.ts: `def.kind` picks the entry made for `def`'s own type, which TypeScript cannot
// follow through a union, so the lookup widens the entry once, here.
function formFor(def: ActivityDef): NoJsForm<ActivityDef, KindOf<ActivityKind>['ballot']> {
  return FORMS[def.kind] as unknown as NoJsForm<ActivityDef, KindOf<ActivityKind>['ballot']>;
}

/** The form's fields for an activity, with the participant's stored ballot shown. */
export function formFields(def: ActivityDef, stored: WireBallot | undefined): string {
  return formFor(def).fields(def, stored ? ballotOf(def, stored) : undefined);
}

/** A ballot from the form's fields, in the shape checkBallot takes, or why there is none. */
export function ballotFromForm(def: ActivityDef, form: URLSearchParams): FormRead {
  return formFor(def).read(def, form);
}

/** The definition with its options labelled in the page's language, for describing a stored ballot. */
export function shownOnPage(def: ActivityDef): ActivityDef {
  const label = formFor(def).label;
  return { ...def, options: def.options.map((o) => ({ ...o, label: label(o) })) };
}

/** What the page says when the ballot read from the form is refused. */
export function refusedFormText(def: ActivityDef, raw: unknown, check: Refused): string {
  return formFor(def).hint(def, raw, check);
}
