/**
 * openapi.json is generated from the code (src/openapi), so it cannot drift from the
 * handler on its own; these tests make sure it is regenerated when the code changes, that
 * it describes exactly the routes the template deploys, that it is a well-formed OpenAPI
 * 3.1 document (openapi-conformance.test.ts checks that the handler answers as it says).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadTemplate, templateRoutes } from '@tasks/sam-template';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../src/openapi/index.js';
import {
  deref,
  keysOf,
  member,
  refsIn,
  resolveRef,
  schemaCompiler,
} from './support/openapi-checks.js';

const OPENAPI_JSON = fileURLToPath(new URL('../../openapi.json', import.meta.url));
const REGENERATE = 'npm run openapi -w @tasks/adapter-lambda';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const document = openApiDocument();

const operations = () =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    keysOf(item)
      .filter((key) => METHODS.includes(key))
      .map((method) => ({ path, method, item, operation: member(item, method) })),
  );

describe('openapi.json', () => {
  it('is the document the code generates', () => {
    let committed: unknown;
    try {
      committed = JSON.parse(readFileSync(OPENAPI_JSON, 'utf8'));
    } catch (error) {
      throw new Error(`cannot read openapi.json: run \`${REGENERATE}\``, { cause: error });
    }
    expect(committed, `openapi.json is stale: run \`${REGENERATE}\` and commit it`).toStrictEqual(
      JSON.parse(JSON.stringify(document)),
    );
  });

  it('has one operation per route of infra/template.yaml, and no other', () => {
    const declared = templateRoutes(loadTemplate())
      .filter((route) => !['ANY', 'OPTIONS'].includes(route.method) && route.path !== '$default')
      .map((route) => `${route.method} ${route.path}`);

    const documented = operations().map(({ path, method }) => `${method.toUpperCase()} ${path}`);

    expect(documented.sort()).toEqual(declared.sort());
  });
});

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with info and paths', () => {
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(document.info.title).not.toBe('');
    expect(document.info.version).not.toBe('');
    expect(keysOf(document.paths).every((path) => path.startsWith('/'))).toBe(true);
  });

  it('resolves every $ref', () => {
    const dangling = refsIn(document).filter((ref) => resolveRef(document, ref) === undefined);

    expect(dangling).toEqual([]);
  });

  it('names each operation once and gives it a success response', () => {
    const ids = operations().map(({ operation }) => member(operation, 'operationId'));

    expect(new Set(ids).size).toBe(ids.length);
    for (const { operation } of operations()) {
      expect(keysOf(member(operation, 'responses')).some((status) => /^2\d\d$/.test(status))).toBe(
        true,
      );
    }
  });

  it('declares each path parameter, required, and no other', () => {
    for (const { path, item, operation } of operations()) {
      const parameters = [member(item, 'parameters'), member(operation, 'parameters')]
        .flatMap((list) => (Array.isArray(list) ? list : []))
        .map((parameter) => deref(document, parameter))
        .filter((parameter) => member(parameter, 'in') === 'path');
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);

      expect(parameters.map((parameter) => member(parameter, 'name'))).toEqual(names);
      expect(parameters.every((parameter) => member(parameter, 'required') === true)).toBe(true);
    }
  });

  it('uses JSON, merge patch and problem media types only, with merge patch for PATCH', () => {
    const contents = operations().flatMap(({ operation }) => {
      const responses = member(operation, 'responses');
      return [
        member(member(operation, 'requestBody'), 'content'),
        ...keysOf(responses).map((status) =>
          member(deref(document, member(responses, status)), 'content'),
        ),
      ];
    });

    expect(new Set(contents.flatMap(keysOf))).toEqual(
      new Set(['application/json', 'application/merge-patch+json', 'application/problem+json']),
    );
    const patch = member(document.paths['/tasks/{taskId}'], 'patch');
    expect(keysOf(member(member(patch, 'requestBody'), 'content'))).toEqual([
      'application/json',
      'application/merge-patch+json',
    ]);
  });

  it('has schemas that are valid JSON Schema 2020-12 in strict mode', () => {
    const compile = schemaCompiler(document);
    const named = [
      ...keysOf(document.components.schemas).map((id) => ({ $ref: `#/components/schemas/${id}` })),
      ...[document.components.parameters, document.components.headers].flatMap((group) =>
        keysOf(group).map((name) => member(member(group, name), 'schema')),
      ),
    ];

    for (const schema of named) expect(() => compile(schema)).not.toThrow();
  });
});
