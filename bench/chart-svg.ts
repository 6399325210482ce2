/**
 * A line chart as a standalone SVG file, for bench results: a few series of (x, y) points on
 * logarithmic axes (a bench's rates and latencies span decades), a legend, and optional horizontal
 * limit lines. Hand-written because it is small and needs no DOM: the plotting libraries that make
 * SVG on their own want a browser document or a canvas.
 */
export interface ChartPoint {
  x: number;
  y: number;
  /** Drawn hollow: the point failed whatever the chart is about. */
  hollow?: boolean;
}

export interface ChartSeries {
  name: string;
  color: string;
  dashed?: boolean;
  points: ChartPoint[];
}

export interface LineChart {
  title: string;
  subtitle?: string;
  xLabel: string;
  yLabel: string;
  series: ChartSeries[];
  limits?: Array<{ y: number; label: string }>;
  /** What a hollow point means, for the legend (none: no legend line). */
  hollowMeans?: string;
  /** Vertical markers, e.g. each series' knee. */
  markers?: Array<{ x: number; label: string; color: string }>;
}

const WIDTH = 820;
const HEIGHT = 520;
const PLOT = { left: 80, right: 230, top: 64, bottom: 64 };

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Tick values 1, 2, 5 × 10^k covering [lo, hi]; only the powers of ten when that is too many. */
function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++)
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= lo * 0.999 && v <= hi * 1.001) ticks.push(v);
    }
  return ticks.length > 12 ? ticks.filter((v) => Number.isInteger(Math.log10(v))) : ticks;
}

/** A log scale over the data, widened to whole 1-2-5 steps. */
function logScale(values: number[], from: number, to: number) {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  const steps = (e: number) => [1, 2, 5].map((m) => m * 10 ** e);
  const min = Math.min(...positive);
  const max = Math.max(...positive);
  const lo = Math.max(...steps(Math.floor(Math.log10(min))).filter((v) => v <= min));
  const hi = Math.min(
    ...[...steps(Math.floor(Math.log10(max))), 10 ** Math.ceil(Math.log10(max) + 1e-9)].filter((v) => v >= max),
  );
  const at = (v: number) => from + ((Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * (to - from);
  return { lo, hi, at };
}

const label = (v: number) => (v >= 1000 ? `${v / 1000}k` : String(v));

export function lineChartSvg(chart: LineChart): string {
  const points = chart.series.flatMap((s) => s.points).filter((p) => p.y > 0 && Number.isFinite(p.y));
  const ys = [...points.map((p) => p.y), ...(chart.limits ?? []).map((l) => l.y)];
  const x = logScale(
    points.map((p) => p.x),
    PLOT.left,
    WIDTH - PLOT.right,
  );
  const y = logScale(ys, HEIGHT - PLOT.bottom, PLOT.top);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${PLOT.left}" y="24" font-size="16" font-weight="bold">${escapeXml(chart.title)}</text>`,
  ];
  if (chart.subtitle) out.push(`<text x="${PLOT.left}" y="44" fill="#555">${escapeXml(chart.subtitle)}</text>`);
  // Grid and axes.
  for (const v of logTicks(x.lo, x.hi)) {
    const px = x.at(v).toFixed(1);
    out.push(`<line x1="${px}" y1="${PLOT.top}" x2="${px}" y2="${HEIGHT - PLOT.bottom}" stroke="#eee"/>`);
    out.push(`<text x="${px}" y="${HEIGHT - PLOT.bottom + 18}" text-anchor="middle">${label(v)}</text>`);
  }
  for (const v of logTicks(y.lo, y.hi)) {
    const py = y.at(v).toFixed(1);
    out.push(`<line x1="${PLOT.left}" y1="${py}" x2="${WIDTH - PLOT.right}" y2="${py}" stroke="#eee"/>`);
    out.push(`<text x="${PLOT.left - 8}" y="${py}" dy="4" text-anchor="end">${label(v)}</text>`);
  }
  out.push(
    `<rect x="${PLOT.left}" y="${PLOT.top}" width="${WIDTH - PLOT.left - PLOT.right}" height="${HEIGHT - PLOT.top - PLOT.bottom}" fill="none" stroke="#888"/>`,
    `<text x="${(PLOT.left + WIDTH - PLOT.right) / 2}" y="${HEIGHT - 18}" text-anchor="middle">${escapeXml(chart.xLabel)}</text>`,
    `<text transform="translate(22 ${(PLOT.top + HEIGHT - PLOT.bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(chart.yLabel)}</text>`,
  );
  for (const limit of chart.limits ?? []) {
    const py = y.at(limit.y).toFixed(1);
    out.push(
      `<line x1="${PLOT.left}" y1="${py}" x2="${WIDTH - PLOT.right}" y2="${py}" stroke="#c00" stroke-dasharray="2 3"/>`,
      `<text x="${PLOT.left + 4}" y="${py}" dy="-4" fill="#c00">${escapeXml(limit.label)}</text>`,
    );
  }
  for (const [i, m] of (chart.markers ?? []).entries()) {
    const px = x.at(m.x).toFixed(1);
    out.push(
      `<line x1="${px}" y1="${PLOT.top}" x2="${px}" y2="${HEIGHT - PLOT.bottom}" stroke="${m.color}" stroke-width="1.5" stroke-dasharray="6 4" opacity="0.7"/>`,
      // Right of the line in the left half of the plot, left of it in the right half (clear of the legend).
      x.at(m.x) < (PLOT.left + WIDTH - PLOT.right) / 2
        ? `<text x="${px}" y="${PLOT.top + 14 + i * 14}" dx="4" fill="${m.color}">${escapeXml(m.label)}</text>`
        : `<text x="${px}" y="${PLOT.top + 14 + i * 14}" dx="-4" text-anchor="end" fill="${m.color}">${escapeXml(m.label)}</text>`,
    );
  }
  // Series: a line through the points, a dot on each (hollow where the point failed).
  for (const s of chart.series) {
    const drawn = s.points.filter((p) => p.y > 0 && Number.isFinite(p.y));
    const path = drawn.map((p, i) => `${i ? 'L' : 'M'}${x.at(p.x).toFixed(1)} ${y.at(p.y).toFixed(1)}`).join(' ');
    if (drawn.length > 1)
      out.push(
        `<path d="${path}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
      );
    for (const p of drawn)
      out.push(
        `<circle cx="${x.at(p.x).toFixed(1)}" cy="${y.at(p.y).toFixed(1)}" r="4" fill="${p.hollow ? 'white' : s.color}" stroke="${s.color}" stroke-width="2"/>`,
      );
  }
  // Legend, right of the plot.
  const lx = WIDTH - PLOT.right + 16;
  chart.series.forEach((s, i) => {
    const ly = PLOT.top + 10 + i * 22;
    out.push(
      `<line x1="${lx}" y1="${ly}" x2="${lx + 28}" y2="${ly}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
      `<circle cx="${lx + 14}" cy="${ly}" r="4" fill="${s.color}"/>`,
      `<text x="${lx + 36}" y="${ly}" dy="4">${escapeXml(s.name)}</text>`,
    );
  });
  if (chart.hollowMeans) {
    const ly = PLOT.top + 10 + chart.series.length * 22 + 8;
    out.push(
      `<circle cx="${lx + 14}" cy="${ly}" r="4" fill="white" stroke="#555" stroke-width="2"/>`,
      `<text x="${lx + 36}" y="${ly}" dy="4">${escapeXml(chart.hollowMeans)}</text>`,
    );
  }
  out.push('</svg>', '');
  return out.join('\n');
}
