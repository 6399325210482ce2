import { describe, expect, it } from 'vitest';
import { findListedWords, foldForMatching, hasLink } from './words.js';

describe('word lists', () => {
  const list = ['spam', 'buy now'];

  it('matches case-insensitively on word boundaries', () => {
    expect(findListedWords('This is SPAM, really', list)).toEqual(['spam']);
    expect(findListedWords('Spam.', list)).toEqual(['spam']);
    expect(findListedWords('Please BUY   NOW'.replace(/\s+/g, ' '), list)).toEqual(['buy now']);
    expect(findListedWords('antispam measures and spammers', list)).toEqual([]);
    // Plain Latin text is not skeletoned: "rn" stays "rn".
    expect(findListedWords('we burn the modern modem', ['bum', 'modem'])).toEqual(['modem']);
  });

  it('sees through full-width letters, zero-width characters and look-alike letters', () => {
    expect(findListedWords('ＳＰＡＭ', list)).toEqual(['spam']);
    expect(findListedWords('s\u200bp\u200da\u2060m', list)).toEqual(['spam']);
    expect(findListedWords('ѕрам', list)).toEqual(['spam']); // Cyrillic dze, er, a, em
    expect(findListedWords('ｓ\u200bⲣａｍ', list)).toEqual(['spam']);
    expect(findListedWords('\u202espam\u202c', list)).toEqual(['spam']);
  });

  it('works for words in Urdu script', () => {
    expect(findListedWords('یہ بکواس ہے', ['بکواس'])).toEqual(['بکواس']);
    expect(findListedWords('یہ بک\u200cواس ہے', ['بکواس'])).toEqual(['بکواس']);
  });

  it('finds links', () => {
    expect(hasLink('see https://example.com')).toBe(true);
    expect(hasLink('visit example.com today')).toBe(true);
    expect(hasLink('no links here')).toBe(false);
  });

  it('folds consistently', () => {
    expect(foldForMatching('ＡＢＣ')).toBe(foldForMatching('abc'));
  });
});
