/**
 * The README's pictures of the page (issue 15): the main view and the statistics, taken
 * from a run of the page with a fixed set of tasks, a fixed viewport and no caret, and
 * written to `docs/screenshots/` at the repository root (turbo restores them with the
 * rest of this package's test outputs). Only the dates and times the page shows, which
 * come from the server's clock, differ from one day's run to the next.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
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

/** The width and height a PNG file's header gives (its IHDR chunk, RFC 2083 §4.1.1). */
const pngSize = async (path: string) => {
  const bytes = await readFile(path);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
};

const OPTIONS = { animations: 'disabled', caret: 'hide' } as const;
/** Room around the statistics, so that the picture does not cut their edges. */
const MARGIN = 16;

describe('the screenshots of the page', () => {
  const site = useSite('memory');
  const browsing = useBrowser();

  it('are of the main view with four tasks and of their statistics', async () => {
    const api = site().api();
    const certificate = await api.create({ title: 'Renew the TLS certificate' });
    const room = await api.create({ title: 'Book the meeting room for Thursday' });
    const offsite = await api.create({
      title: 'Plan the team offsite',
      description: 'Venue, agenda and travel for twelve people',
    });
    await api.create({
      title: 'Write the release notes',
      description: 'Version 1.2: statistics and the web page',
    });
    await api.update(certificate, { status: 'DONE' });
    await api.update(room, { status: 'DONE' });
    await api.update(offsite, { status: 'IN_PROGRESS' });

    const page = await browsing.page(await browsing.context({ viewport: VIEWPORT }));
    await openTasks(page, site());
    await eventually(() => titlesShown(page)).toEqual([
      'Write the release notes',
      'Plan the team offsite',
      'Book the meeting room for Thursday',
      'Renew the TLS certificate',
    ]);
    await statisticsShow(page, 'Tasks by status: 1 to do, 1 in progress, 2 done; 4 in all.');
    await statisticsShow(page, /: 4 tasks created and 2 completed\./);

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
