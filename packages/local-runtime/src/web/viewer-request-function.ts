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
 * watchdog this loose never trips on a busy machine, yet a runaway loop still ends.
 */
const RUN_TIMEOUT_MS = 1000;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The returned value, read as data: a request with a usable `uri`, or a response. */
const outcomeOf = (returned: unknown): FunctionOutcome => {
  const value: unknown = JSON.parse(JSON.stringify(returned) ?? 'null');
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
 * in a `node:vm` context of its own, once; each call runs it on a copy of the event made
 * inside that context, so the code never holds the runtime's objects. Throws
 * {@link InvalidTemplateError} when the code does not compile or defines no handler.
 */
export const compileViewerRequestFunction = (
  code: string,
  name: string,
  log: (line: string) => void,
): ViewerRequestFunction => {
  const sandbox: Record<string, unknown> = {
    console: { log: (...items: unknown[]) => log(`${name}: ${items.map(String).join(' ')}`) },
  };
  const context = createContext(sandbox, { codeGeneration: { strings: false, wasm: false } });
  try {
    new Script(code, { filename: `${name}.js` }).runInContext(context, { timeout: RUN_TIMEOUT_MS });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new InvalidTemplateError(`${name}'s FunctionCode does not run: ${message}`, {
      cause: error,
    });
  }
  if (typeof sandbox['handler'] !== 'function') {
    throw new InvalidTemplateError(`${name}'s FunctionCode defines no function handler(event)`);
  }
  const call = new Script('handler(JSON.parse(eventJson))', { filename: `${name}-call.js` });
  return async (event) => {
    try {
      sandbox['eventJson'] = JSON.stringify(event);
      const returned: unknown = call.runInContext(context, { timeout: RUN_TIMEOUT_MS });
      return outcomeOf(await returned);
    } catch (error) {
      // Thrown in the function's own realm, an Error is no `instanceof Error` here.
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
