/** Where the opinion map's points land in its drawing: one scale for both axes, so distances stay true. */

export interface MapFrame {
  width: number;
  height: number;
  /** A point in analysis space to the drawing (y grows upwards in the analysis, downwards in SVG). */
  place(point: readonly [number, number]): [number, number];
}

const PAD = 28;

/**
 * The frame that fits every given point into `width` × `height` with a margin, centred. With one
 * point, or all at one place, they sit in the middle.
 */
export function fitFrame(points: ReadonlyArray<readonly [number, number]>, width: number, height: number): MapFrame {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  if (minX > maxX) [minX, maxX, minY, maxY] = [0, 0, 0, 0];
  const spanX = maxX - minX || 1;
  const spanY = maxY - minY || 1;
  const scale = Math.min((width - 2 * PAD) / spanX, (height - 2 * PAD) / spanY);
  const midX = (minX + maxX) / 2;
  const midY = (minY + maxY) / 2;
  return {
    width,
    height,
    place: ([x, y]) => [width / 2 + (x - midX) * scale, height / 2 - (y - midY) * scale],
  };
}
