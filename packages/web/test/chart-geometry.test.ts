import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelExtent } from '../src/stats/axis-labels.js';
import {
  DAILY_BOX,
  dailyChart,
  formatDuration,
  niceCeiling,
  shortDate,
  statusBars,
} from '../src/stats/chart-geometry.js';

const dayArb = fc.record({
  date: fc.constant('2026-12-01'),
  created: fc.nat({ max: 10_000 }),
  completed: fc.nat({ max: 10_000 }),
});
const dailyArb = fc.array(dayArb, { minLength: 1, maxLength: 90 }).map((days) =>
  days.map((day, i) => ({
    ...day,
    date: `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
  })),
);
/** A window of 1 to 90 consecutive days (fc.array keeps to short arrays by default). */
const windowArb = fc
  .record({
    length: fc.integer({ min: 1, max: 90 }),
    first: fc.integer({ min: 0, max: 3650 }),
    counts: fc.array(fc.nat({ max: 10_000 }), { minLength: 180, maxLength: 180 }),
  })
  .map(({ length, first, counts }) =>
    Array.from({ length }, (_, i) => ({
      date: new Date(Date.UTC(2026, 0, 1 + first + i)).toISOString().slice(0, 10),
      created: counts[2 * i] ?? 0,
      completed: counts[2 * i + 1] ?? 0,
    })),
  );
const close = (a: number, b: number) => Math.abs(a - b) < 1e-6;

describe('niceCeiling', () => {
  it('is the smallest 1, 2 or 5 × 10ⁿ at or above the value', () => {
    expect([0, 1, 2, 3, 7, 10, 11, 26, 99, 101, 5000].map(niceCeiling)).toEqual([
      1, 1, 2, 5, 10, 10, 20, 50, 100, 200, 5000,
    ]);
    fc.assert(
      fc.property(fc.nat({ max: 10 ** 9 }), (value) => {
        const top = niceCeiling(value);
        expect(top).toBeGreaterThanOrEqual(value);
        expect(top).toBeLessThan(Math.max(2, value * 2.5 + 1));
      }),
    );
  });
});

describe('dailyChart', () => {
  it('draws every column inside the plot, on the baseline, in order and without overlap', () => {
    fc.assert(
      fc.property(dailyArb, (daily) => {
        const chart = dailyChart(daily);
        const { box } = chart;
        const rects = chart.days.flatMap((day) => [day.created, day.completed]);
        for (const rect of rects) {
          expect(rect.x).toBeGreaterThanOrEqual(box.left);
          expect(rect.x + rect.width).toBeLessThanOrEqual(box.width - box.right + 1e-9);
          expect(rect.y).toBeGreaterThanOrEqual(box.top - 1e-9);
          expect(rect.height).toBeGreaterThanOrEqual(0);
          expect(close(rect.y + rect.height, chart.baseline)).toBe(true);
        }
        for (let i = 1; i < rects.length; i++) {
          const [before, after] = [rects[i - 1], rects[i]];
          if (before !== undefined && after !== undefined) {
            expect(after.x).toBeGreaterThanOrEqual(before.x + before.width - 1e-9);
          }
        }
      }),
    );
  });

  it('gives columns heights in proportion to their values, the highest within the axis', () => {
    fc.assert(
      fc.property(dailyArb, (daily) => {
        const chart = dailyChart(daily);
        const plotHeight = DAILY_BOX.height - DAILY_BOX.top - DAILY_BOX.bottom;
        for (const rect of chart.days.flatMap((day) => [day.created, day.completed])) {
          expect(close(rect.height, (rect.value / chart.yMax) * plotHeight)).toBe(true);
        }
        const most = Math.max(...daily.flatMap((day) => [day.created, day.completed]));
        expect(chart.yMax).toBeGreaterThanOrEqual(most);
      }),
    );
  });

  it('draws nothing above the baseline for days with no change', () => {
    const chart = dailyChart([{ date: '2026-12-01', created: 0, completed: 0 }]);
    expect(chart.days[0]?.created.height).toBe(0);
    expect(chart.yMax).toBe(1);
  });

  it('writes every label inside the chart, whatever the days and their numbers', () => {
    fc.assert(
      fc.property(windowArb, (daily) => {
        const chart = dailyChart(daily);
        const labels = [
          ...chart.ticks.map((tick) => tick.label),
          ...chart.days.flatMap((day) => (day.label === undefined ? [] : [day.label])),
        ];
        expect(labels.length).toBeGreaterThanOrEqual(2);
        for (const label of labels) {
          const extent = labelExtent(label);
          expect(extent.left, label.text).toBeGreaterThanOrEqual(0);
          expect(extent.right, label.text).toBeLessThanOrEqual(chart.box.width);
          expect(extent.top, label.text).toBeGreaterThanOrEqual(0);
          expect(extent.bottom, label.text).toBeLessThanOrEqual(chart.box.height);
        }
      }),
    );
  });

  it('ends the last date where the axis ends, not past the chart’s edge', () => {
    const daily = Array.from({ length: 30 }, (_, i) => ({
      date: `2026-11-${String(i + 1).padStart(2, '0')}`,
      created: 0,
      completed: 0,
    }));
    const chart = dailyChart(daily);
    expect(chart.days.at(-1)?.label).toEqual({
      text: 'Nov 30',
      x: DAILY_BOX.width - DAILY_BOX.right,
      y: DAILY_BOX.height - 6,
      anchor: 'end',
    });
    expect(chart.days.at(-7)?.label?.anchor).toBe('middle');
  });

  it('writes the last day’s date and about one in five others', () => {
    const daily = Array.from({ length: 30 }, (_, i) => ({
      date: `2026-11-${String(i + 1).padStart(2, '0')}`,
      created: 0,
      completed: 0,
    }));
    const chart = dailyChart(daily);
    expect([...chart.labelled].sort((a, b) => a - b)).toEqual([5, 11, 17, 23, 29]);
  });
});

describe('statusBars', () => {
  it('makes the largest count the full width and the others in proportion', () => {
    expect(statusBars({ TODO: 3, IN_PROGRESS: 0, DONE: 6 }, 300)).toEqual([
      { status: 'TODO', count: 3, length: 150 },
      { status: 'IN_PROGRESS', count: 0, length: 0 },
      { status: 'DONE', count: 6, length: 300 },
    ]);
    expect(statusBars({ TODO: 0, IN_PROGRESS: 0, DONE: 0 }, 300).map((bar) => bar.length)).toEqual([
      0, 0, 0,
    ]);
  });
});

describe('the words of the chart', () => {
  it.each([
    [0, 'under 1 s'],
    [999, 'under 1 s'],
    [40_000, '40 s'],
    [65_000, '1 min 5 s'],
    [3_600_000, '1 h'],
    [3_900_000, '1 h 5 min'],
    [86_400_000 * 2 + 3_600_000 * 3 + 59_000, '2 d 3 h'],
  ])('writes %i ms as "%s"', (ms, words) => {
    expect(formatDuration(ms)).toBe(words);
  });

  it('writes an API date as a short UTC date', () => {
    expect(shortDate('2026-12-01')).toBe('Dec 1');
    expect(shortDate('2027-01-31')).toBe('Jan 31');
  });
});
