import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import type { ApiGatewayEvent, ApiGatewayResult } from '../../src/index.js';

/**
 * Runs in the child: imports the bundle as Lambda's Node.js runtime does, then sends the
 * events one after another to the exported handler. `{taskId}` in a path stands for the
 * task the last `Location` named, so a create can be followed by a read of that task.
 * With the replies it sends the Node built-ins the process loaded by then.
 */
const CHILD = `
const [bundle, exportName, eventsJson] = process.argv.slice(1);
const handler = (await import(bundle))[exportName];
let taskId = '01890a5d-ac96-774b-bcce-b302099a8057';
const replies = [];
for (const event of JSON.parse(eventsJson)) {
  const path = event.rawPath.replace('{taskId}', taskId);
  const http = { ...event.requestContext.http, path };
  const reply = await handler(
    { ...event, rawPath: path, requestContext: { ...event.requestContext, http } },
    { awsRequestId: 'bundle-test', getRemainingTimeInMillis: () => 20000 },
  );
  const location = reply.headers?.Location;
  if (typeof location === 'string') taskId = location.slice(location.lastIndexOf('/') + 1);
  replies.push(reply);
}
process.send({ replies, modules: process.moduleLoadList }, () => process.disconnect());
`;

const isResult = (value: unknown): value is ApiGatewayResult =>
  typeof value === 'object' &&
  value !== null &&
  'statusCode' in value &&
  typeof value.statusCode === 'number' &&
  'body' in value &&
  typeof value.body === 'string' &&
  'headers' in value &&
  typeof value.headers === 'object' &&
  value.headers !== null;

const isResultList = (value: unknown): value is ApiGatewayResult[] =>
  Array.isArray(value) && value.every(isResult);

/** What a fresh process answered, and what it loaded of Node to answer. */
export interface BundleRun {
  readonly replies: ApiGatewayResult[];
  /**
   * `process.moduleLoadList` after the last answer: Node's own modules as it loaded them,
   * `NativeModule internal/deps/undici/undici` among them once anything touched fetch.
   */
  readonly modules: readonly string[];
}

const isBundleRun = (value: unknown): value is BundleRun =>
  typeof value === 'object' &&
  value !== null &&
  'replies' in value &&
  isResultList(value.replies) &&
  'modules' in value &&
  Array.isArray(value.modules) &&
  value.modules.every((module: unknown) => typeof module === 'string');

/**
 * Imports `bundlePath` in a new Node process (this one's executable), with only `env` in
 * its environment, and resolves the handler's results for `events` with the built-ins it
 * loaded. Rejects with the child's output when it exits without answering.
 */
export const invokeBundle = (
  bundlePath: string,
  exportName: string,
  events: readonly ApiGatewayEvent[],
  env: Readonly<Record<string, string>>,
): Promise<BundleRun> =>
  new Promise((resolve, reject) => {
    const args = [pathToFileURL(bundlePath).href, exportName, JSON.stringify(events)];
    const child = spawn(process.execPath, ['--input-type=module', '--eval', CHILD, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    let run: BundleRun | undefined;
    child.on('message', (message: unknown) => {
      if (isBundleRun(message)) run = message;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (run !== undefined && code === 0) resolve(run);
      else reject(new Error(`${bundlePath} exited with ${code} and no answer:\n${output}`));
    });
  });
