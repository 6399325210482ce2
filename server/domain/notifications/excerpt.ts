import { EXCERPT_MAX } from '../../../shared/notifications.js';

/** The start of a text on one line, cut at a word near EXCERPT_MAX characters. */
export function excerptOf(text: string): string {
  const line = text.replace(/\s+/gu, ' ').trim();
  if (line.length <= EXCERPT_MAX) return line;
  const cut = line.slice(0, EXCERPT_MAX);
  const space = cut.lastIndexOf(' ');
  return `${(space > EXCERPT_MAX / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
