/** Filler text for the soak's comments, questions and summaries: plain words, no markup. */
const WORDS = (
  'border talks ceasefire trade refugees monitors treaty army envoy province water rivers ' +
  'market trust history elders council pledge withdrawal patrol corridor mediation sanctions ' +
  'harvest schools roads villages ministers summit agenda timeline guarantees observers'
).split(' ');

export const word = (): string => WORDS[Math.floor(Math.random() * WORDS.length)]!;

/** Between `min` and `max` words. */
export function sentence(min: number, max: number): string {
  const n = min + Math.floor(Math.random() * (max - min + 1));
  return Array.from({ length: n }, word).join(' ');
}
