import { describe, expect, it } from 'vitest';
import { lineText, multilineText, normaliseText, textProblem } from './text-policy.js';

/** Urdu "ہم‌آہنگی" and Persian "می‌خواهم": ZWNJ between letters, as writers of these scripts type it. */
const URDU_WITH_ZWNJ = 'ہم\u200Cآہنگی ضروری ہے';
const PERSIAN_WITH_ZWNJ = 'می\u200Cخواهم صلح';
const ARABIC = 'السلام عليكم';
const HEBREW = 'שלום עולם';
const EMOJI_ZWJ = 'team 👩\u200D💻 and 🏳️\u200D🌈 and 👩🏽\u200D🚀';
const ENGLAND_FLAG = 'go 🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}!';

describe('normaliseText', () => {
  it('NFC-normalises and trims both kinds', () => {
    expect(normaliseText('  Cafe\u0301  ', 'line')).toBe('Café');
    expect(normaliseText('\n a \n', 'multiline')).toBe('a');
  });
  it('turns CR LF and lone CR into LF in multi-line text only', () => {
    expect(normaliseText('a\r\nb\rc', 'multiline')).toBe('a\nb\nc');
    expect(normaliseText('a\r\nb', 'line')).toBe('a\r\nb');
  });
});

describe('textProblem', () => {
  it.each([ARABIC, HEBREW, URDU_WITH_ZWNJ, PERSIAN_WITH_ZWNJ, EMOJI_ZWJ, ENGLAND_FLAG, 'plain text', 'Zürich ١٢٣'])(
    'accepts real writing unchanged: %s',
    (text) => {
      expect(textProblem(text, 'line')).toBeUndefined();
      expect(textProblem(text, 'multiline')).toBeUndefined();
    },
  );

  it.each([
    ['U+202E RIGHT-TO-LEFT OVERRIDE', 'abc\u202Edef', 'U+202E'],
    ['U+202A LEFT-TO-RIGHT EMBEDDING', 'a\u202Ab', 'U+202A'],
    ['U+2066 LEFT-TO-RIGHT ISOLATE', 'a\u2066b\u2069', 'U+2066'],
    ['U+2069 POP DIRECTIONAL ISOLATE', 'ab\u2069', 'U+2069'],
    ['U+200B ZERO WIDTH SPACE', 'a\u200Bb', 'U+200B'],
    ['U+2060 WORD JOINER', 'a\u2060b', 'U+2060'],
    ['U+FEFF inside the text', 'a\uFEFFb', 'U+FEFF'],
    ['U+00AD SOFT HYPHEN', 'co\u00ADop', 'U+00AD'],
    ['a tag character outside a flag', 'a\u{E0041}', 'U+E0041'],
  ])('refuses %s in both kinds, naming it', (_label, text, named) => {
    expect(textProblem(text, 'line')).toContain(named);
    expect(textProblem(text, 'multiline')).toContain(named);
  });

  it('allows ZWNJ and ZWJ only between letters or emoji', () => {
    expect(textProblem('\u200Cabc', 'line')).toContain('U+200C');
    expect(textProblem('abc\u200D', 'line')).toContain('U+200D');
    expect(textProblem('a \u200C b', 'multiline')).toContain('U+200C');
    expect(textProblem('1\u200D2', 'line')).toContain('U+200D');
    expect(textProblem('. \u200D👩', 'line')).toContain('U+200D');
  });

  it('allows the implicit direction marks LRM, RLM and ALM in multi-line text only', () => {
    const mixed = 'قال: "hello"\u200F.';
    expect(textProblem(mixed, 'multiline')).toBeUndefined();
    expect(textProblem(mixed, 'line')).toContain('U+200F');
    expect(textProblem('a\u061Cb', 'line')).toContain('U+061C');
  });

  it('refuses line breaks and tabs on one line, and keeps LF and tabs in multi-line text', () => {
    expect(textProblem('a\nb', 'line')).toMatch(/one line/);
    expect(textProblem('a\tb', 'line')).toMatch(/one line/);
    expect(textProblem('a\u2028b', 'line')).toMatch(/one line/);
    expect(textProblem('a\n\tb', 'multiline')).toBeUndefined();
    expect(textProblem('a\u2028b', 'multiline')).toMatch(/LF/);
  });

  it('refuses C0 and C1 controls and lone surrogates in both kinds', () => {
    for (const kind of ['line', 'multiline'] as const) {
      expect(textProblem('a\u0000b', kind)).toContain('U+0000');
      expect(textProblem('a\u0085b', kind)).toContain('U+0085');
      expect(textProblem('a\u007Fb', kind)).toContain('U+007F');
      expect(textProblem('a\uD800b', kind)).toMatch(/well-formed/);
    }
  });
});

describe('the zod fields', () => {
  it('normalise, then check length and policy', () => {
    expect(multilineText(1, 20).parse(' a\r\nb ')).toBe('a\nb');
    expect(lineText(1, 20).parse(` ${PERSIAN_WITH_ZWNJ} `)).toBe(PERSIAN_WITH_ZWNJ);
    const refused = lineText(1, 20).safeParse('evil\u202Etxt.exe');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toContain('U+202E');
    expect(lineText(2, 20).safeParse('   a   ').success).toBe(false);
  });
});
