import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Env } from './types.js';

/**
 * Where downloads are kept, outside the work tree so `git clean` and fresh clones reuse
 * them: `$TASKS_CACHE_DIR`, else `$XDG_CACHE_HOME/tasks`, else `~/.cache/tasks`.
 */
export const resolveCacheDir = (env: Env): string => {
  const explicit = env['TASKS_CACHE_DIR'];
  if (explicit !== undefined && explicit !== '') return explicit;
  const xdg = env['XDG_CACHE_HOME'];
  return join(xdg !== undefined && xdg !== '' ? xdg : join(homedir(), '.cache'), 'tasks');
};
