/**
 * The README's pictures of the page (issue 15): the main view and the statistics, written
 * to `docs/screenshots/` at the repository root (turbo restores them with the rest of
 * this package's test outputs).
 *
 * They are the same picture at every run, so that `npm test` leaves the work tree as it
 * was: a fixed viewport, no caret, and a fixed history of tasks written on a fixed clock.
 * The runtime runs in this process (the memory store, its bundles imported by Node), so
 * faking `Date` here dates the writes, the statistics' days and their "As of" (the
 * browser's own clock shows nothing on this page); timers stay real, and each write has
 * reached the stream processor before the clock moves on.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Task } from '@tasks/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useBrowser } from './support/browser.js';
import { useSite } from './support/site.js';
import {
  eventually,
  openTasks,
  statistics,
  statisticsShow,
  titlesShown,
} from './support/tasks-page.js';

export const SCREENSHOTS_DIR = fileURLToPath(
  new URL('../../../docs/screenshots/', import.meta.url),
);
const VIEWPORT = { width: 960, height: 720 };
const OPTIONS = { animations: 'disabled', caret: 'hide' } as const;
/** Room around the statistics, so that the picture does not cut their edges. */
const MARGIN = 16;

/** The width and height a PNG file's header gives (its IHDR chunk, RFC 2083 §4.1.1). */
const pngSize = async (path: string) => {
  const bytes = await readFile(path);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
};

afterEach(() => {
  vi.useRealTimers();
});

describe('the screenshots of the page', () => {
  const site = useSite('memory');
  const browsing = useBrowser();

  it('are of the main view and the statistics of a fortnight of tasks', async () => {
    const api = site().api();
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    /** Runs `write` at `time` (UTC), once the writes before it have been counted. */
    const at = async <T>(time: string, write: () => Promise<T>): Promise<T> => {
      await site().caughtUp();
      vi.setSystemTime(new Date(`${time}Z`));
      return write();
    };
    const create = (time: string, title: string, description?: string) =>
      at(time, () => api.create(description === undefined ? { title } : { title, description }));
    const move = (time: string, task: Task, status: Task['status']) =>
      at(time, async () => api.update(await api.get(task.taskId), { status }));

    const certificate = await create('2026-11-17T09:10:00', 'Renew the TLS certificate');
    const room = await create('2026-11-19T10:00:00', 'Book the meeting room for Thursday');
    await move('2026-11-19T10:25:00', room, 'DONE');
    await move('2026-11-19T14:00:00', certificate, 'IN_PROGRESS');
    await move('2026-11-20T16:30:00', certificate, 'DONE');
    const review = await create('2026-11-23T11:00:00', 'Review the pull request for stats');
    const offsite = await create(
      '2026-11-24T14:00:00',
      'Plan the team offsite',
      'Venue, agenda and travel for twelve people',
    );
    await move('2026-11-25T09:00:00', offsite, 'IN_PROGRESS');
    await move('2026-11-25T16:00:00', review, 'DONE');
    await create('2026-11-26T08:30:00', 'Update the on-call rota');
    await create(
      '2026-11-30T09:15:00',
      'Write the release notes',
      'Version 1.2: statistics and the web page',
    );
    await at('2026-11-30T09:20:00', () => site().caughtUp());

    const page = await browsing.page(await browsing.context({ viewport: VIEWPORT }));
    await openTasks(page, site());
    await eventually(() => titlesShown(page)).toEqual([
      'Write the release notes',
      'Update the on-call rota',
      'Plan the team offsite',
      'Review the pull request for stats',
      'Book the meeting room for Thursday',
      'Renew the TLS certificate',
    ]);
    await statisticsShow(page, 'Tasks by status: 2 to do, 1 in progress, 3 done; 6 in all.');
    await statisticsShow(page, /: 6 tasks created and 3 completed\./);
    // Every word of the charts is inside its SVG's viewBox, which clips (the last date
    // once read "Nov 3…"); the fonts are the browser's, not the geometry's estimate.
    const outside = await statistics(page)
      .getByRole('img')
      .locator('text')
      .evaluateAll((texts) =>
        texts.flatMap((text) => {
          if (!(text instanceof SVGTextElement) || text.ownerSVGElement === null) return [];
          const view = text.ownerSVGElement.viewBox.baseVal;
          const box = text.getBBox();
          const inside =
            box.x >= view.x &&
            box.y >= view.y &&
            box.x + box.width <= view.x + view.width &&
            box.y + box.height <= view.y + view.height;
          return inside
            ? []
            : [`${text.textContent} at x ${box.x}, y ${box.y}, ${box.width} × ${box.height}`];
        }),
      );
    expect(outside).toEqual([]);

    await mkdir(SCREENSHOTS_DIR, { recursive: true });
    const main = `${SCREENSHOTS_DIR}main.png`;
    await page.screenshot({ ...OPTIONS, path: main });
    expect(await pngSize(main)).toEqual(VIEWPORT);

    const box = await statistics(page).boundingBox();
    if (box === null) throw new Error('the statistics are not laid out');
    // Whole pixels: a fractional clip gives a picture a pixel off its size.
    const [left, top] = [Math.floor(box.x), Math.floor(box.y)];
    const clip = {
      x: left - MARGIN,
      y: top - MARGIN,
      width: Math.ceil(box.x + box.width) - left + 2 * MARGIN,
      height: Math.ceil(box.y + box.height) - top + 2 * MARGIN,
    };
    const stats = `${SCREENSHOTS_DIR}statistics.png`;
    await page.screenshot({ ...OPTIONS, path: stats, fullPage: true, clip });
    // Chromium's full-page picture may round the clip's height a pixel either way.
    const { width, height } = await pngSize(stats);
    expect(width).toBe(clip.width);
    expect(Math.abs(height - clip.height)).toBeLessThanOrEqual(1);
  });
});
