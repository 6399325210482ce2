/** The shape of one end-of-run check, and a way to build one from a list of problems. */

export interface CheckResult {
  name: string;
  /** null: not judged (say why in `detail`). */
  passed: boolean | null;
  detail: string;
  /** The first problems found, for the report. */
  problems: string[];
}

const SHOWN = 15;

/** Passed when `problems` is empty; `detail` says what was looked at. */
export function verdict(name: string, detail: string, problems: string[]): CheckResult {
  const shown = problems.slice(0, SHOWN);
  if (problems.length > SHOWN) shown.push(`... and ${problems.length - SHOWN} more`);
  return { name, passed: problems.length === 0, detail, problems: shown };
}

/** Shortens a value for a problem line. */
export const brief = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

/** Where two texts part: the first differing character and a little of each from there. */
export function difference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 10);
  return `differ from character ${i}: ${brief(a.slice(from, from + 40))} vs ${brief(b.slice(from, from + 40))}`;
}
