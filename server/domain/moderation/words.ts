/**
 * Word lists matched the way people try to dodge them: case-insensitively, on word boundaries, after
 * Unicode normalisation. Text and words both go through the same folding, so "ＳＰＡＭ" (full width),
 * "s\u200bpam" (a zero-width space) and "ѕрам" (Cyrillic look-alikes) all meet "spam", while
 * "spammer" or "antispam" do not (word boundaries).
 */
import unhomoglyph from 'unhomoglyph';

/** Cyrillic and Greek letters that read as Latin in most fonts but that the confusables table maps elsewhere. */
const EXTRA_LOOKALIKES: Record<string, string> = {
  м: 'm',
  т: 't',
  к: 'k',
  н: 'h',
  в: 'b',
  г: 'r',
  п: 'n',
  и: 'u',
  ν: 'v',
  ι: 'i',
  κ: 'k',
};

/** Format characters (zero-width spaces and joiners, bidi controls, soft hyphens) hide inside words. */
const INVISIBLE_RE = /[\p{Cf}\u034F\u115F\u1160\u3164\uFFA0]/gu;

/**
 * The folded form used for matching: NFKC, invisible characters out, lower case, and look-alike
 * letters to their Latin base. Only characters outside ASCII are folded: the confusables table
 * also maps plain Latin sequences ("rn" to "m"), which would make "burn" match "bum".
 */
export function foldForMatching(text: string): string {
  const compat = text.normalize('NFKC').replace(INVISIBLE_RE, '').toLowerCase();
  return compat.replace(/\P{ASCII}/gu, (ch) => (EXTRA_LOOKALIKES[ch] ?? unhomoglyph(ch)).toLowerCase());
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The words of `list` that occur in `text` as whole words (or whole phrases). */
export function findListedWords(text: string, list: readonly string[]): string[] {
  if (list.length === 0) return [];
  const folded = foldForMatching(text);
  return list.filter((word) => {
    const needle = foldForMatching(word).trim();
    if (!needle) return false;
    // Letters and digits of any script make a word; anything else is a boundary.
    return new RegExp(`(?<![\\p{L}\\p{N}\\p{M}])${escape(needle)}(?![\\p{L}\\p{N}\\p{M}])`, 'u').test(folded);
  });
}

/** True when the text links somewhere (for "posts with links" pre-moderation). */
export function hasLink(text: string): boolean {
  // Width-folded and without invisible characters, but not skeletoned ("m" would become "rn").
  const plain = text.normalize('NFKC').replace(INVISIBLE_RE, '');
  return /\bhttps?:\/\/|\bwww\.|\b[a-z0-9-]+\.(com|net|org|io|pk|af|info|ly|co|me|xyz)\b/i.test(plain);
}
