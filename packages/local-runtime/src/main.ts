#!/usr/bin/env node
/**
 * `npm start`: the whole API on http://127.0.0.1:3000 (SPEC §7). Configured by the
 * environment (see `cliOptions`); stopped with Ctrl-C or SIGTERM.
 */
import { DynamoDbLocalError } from '@tasks/dynamodb-local';
import { bannerLines } from './banner.js';
import { cliOptions } from './cli-options.js';
import { LocalRuntimeError } from './errors.js';
import { stopOnSignals } from './lifecycle.js';
import { startLocalRuntime } from './local-runtime.js';

const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Known failures are one line for the person at the terminal; anything else is a defect. */
const report = (error: unknown): string => {
  if (error instanceof LocalRuntimeError || error instanceof DynamoDbLocalError) {
    return `tasks-local: ${error.message}`;
  }
  return `tasks-local: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
};

const fail = (error: unknown): void => {
  process.stderr.write(`${report(error)}\n`);
  process.exit(1);
};

try {
  const starting = startLocalRuntime(cliOptions(process.env));
  // Installed before the start finishes: a signal during start-up stops what has started.
  stopOnSignals(async () => (await starting).stop(), {
    log: print,
    exit: (code) => process.exit(code),
  });
  const runtime = await starting;
  for (const line of bannerLines(runtime)) print(line);
  // The runtime has logged each attempt and stopped itself: say why on the way out.
  void runtime.storeLost.then(fail);
} catch (error) {
  fail(error);
}
