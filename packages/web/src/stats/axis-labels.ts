/**
 * The words an SVG chart writes beside its axes, placed so that none leaves the chart's
 * `viewBox` (the SVG clips what does: the last date once read "Nov 3…").
 */

/** The labels' font size in the chart's units: `.stats text` in styles.css. */
export const LABEL_FONT_SIZE = 12;

/**
 * A generous width of one character, in ems: the system fonts' digits are about 0.55 em
 * and their letters narrower but for "M" and "W". Only where a label is anchored depends
 * on it; a label at an edge is anchored on that edge, so its real width cannot cross it.
 */
const EM_PER_CHARACTER = 0.62;

/** How far glyphs reach above and below the baseline, in ems (a bound, for the tests). */
export const ASCENT_EM = 1;
export const DESCENT_EM = 0.25;

/**
 * How far from the chart's edge a label starts: a glyph reaches a little past its
 * advance (Chromium measures a "T" written at x = 0 from x = −0.94).
 */
export const EDGE = 2;

export type Anchor = 'start' | 'middle' | 'end';

export interface AxisLabel {
  readonly text: string;
  readonly x: number;
  /** The baseline. */
  readonly y: number;
  /** SVG's `text-anchor`: which end of the text sits at `x`. */
  readonly anchor: Anchor;
}

/** The width `text` takes at most, in the chart's units. */
export const labelWidth = (text: string): number =>
  text.length * LABEL_FONT_SIZE * EM_PER_CHARACTER;

/** The box a label covers at most, in the chart's units. */
export const labelExtent = ({ text, x, y, anchor }: AxisLabel) => {
  const width = labelWidth(text);
  const left = anchor === 'start' ? x : anchor === 'middle' ? x - width / 2 : x - width;
  return {
    left,
    right: left + width,
    top: y - ASCENT_EM * LABEL_FONT_SIZE,
    bottom: y + DESCENT_EM * LABEL_FONT_SIZE,
  };
};

/**
 * A label centred under `centre`, unless that would cross `from` or `to`: then it is
 * anchored on that edge instead.
 */
export const labelUnder = (
  text: string,
  centre: number,
  y: number,
  { from, to }: { readonly from: number; readonly to: number },
): AxisLabel => {
  const half = labelWidth(text) / 2;
  if (centre + half > to) return { text, x: to, y, anchor: 'end' };
  if (centre - half < from) return { text, x: from, y, anchor: 'start' };
  return { text, x: centre, y, anchor: 'middle' };
};
