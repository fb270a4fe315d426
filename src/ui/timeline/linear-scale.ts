/**
 * A linear map from a domain to a range, with d3-array's tick math: the part of d3-scale's
 * `scaleLinear` the page uses. d3-scale itself pulls in d3-interpolate, d3-color and d3-format
 * (about 7 KB gzipped) for colour interpolation and tick formatting the page never asks for,
 * which the 120 KB budget cannot spare.
 */
import { ticks as d3Ticks } from 'd3-array';

export interface LinearScale {
  (value: number): number;
  /** The domain value at a range position (for pointer positions). */
  invert(position: number): number;
  /** About `count` round values spanning the domain (d3's tick algorithm). */
  ticks(count?: number): number[];
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
}

export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  const scale = ((v: number) => r0 + ((v - d0) / span) * (r1 - r0)) as LinearScale;
  return Object.assign(scale, {
    invert: (p: number) => d0 + ((p - r0) / (r1 - r0 || 1)) * span,
    ticks: (count = 10) => d3Ticks(Math.min(d0, d1), Math.max(d0, d1), count),
    domain,
    range,
  });
}
