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
import { operationRoutes } from '../../scripts/template-routes.mjs';
import { openApiDocument } from '../../src/openapi/index.js';
import {
  deref,
  keysOf,
  member,
  refsIn,
  resolveRef,
  schemaCompiler,
} from '../../src/openapi/testing/index.js';

const OPENAPI_JSON = fileURLToPath(new URL('../../openapi.json', import.meta.url));
const REGENERATE = 'npm run openapi -w @tasks/adapter-lambda';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const document = openApiDocument(operationRoutes());

const statusesOf = (operation: unknown): string[] => keysOf(member(operation, 'responses'));
const isSuccess = (status: string): boolean => /^2\d\d$/.test(status);

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

  it('documents every route of infra/template.yaml: each use case, OPTIONS, and the 405 of every other method on their paths', () => {
    const routes = templateRoutes(loadTemplate());
    const useCases = routes
      .filter((route) => !['ANY', 'OPTIONS'].includes(route.method) && route.path !== '$default')
      .map((route) => `${route.method} ${route.path}`);
    const optionsPaths = routes.filter((route) => route.method === 'OPTIONS').map((r) => r.path);
    const anyPaths = routes
      .filter((route) => route.method === 'ANY' && route.path !== '$default')
      .map((route) => route.path);

    const succeeding = operations().filter(
      ({ method, operation }) => method !== 'options' && statusesOf(operation).some(isSuccess),
    );
    const refusing = operations().filter(({ operation }) => !statusesOf(operation).some(isSuccess));

    expect(succeeding.map(({ path, method }) => `${method.toUpperCase()} ${path}`).sort()).toEqual(
      useCases.sort(),
    );
    expect(
      operations()
        .filter(({ method }) => method === 'options')
        .map(({ path }) => path)
        .sort(),
    ).toEqual(optionsPaths.sort());
    expect(new Set(refusing.map(({ path }) => path))).toEqual(new Set(anyPaths));
    for (const { operation } of refusing) expect(statusesOf(operation)).toContain('405');
  });

  it('asks for no token on OPTIONS only, as the template leaves only its routes out of the authorizer', () => {
    for (const { method, operation } of operations()) {
      expect(member(operation, 'security'), method).toEqual(method === 'options' ? [] : undefined);
    }
    expect(document.security).toEqual([{ jwt: [] }]);
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

  it('names each operation once and gives it a success response, or a 405 when it has none', () => {
    const ids = operations().map(({ operation }) => member(operation, 'operationId'));

    expect(new Set(ids).size).toBe(ids.length);
    for (const { operation } of operations()) {
      const statuses = statusesOf(operation);
      expect(statuses.some(isSuccess) || statuses.includes('405')).toBe(true);
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

  it('uses JSON, merge patch, problem and curl -d media types only, with merge patch for PATCH', () => {
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
      new Set([
        'application/json',
        'application/merge-patch+json',
        'application/problem+json',
        // curl -d's label, on a body the API reads as JSON (SPEC §4).
        'application/x-www-form-urlencoded',
      ]),
    );
    const patch = member(document.paths['/tasks/{taskId}'], 'patch');
    expect(keysOf(member(member(patch, 'requestBody'), 'content'))).toEqual([
      'application/json',
      'application/merge-patch+json',
      'application/x-www-form-urlencoded',
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
