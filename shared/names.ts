/**
 * Safe display names (issue 15): the rules both sides apply before a name is compared with
 * others. The server adds the UTS #39 confusable skeleton (server/domain/names.ts) on top of
 * `foldName`; the client uses these to explain a refusal before sending the form.
 *
 * A name is refused when it
 * - holds invisible, control or bidi characters, or space other than one plain space
 *   (`nameCharacterProblem`): they make two names look alike or reorder what a reader sees;
 * - mixes scripts inside one word (`mixedScriptWord`), the trick behind `pаypal` with a Cyrillic а;
 * - looks like a reserved name (`RESERVED_NAMES`) or like someone else's (server side).
 */

/** Names nobody registers: staff and system words, compared by skeleton so `h0st` and `аdmin` count too. */
export const RESERVED_NAMES = [
  'admin',
  'administrator',
  'moderator',
  'mod',
  'parley',
  'staff',
  'support',
  'system',
  'host',
] as const;

/**
 * Characters that show nothing, or show as blank, though they are not a plain space: Hangul
 * fillers, the braille blank, the Mongolian vowel separator, combining grapheme joiner, variation
 * selectors. General categories Cc and Cf (controls, bidi marks, joiners, soft hyphen) come on top.
 */
const INVISIBLE_SOURCE =
  '[\\p{Cc}\\p{Cf}\\u034F\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180F\\u2800\\u3164\\uFE00-\\uFE0F\\uFFA0\\u{E0100}-\\u{E01EF}]';
// The class lists combining marks (U+034F, variation selectors) one by one on purpose: each is refused alone.
// eslint-disable-next-line no-misleading-character-class -- see above
const INVISIBLE = new RegExp(INVISIBLE_SOURCE, 'u');
// eslint-disable-next-line no-misleading-character-class -- see above
const INVISIBLE_ALL = new RegExp(INVISIBLE_SOURCE, 'gu');
/** Any space but U+0020 (no-break, en, em, ideographic spaces ...), and line or paragraph separators. */
const ODD_SPACE = /[^\S ]/u;
/** What a name may hold: letters and marks of any script, digits, one kind of space, . _ - ' ’. */
const ALLOWED = /^[\p{L}\p{M}\p{Nd} ._'’-]*$/u;

const hex = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** What is wrong with the characters of a name, in words a person can act on; undefined when fine. */
export function nameCharacterProblem(name: string): string | undefined {
  const invisible = INVISIBLE.exec(name);
  if (invisible) return `Names cannot hold invisible or control characters (found ${hex(invisible[0])}).`;
  const space = ODD_SPACE.exec(name);
  if (space) return `Use ordinary spaces only (found ${hex(space[0])}).`;
  if (!ALLOWED.test(name)) {
    const bad = [...name].find((ch) => !ALLOWED.test(ch)) ?? '';
    return `Names may hold letters, digits, spaces, dots, dashes, underscores and apostrophes (not “${bad}”).`;
  }
  return undefined;
}

/** Scripts told apart for the mixed-script rule; Han, kana and Hangul count as one (Japanese and Korean mix them). */
const SCRIPTS: Array<[string, RegExp]> = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
  ['CJK', /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}]/u],
];

function scriptOf(ch: string): string | null {
  if (!/\p{L}/u.test(ch)) return null; // digits, marks and punctuation belong to every script
  for (const [script, pattern] of SCRIPTS) if (pattern.test(ch)) return script;
  return 'Other';
}

/** The first word of the name that mixes letters of two scripts (`mоderator` with a Cyrillic о), or undefined. */
export function mixedScriptWord(name: string): string | undefined {
  for (const word of name.normalize('NFKC').split(/[\s._'’-]+/u)) {
    const scripts = new Set<string>();
    for (const ch of word) {
      const script = scriptOf(ch);
      if (script) scripts.add(script);
    }
    if (scripts.size > 1) return word;
  }
  return undefined;
}

/** Digits that pass for letters, beyond what the UTS #39 table folds (it has 0 → O but not 0 → o). */
const LOOKALIKE_DIGITS: Record<string, string> = { '0': 'o', '1': 'l', '5': 's' };

/**
 * The comparison form of a name without the confusables table: NFKC, lower case, invisible
 * characters dropped, look-alike digits as letters, every run of spaces and separators as one
 * space, leading and trailing punctuation gone. Two names with the same fold look alike; the
 * server's skeleton (server/domain/names.ts) catches more (Cyrillic а for Latin a ...).
 */
export function foldName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(INVISIBLE_ALL, '')
    .toLocaleLowerCase('und')
    .replace(/[015]/g, (ch) => LOOKALIKE_DIGITS[ch] ?? ch)
    .replace(/[\s\p{Z}._'’‐‑‒–—―-]+/gu, ' ')
    .replace(/^[\p{P}\p{S} ]+|[\p{P}\p{S} ]+$/gu, '');
}

/** The reserved name the fold of `name` equals, if any (the server checks the skeleton too). */
export function reservedNameLike(name: string): string | undefined {
  const folded = foldName(name);
  return RESERVED_NAMES.find((reserved) => foldName(reserved) === folded);
}
