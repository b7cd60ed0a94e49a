import { describe, expect, it } from 'vitest';
import { counted } from '../src/plural.js';
import { dailyChartName, noneCompleted } from '../src/stats/chart-words.js';

const day = (date: string, created: number, completed: number) => ({ date, created, completed });

describe('counted', () => {
  it.each([
    [0, '0 tasks'],
    [1, '1 task'],
    [2, '2 tasks'],
    [21, '21 tasks'],
    [1.5, '1.5 tasks'],
  ])('writes %d as "%s"', (count, words) => {
    expect(counted(count, 'task', 'tasks')).toBe(words);
  });
});

describe('the charts’ words', () => {
  it('names the per-day chart with one task in the singular', () => {
    expect(dailyChartName([day('2026-11-29', 0, 0), day('2026-11-30', 1, 1)])).toBe(
      'Per day from Nov 29 to Nov 30: 1 task created and 1 completed. The table below has each day’s numbers.',
    );
  });

  it('names the per-day chart with other counts in the plural', () => {
    expect(dailyChartName([day('2026-11-29', 2, 0), day('2026-11-30', 0, 3)])).toBe(
      'Per day from Nov 29 to Nov 30: 2 tasks created and 3 completed. The table below has each day’s numbers.',
    );
    expect(dailyChartName([day('2026-11-30', 0, 0)])).toBe(
      'Per day on Nov 30: 0 tasks created and 0 completed. The table below has each day’s numbers.',
    );
  });

  it('says no task was completed in one day or in many', () => {
    expect(noneCompleted(1)).toBe('No task was completed in the 1 day shown.');
    expect(noneCompleted(30)).toBe('No task was completed in the 30 days shown.');
  });
});
