import { spawn } from 'node:child_process';
import { OutputTail } from './output-tail.js';
import type { Env } from './types.js';

/** Options of {@link runCommand}. */
export interface RunCommandOptions {
  readonly cwd: string;
  readonly env: Env;
  readonly timeoutMs: number;
}

/**
 * Runs a command to completion. Rejects with an error naming the command and ending with
 * its output's tail when it cannot start, exits non-zero, or outlives `timeoutMs`.
 */
export const runCommand = (
  command: string,
  args: readonly string[],
  { cwd, env, timeoutMs }: RunCommandOptions,
): Promise<void> =>
  new Promise((resolve, reject) => {
    const tail = new OutputTail(20);
    const shown = [command, ...args].join(' ');
    const child = spawn(command, args, {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
    });
    child.stdout.on('data', (chunk: Buffer) => tail.write(chunk));
    child.stderr.on('data', (chunk: Buffer) => tail.write(chunk));
    child.on('error', (error) =>
      reject(new Error(`\`${shown}\` failed: ${error.message}`, { cause: error })),
    );
    child.on('close', (code, signal) => {
      if (code === 0) return resolve();
      const how = signal === null ? `exited with ${code}` : `was killed (${signal})`;
      const output = tail.toString();
      reject(new Error(`\`${shown}\` ${how}${output === '' ? '' : `:\n${output}`}`));
    });
  });
