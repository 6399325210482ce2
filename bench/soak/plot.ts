/**
 * The memory plot of a soak as a small standalone SVG: RSS and heap (MB, from zero) against minutes,
 * the warm-up shaded, and each fitted line drawn over the window it was fitted on, its slope in
 * the legend.
 */
import type { Fit } from './memory.js';
import type { MemorySample } from './server.js';

const W = 900;
const H = 500;
const PAD = { left: 70, right: 30, top: 60, bottom: 55 };
const SERIES = [
  { key: 'rssMB', label: 'RSS', color: '#d62728' },
  { key: 'heapMB', label: 'V8 heap after GC', color: '#1f77b4' },
] as const;

/** About five round steps covering 0..max. */
function ticks(max: number): number[] {
  const raw = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw || 1));
  const step = [1, 2, 5, 10].map((f) => f * magnitude).find((s) => s >= raw) ?? raw;
  return Array.from({ length: Math.floor(max / step) + 1 }, (_, i) => i * step);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function memorySvg(
  samples: MemorySample[],
  fits: { rssMB: Fit | null; heapMB: Fit | null },
  warmUpSeconds: number,
  title: string,
): string {
  const maxMin = Math.max(1 / 60, ...samples.map((s) => s.t / 60));
  const maxMB = Math.max(1, ...samples.map((s) => s.rssMB), ...samples.map((s) => s.heapMB)) * 1.1;
  const x = (min: number) => PAD.left + (min / maxMin) * (W - PAD.left - PAD.right);
  const y = (mb: number) => H - PAD.bottom - (mb / maxMB) * (H - PAD.top - PAD.bottom);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
  );
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  out.push(`<text x="${W / 2}" y="24" text-anchor="middle" font-size="15">${esc(title)}</text>`);
  // Warm-up: not fitted.
  const warm = Math.min(warmUpSeconds / 60, maxMin);
  out.push(
    `<rect x="${x(0)}" y="${PAD.top}" width="${x(warm) - x(0)}" height="${H - PAD.top - PAD.bottom}" fill="#eeeeee"/>`,
    `<text x="${(x(0) + x(warm)) / 2}" y="${PAD.top + 14}" text-anchor="middle" fill="#777">warm-up</text>`,
  );
  for (const mb of ticks(maxMB)) {
    out.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(mb)}" y2="${y(mb)}" stroke="#ddd"/>`);
    out.push(`<text x="${PAD.left - 8}" y="${y(mb) + 4}" text-anchor="end">${mb}</text>`);
  }
  for (const min of ticks(maxMin)) {
    out.push(`<line x1="${x(min)}" x2="${x(min)}" y1="${H - PAD.bottom}" y2="${H - PAD.bottom + 5}" stroke="#333"/>`);
    out.push(`<text x="${x(min)}" y="${H - PAD.bottom + 18}" text-anchor="middle">${+min.toFixed(2)}</text>`);
  }
  out.push(
    `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${H - PAD.bottom}" y2="${H - PAD.bottom}" stroke="#333"/>`,
    `<line x1="${PAD.left}" x2="${PAD.left}" y1="${PAD.top}" y2="${H - PAD.bottom}" stroke="#333"/>`,
    `<text x="${(PAD.left + W - PAD.right) / 2}" y="${H - 12}" text-anchor="middle">minutes since the load started</text>`,
    `<text transform="translate(18 ${(PAD.top + H - PAD.bottom) / 2}) rotate(-90)" text-anchor="middle">MB</text>`,
  );
  SERIES.forEach(({ key, label, color }, i) => {
    const points = samples.map((s) => `${x(s.t / 60).toFixed(1)},${y(s[key]).toFixed(1)}`).join(' ');
    out.push(`<polyline points="${points}" fill="none" stroke="${color}" stroke-width="1.5"/>`);
    const fit = fits[key];
    if (fit) {
      const [a, b] = [fit.fromSeconds / 60, fit.toSeconds / 60];
      const at = (min: number) => fit.intercept + fit.slope * min;
      out.push(
        `<line x1="${x(a)}" y1="${y(at(a))}" x2="${x(b)}" y2="${y(at(b))}" stroke="black" stroke-width="1.5" stroke-dasharray="6 4"/>`,
      );
    }
    const slope = fit ? `${fit.slope >= 0 ? '+' : ''}${fit.slope.toFixed(3)} MB/min` : 'not fitted';
    const [lx, ly] = [PAD.left + 10 + i * 330, 44];
    out.push(
      `<line x1="${lx}" x2="${lx + 24}" y1="${ly - 4}" y2="${ly - 4}" stroke="${color}" stroke-width="3"/>`,
      `<text x="${lx + 30}" y="${ly}">${esc(`${label}: fitted slope ${slope}`)}</text>`,
    );
  });
  out.push(
    `<line x1="${W - PAD.right - 150}" x2="${W - PAD.right - 126}" y1="40" y2="40" stroke="black" stroke-dasharray="6 4"/>`,
    `<text x="${W - PAD.right - 120}" y="44">least-squares fit</text>`,
  );
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
