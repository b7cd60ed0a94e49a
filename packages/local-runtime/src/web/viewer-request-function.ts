import { createContext, Script } from 'node:vm';
import type { SamTemplate } from '@tasks/sam-template';
import { InvalidTemplateError } from '../errors.js';
import type { GatewayResponse } from '../lambda-result.js';
import { functionResponse } from './function-response.js';
import type { ViewerRequestEvent } from './viewer-request-event.js';

/**
 * What a viewer-request function decided: go on to the origin with `uri`, answer the
 * viewer itself, or fail (it threw, ran too long, or returned something CloudFront
 * cannot use), which CloudFront answers with a 503.
 */
export type FunctionOutcome =
  | { readonly kind: 'request'; readonly uri: string }
  | { readonly kind: 'response'; readonly response: GatewayResponse }
  | { readonly kind: 'failed'; readonly reason: string };

export type ViewerRequestFunction = (event: ViewerRequestEvent) => Promise<FunctionOutcome>;

/**
 * CloudFront stops a function past its compute budget (about a millisecond); a local
 * watchdog this loose never trips on a busy machine, yet a runaway loop still ends. It
 * bounds each script run in the context, the promise jobs it queues included.
 */
const RUN_TIMEOUT_MS = 1000;

/**
 * Run in the function's context before its code: defines `console` there, made of the
 * context's own objects (a host function would hand over the host's `Function`, whose
 * `constructor('return process')()` leaves the sandbox), collecting each line; and the
 * two entry points the runtime calls, as properties the code cannot replace. Only strings
 * cross: the event in as JSON, the outcome and the lines out as JSON.
 */
const PRELUDE = `'use strict';
(() => {
  const { defineProperty, freeze } = Object;
  const { parse, stringify } = JSON;
  const text = String;
  const resolve = Promise.resolve.bind(Promise);
  const then = Function.prototype.call.bind(Promise.prototype.then);
  let lines = [];
  let settled;
  const log = (...items) => {
    let line = '';
    for (let index = 0; index < items.length; index += 1) {
      line += (index === 0 ? '' : ' ') + text(items[index]);
    }
    lines[lines.length] = line;
  };
  const fixed = (name, value) =>
    defineProperty(globalThis, name, { value, writable: false, configurable: false });
  const told = (error) => {
    try {
      return text(error);
    } catch {
      return 'a value that cannot be told';
    }
  };
  const fulfilled = (value) => {
    try {
      settled = { value: stringify(value) };
    } catch (error) {
      settled = { error: 'the returned value is not JSON: ' + told(error) };
    }
  };
  const rejected = (error) => {
    settled = { error: told(error) };
  };
  fixed('console', freeze({ log }));
  fixed('__viewerRequest', (eventJson) => {
    settled = undefined;
    lines = [];
    try {
      then(resolve(handler(parse(eventJson))), fulfilled, rejected);
    } catch (error) {
      rejected(error);
    }
  });
  fixed('__viewerRequestReport', () => {
    const report = stringify({ settled, lines });
    lines = [];
    return report;
  });
})();
`;

/** What `__viewerRequestReport()` says: how the call settled (if it did), and its lines. */
interface Report {
  readonly settled?: { readonly value?: string; readonly error?: string };
  readonly lines: readonly string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const reportOf = (json: unknown): Report => {
  const value: unknown = typeof json === 'string' ? JSON.parse(json) : undefined;
  const lines = isRecord(value) && Array.isArray(value['lines']) ? value['lines'] : [];
  const settled = isRecord(value) ? value['settled'] : undefined;
  return {
    lines: lines.filter((line): line is string => typeof line === 'string'),
    ...(isRecord(settled)
      ? {
          settled: {
            ...(typeof settled['value'] === 'string' ? { value: settled['value'] } : {}),
            ...(typeof settled['error'] === 'string' ? { error: settled['error'] } : {}),
          },
        }
      : {}),
  };
};

/** The returned value, read as data: a request with a usable `uri`, or a response. */
const outcomeOf = (returned: string | undefined): FunctionOutcome => {
  const value: unknown = returned === undefined ? undefined : JSON.parse(returned);
  if (!isRecord(value)) return { kind: 'failed', reason: 'the function returned no object' };
  if ('statusCode' in value) {
    const response = functionResponse(value);
    return response === undefined
      ? { kind: 'failed', reason: 'the function returned a malformed response' }
      : { kind: 'response', response };
  }
  const { uri } = value;
  if (typeof uri !== 'string' || !uri.startsWith('/')) {
    return { kind: 'failed', reason: 'the returned request has no uri starting with /' };
  }
  return { kind: 'request', uri };
};

/**
 * Compiles a CloudFront Function's code (cloudfront-js-2.0: a top-level `handler(event)`)
 * in a `node:vm` context of its own, once. The context holds nothing of the runtime's: its
 * `console` is its own (see `PRELUDE`), its promise jobs run inside each bounded run
 * (`microtaskMode: 'afterEvaluate'`), and each call hands it the event as JSON and reads
 * back JSON, so the code never holds the runtime's objects nor runs outside the time
 * limit. A promise still pending once its jobs are done can never settle (the context has
 * no timers nor I/O): that call fails, as one past the limit. Throws
 * {@link InvalidTemplateError} when the code does not compile or defines no handler.
 */
export const compileViewerRequestFunction = (
  code: string,
  name: string,
  log: (line: string) => void,
): ViewerRequestFunction => {
  const context = createContext(
    {},
    { codeGeneration: { strings: false, wasm: false }, microtaskMode: 'afterEvaluate' },
  );
  const run = (source: string, filename: string): unknown =>
    new Script(source, { filename }).runInContext(context, { timeout: RUN_TIMEOUT_MS });
  const report = (): Report => {
    const read = reportOf(run('__viewerRequestReport()', `${name}-report.js`));
    for (const line of read.lines) log(`${name}: ${line}`);
    return read;
  };
  let defined: unknown;
  try {
    run(PRELUDE, `${name}-prelude.js`);
    run(code, `${name}.js`);
    defined = run("typeof handler === 'function'", `${name}-check.js`);
    report();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new InvalidTemplateError(`${name}'s FunctionCode does not run: ${message}`, {
      cause: error,
    });
  }
  if (defined !== true) {
    throw new InvalidTemplateError(`${name}'s FunctionCode defines no function handler(event)`);
  }
  return async (event) => {
    try {
      run(`__viewerRequest(${JSON.stringify(JSON.stringify(event))})`, `${name}-call.js`);
    } catch (error) {
      // Stopped past the time limit (the function's own errors are in its report); the
      // lines it logged go with it, as the next call starts afresh.
      return { kind: 'failed', reason: String(error) };
    }
    try {
      const { settled } = report();
      if (settled === undefined) {
        return { kind: 'failed', reason: 'the promise the function returned never settled' };
      }
      return settled.error === undefined
        ? outcomeOf(settled.value)
        : { kind: 'failed', reason: settled.error };
    } catch (error) {
      return { kind: 'failed', reason: String(error) };
    }
  };
};

/**
 * The template's CloudFront Function `functionId` (the page's behaviour associates
 * `WebRewriteFunction`), its inline `FunctionCode` run as CloudFront runs it. Throws
 * {@link InvalidTemplateError} when the template has no such function.
 */
export const templateViewerRequestFunction = (
  template: SamTemplate,
  functionId: string,
  log: (line: string) => void,
): ViewerRequestFunction => {
  const resource = template.Resources[functionId];
  const code = resource?.Properties?.['FunctionCode'];
  if (resource?.Type !== 'AWS::CloudFront::Function' || typeof code !== 'string') {
    throw new InvalidTemplateError(
      `The template has no AWS::CloudFront::Function ${functionId} with its FunctionCode inline`,
    );
  }
  return compileViewerRequestFunction(code, functionId, log);
};
