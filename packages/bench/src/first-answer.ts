import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { median } from './stats.js';

/** One cold start to time: a bundle, its environment and the one event it answers. */
export interface FirstAnswerCase {
  readonly file: string;
  readonly env: Readonly<Record<string, string>>;
  readonly event: unknown;
}

/** Runs in the child: import the bundle, answer one event, exit (1 unless a 2xx). */
const CHILD = `
const [url, eventJson] = process.argv.slice(1);
const { handler } = await import(url);
const result = await handler(JSON.parse(eventJson), { awsRequestId: 'bench', getRemainingTimeInMillis: () => 20000 });
process.exitCode = result.statusCode >= 200 && result.statusCode < 300 ? 0 : 1;
`;

const runOnce = (item: FirstAnswerCase): number => {
  const args = ['--input-type=module', '-e', CHILD, pathToFileURL(item.file).href];
  const started = performance.now();
  const result = spawnSync(process.execPath, [...args, JSON.stringify(item.event)], {
    env: { PATH: process.env['PATH'] ?? '', ...item.env },
    encoding: 'utf8',
  });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`${item.file} did not answer: ${result.stderr}`);
  return elapsed;
};

/**
 * Median wall time from process start to the first answered request (SPEC §9), and every
 * round's time of each case (`samples`, in the order of `cases`): a fresh Node.js process
 * imports the bundle and answers one real request on DynamoDB Local.
 * The cases take turns, round after round, so that the machine's noise falls on all.
 */
export const measureFirstAnswer = (
  cases: readonly FirstAnswerCase[],
  rounds = 21,
): { medians: number[]; samples: number[][] } => {
  const samples = cases.map((): number[] => []);
  for (let round = 0; round < rounds; round++) {
    for (const [index, item] of cases.entries()) samples[index]?.push(runOnce(item));
  }
  return { medians: samples.map(median), samples };
};
