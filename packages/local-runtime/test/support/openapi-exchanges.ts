import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Exchange, exchangeChecker } from '@tasks/adapter-lambda/openapi/testing';
import { expect } from 'vitest';
import type { Behaviour } from '../../src/index.js';

/** The committed openapi.json of @tasks/adapter-lambda: the document clients are given. */
const OPENAPI_DOCUMENT: unknown = JSON.parse(
  readFileSync(
    createRequire(import.meta.url).resolve('@tasks/adapter-lambda/openapi.json'),
    'utf8',
  ),
);

/**
 * What the contract suites send and get, checked against openapi.json as it happens: an
 * answer the document does not describe (status, Content-Type, body, headers) fails the
 * test that got it (issue 11: the document says what the API sends). What the runtime
 * answers beside the API, the page and the local issuer, is not the API's: the split is
 * the runtime's own (`LocalRuntime.answeredBy`, the template distribution's behaviours),
 * so every exchange the API answers is checked.
 */
export const documentedExchange = (
  answeredBy: (path: string) => Behaviour,
): ((exchange: Exchange) => void) => {
  const check = exchangeChecker(OPENAPI_DOCUMENT);
  return (exchange) => {
    if (answeredBy(exchange.path) !== 'api') return;
    expect(check(exchange), 'the response is not as openapi.json says').toEqual([]);
  };
};

export type { Exchange };
