import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import type { Env } from './types.js';

const isExecutable = async (file: string): Promise<boolean> => {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * Absolute path of `name` in the `PATH` of `env`, like `which`; `undefined` when absent.
 * Reads the given env, not `process.env`, so tests can simulate a machine without it.
 */
export const findOnPath = async (name: string, env: Env): Promise<string | undefined> => {
  const suffixes = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    for (const suffix of suffixes) {
      const candidate = join(dir, name + suffix);
      if (await isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
};

/** The `java` to run: `$JAVA_HOME/bin/java` when present, else the first on `PATH`. */
export const findJava = async (env: Env): Promise<string | undefined> => {
  const javaHome = env['JAVA_HOME'];
  if (javaHome !== undefined && javaHome !== '') {
    const candidate = join(javaHome, 'bin', process.platform === 'win32' ? 'java.exe' : 'java');
    if (await isExecutable(candidate)) return candidate;
  }
  return findOnPath('java', env);
};
