/**
 * Counted nouns in English, one rule for the server's Markdown export and the client's pages:
 * "1 point", "-1 point", "2 points", "0 points", "1.5 points": as in CLDR's English rule, a whole
 * one (either sign) takes the singular, every other count the plural.
 */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${Math.abs(n) === 1 ? singular : plural}`;
}
