/**
 * The one text policy of every free-text field (docs/PROTOCOL.md, "Text fields"). A field is of one
 * of two kinds: `line` (names, titles, motions, positions, reasons, word-list entries, questions,
 * version names) or `multiline` (comment bodies, report notes). Both are normalised the same way
 * (NFC, CR LF and lone CR to LF, trimmed) and then checked; nothing is stripped silently, so what a
 * writer sees in the form is what is stored, or they are told which character to remove.
 */
import { z } from 'zod';

export type TextKind = 'line' | 'multiline';

/** NFC, line breaks as LF (multi-line only: a single-line field refuses them instead), trimmed. */
export function normaliseText(raw: string, kind: TextKind): string {
  const nfc = raw.normalize('NFC');
  return (kind === 'multiline' ? nfc.replace(/\r\n?/g, '\n') : nfc).trim();
}

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

// eslint-disable-next-line no-control-regex -- finding control characters is this check's whole job
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
/** Line and paragraph separators are refused in both kinds: a multi-line field takes LF. */
const LINE_BREAK = { line: /[\t\n\r\u2028\u2029]/u, multiline: /[\r\u2028\u2029]/u } as const;
/**
 * Invisible formatting characters (general category Cf). Most can hide or reorder text, the bidi
 * overrides, embeddings and isolates (U+202A–U+202E, U+2066–U+2069) above all; the few real
 * scripts need are allowed only where they do their job (allowedFormat below).
 */
const FORMAT = /\p{Cf}/gu;
/** Emoji subdivision flags (🏴 + tag letters + CANCEL TAG): the only legitimate use of tag characters. */
const TAG_SEQUENCE = /\u{1F3F4}[\u{E0020}-\u{E007E}]+\u{E007F}/gu;
/** Visible signs that happen to be Cf (Arabic number and end-of-ayah signs, Syriac abbreviation mark...). */
const VISIBLE_FORMAT = new Set([0x600, 0x601, 0x602, 0x603, 0x604, 0x605, 0x6dd, 0x70f, 0x890, 0x891, 0x8e2]);
/** The implicit direction marks LRM, RLM and ALM: they place neutral characters in mixed text, never reorder letters. */
const DIRECTION_MARKS = new Set([0x200e, 0x200f, 0x61c]);
const LETTER = /[\p{L}\p{M}]/u;
const EMOJI_PART = /[\p{L}\p{M}\p{Extended_Pictographic}\p{Emoji_Modifier}]/u;

/** The whole character before index `at`, an emoji's surrogate pair included; '' at the start. */
function characterBefore(text: string, at: number): string {
  if (at === 0) return '';
  const unit = text.charCodeAt(at - 1);
  const isLowSurrogate = unit >= 0xdc00 && unit <= 0xdfff;
  return String.fromCodePoint(text.codePointAt(isLowSurrogate && at >= 2 ? at - 2 : at - 1)!);
}

function allowedFormat(text: string, at: number, cp: number, kind: TextKind): boolean {
  if (VISIBLE_FORMAT.has(cp)) return true;
  if (DIRECTION_MARKS.has(cp)) return kind === 'multiline';
  const before = characterBefore(text, at);
  const after = String.fromCodePoint(text.codePointAt(at + 1) ?? 0);
  // ZWNJ: Persian, Urdu, Arabic and Indic writing, between two letters (or their marks).
  if (cp === 0x200c) return LETTER.test(before) && LETTER.test(after);
  // ZWJ: the same scripts, and emoji sequences (👩‍💻, 🏳️‍🌈).
  if (cp === 0x200d) return EMOJI_PART.test(before) && EMOJI_PART.test(after);
  return false;
}

/** What is wrong with normalised text under the policy, in words a writer can act on; undefined when fine. */
export function textProblem(text: string, kind: TextKind): string | undefined {
  if (!text.isWellFormed()) return 'must be well-formed unicode (no lone surrogates)';
  const control = CONTROL.exec(text);
  if (control) return `must not contain control characters (found ${hex(control[0].codePointAt(0)!)})`;
  if (LINE_BREAK[kind].test(text))
    return kind === 'line' ? 'must be on one line (no line breaks or tabs)' : 'must use LF line breaks only';
  const scanned = text.replace(TAG_SEQUENCE, '\u{1F3F4}');
  for (const match of scanned.matchAll(FORMAT)) {
    const cp = match[0].codePointAt(0)!;
    if (!allowedFormat(scanned, match.index, cp, kind))
      return `must not contain the invisible formatting character ${hex(cp)} (see "Text fields" in the protocol)`;
  }
  return undefined;
}

/**
 * A text field: at most `max` UTF-16 units after normalising (4×max before, so junk is refused
 * before any work), at least `min`, and no problem under the policy. VALIDATION_FAILED names it.
 */
export const textField = (kind: TextKind, min: number, max: number) =>
  z
    .string()
    .max(max * 4)
    .transform((s) => normaliseText(s, kind))
    .pipe(
      z
        .string()
        .min(min)
        .max(max)
        .superRefine((s, ctx) => {
          const problem = textProblem(s, kind);
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        }),
    );

/** A single-line field: names, titles, motions, positions, reasons, word-list entries, questions, version names. */
export const lineText = (min: number, max: number) => textField('line', min, max);
/** A multi-line field: comment bodies and report notes (LF and tabs allowed, LRM/RLM/ALM too). */
export const multilineText = (min: number, max: number) => textField('multiline', min, max);
