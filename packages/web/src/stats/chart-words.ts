/** What the charts say in words: their accessible names, for those who cannot see them. */
import type { TaskStats } from '@tasks/client';
import { counted } from '../plural.js';
import { shortDate } from './chart-geometry.js';

/** The per-day chart's name: its window and its totals, the table having each day's. */
export const dailyChartName = (daily: TaskStats['daily']): string => {
  const created = daily.reduce((sum, day) => sum + day.created, 0);
  const completed = daily.reduce((sum, day) => sum + day.completed, 0);
  const first = daily[0]?.date;
  const last = daily.at(-1)?.date;
  const span =
    first === undefined || last === undefined
      ? ''
      : first === last
        ? ` on ${shortDate(first)}`
        : ` from ${shortDate(first)} to ${shortDate(last)}`;
  return `Per day${span}: ${counted(created, 'task', 'tasks')} created and ${completed} completed. The table below has each day’s numbers.`;
};

/** Said instead of the lead time when no task was completed in the window. */
export const noneCompleted = (days: number): string =>
  `No task was completed in the ${counted(days, 'day', 'days')} shown.`;
