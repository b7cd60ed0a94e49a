import { readFile } from 'node:fs/promises';

/**
 * Whether `pid` is a live process. A zombie counts as gone: in a container whose PID 1
 * does not reap, a killed orphan lingers as `Z` in /proc until the container stops.
 */
export const isRunning = async (pid: number): Promise<boolean> => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
};
