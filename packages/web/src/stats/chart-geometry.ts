/**
 * The statistics as shapes: pure functions from `GET /tasks/stats` to the rectangles
 * and ticks the SVG draws, in the chart's own units (its `viewBox`).
 */
import type { TaskStats, TaskStatus } from '@tasks/client';
import { type AxisLabel, EDGE, labelUnder, labelWidth } from './axis-labels.js';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The plot's box inside the chart: room is left for the axis labels (`left` at least). */
export interface ChartBox {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

export const DAILY_BOX: ChartBox = {
  width: 600,
  height: 180,
  left: 28,
  right: 6,
  top: 8,
  bottom: 22,
};

/** The smallest of 1, 2, 5 × 10ⁿ at or above `value` (at least 1): the axis's top. */
export const niceCeiling = (value: number): number => {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((m) => m * power >= value) ?? 10;
  return step * power;
};

export interface DayColumns {
  readonly date: string;
  readonly created: Rect & { readonly value: number };
  readonly completed: Rect & { readonly value: number };
  /** The day's date under the axis, on the days that have it written. */
  readonly label: AxisLabel | undefined;
}

export interface DailyChart {
  readonly box: ChartBox;
  readonly yMax: number;
  /** The baseline's y (the value 0). */
  readonly baseline: number;
  readonly ticks: readonly {
    readonly value: number;
    readonly y: number;
    readonly label: AxisLabel;
  }[];
  readonly days: readonly DayColumns[];
  /** The indexes of the days whose date is written under the axis (about one a week). */
  readonly labelled: ReadonlySet<number>;
}

/** Between a value on the axis and the plot. */
const TICK_GAP = 4;

/**
 * Two columns per day, created and completed, side by side, on one scale from 0. The
 * plot starts further right when the axis's top value needs the room.
 */
export const dailyChart = (daily: TaskStats['daily'], given: ChartBox = DAILY_BOX): DailyChart => {
  const yMax = niceCeiling(Math.max(0, ...daily.flatMap((day) => [day.created, day.completed])));
  const box = { ...given, left: Math.max(given.left, labelWidth(String(yMax)) + TICK_GAP) };
  const plotWidth = box.width - box.left - box.right;
  const plotHeight = box.height - box.top - box.bottom;
  const baseline = box.height - box.bottom;
  const band = plotWidth / Math.max(1, daily.length);
  const column = (band * 0.8) / 2;
  const rect = (value: number, x: number) => {
    const height = (value / yMax) * plotHeight;
    return { x, y: baseline - height, width: column, height, value };
  };
  const every = Math.max(1, Math.ceil(daily.length / 5));
  const labelled = new Set(
    daily.map((_, index) => index).filter((index) => (daily.length - 1 - index) % every === 0),
  );
  // The last date ends where the axis does rather than past the chart's edge.
  const under = { from: EDGE, to: box.width - box.right };
  const days = daily.map((day, index) => {
    const start = box.left + index * band + band * 0.1;
    return {
      date: day.date,
      created: rect(day.created, start),
      completed: rect(day.completed, start + column),
      label: labelled.has(index)
        ? labelUnder(shortDate(day.date), start + column, box.height - 6, under)
        : undefined,
    };
  });
  const ticks = [0, yMax / 2, yMax]
    .filter((value) => Number.isInteger(value))
    .map((value) => {
      const y = baseline - (value / yMax) * plotHeight;
      const label = {
        text: String(value),
        x: box.left - TICK_GAP,
        y: y + 4,
        anchor: 'end' as const,
      };
      return { value, y, label };
    });
  return { box, yMax, baseline, ticks, days, labelled };
};

export const STATUS_ORDER: readonly TaskStatus[] = ['TODO', 'IN_PROGRESS', 'DONE'];

/** One horizontal bar per status, as long as its share of the largest count. */
export const statusBars = (
  byStatus: TaskStats['byStatus'],
  width: number,
): readonly { readonly status: TaskStatus; readonly count: number; readonly length: number }[] => {
  const most = Math.max(1, ...STATUS_ORDER.map((status) => byStatus[status]));
  return STATUS_ORDER.map((status) => ({
    status,
    count: byStatus[status],
    length: (byStatus[status] / most) * width,
  }));
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Dec 1" for "2026-12-01" (the API's UTC dates, written as they are). */
export const shortDate = (date: string): string => {
  const [, month = '1', day = '1'] = date.split('-');
  return `${MONTHS[Number(month) - 1] ?? month} ${Number(day)}`;
};

const UNITS: readonly [string, number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['min', 60_000],
  ['s', 1000],
];

/** A duration in its two largest units: "2 d 3 h", "1 h 5 min", "40 s"; "under 1 s". */
export const formatDuration = (ms: number): string => {
  const index = UNITS.findIndex(([, size]) => ms >= size);
  const [unit, size] = UNITS[index] ?? [];
  if (unit === undefined || size === undefined) return 'under 1 s';
  const first = Math.floor(ms / size);
  const [nextUnit, nextSize] = UNITS[index + 1] ?? [];
  const second = nextSize === undefined ? 0 : Math.floor((ms - first * size) / nextSize);
  return second > 0 ? `${first} ${unit} ${second} ${nextUnit}` : `${first} ${unit}`;
};
