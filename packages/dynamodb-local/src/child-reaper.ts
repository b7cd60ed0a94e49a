import type { ChildProcess } from 'node:child_process';

const live = new Set<ChildProcess>();
let registered = false;

/** `exit` handlers must be synchronous: SIGKILL is sent now and the JVM dies without us. */
const killAll = (): void => {
  for (const child of live) child.kill('SIGKILL');
};

/**
 * Kills `child` if this Node process exits while it still runs, so no orphan JVM keeps a
 * port or a database file. One `exit` listener serves every child.
 */
export const killOnExit = (child: ChildProcess): void => {
  if (!registered) {
    process.on('exit', killAll);
    registered = true;
  }
  live.add(child);
  child.once('exit', () => live.delete(child));
};
