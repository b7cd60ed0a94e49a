/**
 * The handler answers the way openapi.json says: every reply of every path of every route
 * (the scenarios the policy test also runs, and the HTTP-level failures) has a documented
 * status, content type, body and headers. A document generated from the code can still
 * describe it wrongly (a status left out, a response schema that is not what is sent).
 */
import { StorageUnavailableError } from '@tasks/domain';
import { describe, expect, it } from 'vitest';
import { operationRoutes } from '../../scripts/template-routes.mjs';
import { openApiDocument } from '../../src/openapi/index.js';
import { httpEvent } from '../http/events.js';
import { failing, JSON_HEADERS, setup } from '../http/harness.js';
import { conformingTo } from './support/openapi-conformance.js';
import {
  fallbackScenario,
  MISSING_ID,
  preflightScenario,
  USE_CASE_SCENARIOS,
} from './support/route-scenarios.js';

const document = openApiDocument(operationRoutes());

describe('the handler, against the document', () => {
  it.each(Object.entries(USE_CASE_SCENARIOS))(
    'answers %s as documented, on every path',
    async (_, scenario) => {
      const harness = setup();

      await scenario({ subject: conformingTo(document, harness.invoke), seed: harness.invoke });
    },
  );

  it.each([
    ['every other method on /tasks', fallbackScenario('/tasks')],
    ['every other method on /tasks/{taskId}', fallbackScenario('/tasks/{taskId}')],
    ['unknown paths', fallbackScenario('$default')],
    ['OPTIONS /tasks', preflightScenario('/tasks')],
    ['OPTIONS /tasks/{taskId}', preflightScenario('/tasks/{taskId}')],
  ])('answers %s as documented', async (_, scenario) => {
    const harness = setup();

    await scenario({ subject: conformingTo(document, harness.invoke), seed: harness.invoke });
  });

  const post = (body: string, headers: Record<string, string> = JSON_HEADERS) =>
    httpEvent({ method: 'POST', rawPath: '/tasks', body, headers });
  const patch = (headers: Record<string, string>) =>
    httpEvent({
      method: 'PATCH',
      rawPath: `/tasks/${MISSING_ID}`,
      body: '{}',
      headers,
    });

  it.each([
    { status: 400, event: post('{"title":') },
    { status: 401, event: httpEvent({ rawPath: '/tasks', sub: null }) },
    { status: 413, event: post(JSON.stringify({ title: 'x'.repeat(20_000) })) },
    { status: 415, event: post('{}', { 'content-type': 'text/plain' }) },
    { status: 415, event: patch({ 'content-type': 'text/plain' }) },
    { status: 400, event: patch({ 'if-match': 'version 1' }) },
  ])(
    'answers $status as documented for $event.requestContext.http.method $event.rawPath',
    async ({ status, event }) => {
      const harness = setup();

      const reply = await conformingTo(document, harness.invoke)(event);

      expect(reply.status).toBe(status);
    },
  );

  it('answers 503 with Retry-After as documented when storage is down', async () => {
    const harness = setup({ repository: failing('list', new StorageUnavailableError(2)) });

    const reply = await conformingTo(document, harness.invoke)(httpEvent({ rawPath: '/tasks' }));

    expect(reply.status).toBe(503);
  });
});
