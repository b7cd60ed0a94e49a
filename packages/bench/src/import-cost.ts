import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { median } from './stats.js';

const ENV = {
  ...process.env,
  TABLE_NAME: 'bench',
  // GET /tasks/stats's function reads the statistics table: its cold start needs the name.
  STATS_TABLE_NAME: 'bench-stats',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
};

const runOnce = (args: readonly string[]): number => {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { env: ENV, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr}`);
  return performance.now() - started;
};

/**
 * Median wall time of a fresh Node.js process that imports each file (a cold start's
 * import phase), and of `node -e 0`, with every round's times (`samples`). The commands
 * take turns, round after round, so that the machine's noise falls on all of them alike.
 */
export const measureImportTimes = (
  files: readonly string[],
  rounds = 25,
): { bare: number; files: number[]; samples: { bare: number[]; files: number[][] } } => {
  const commands = [
    ['-e', '0'],
    ...files.map((file) => [
      '--input-type=module',
      '-e',
      `await import(${JSON.stringify(pathToFileURL(file).href)})`,
    ]),
  ];
  const samples = commands.map((): number[] => []);
  for (let round = 0; round < rounds; round++) {
    for (const [index, command] of commands.entries()) samples[index]?.push(runOnce(command));
  }
  const [bare = [], ...rest] = samples;
  return { bare: median(bare), files: rest.map(median), samples: { bare, files: rest } };
};
