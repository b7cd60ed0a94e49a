import type { TemplateRoute } from '@tasks/sam-template';
import { expect } from 'vitest';
import { operationRoutes } from '../../../scripts/template-routes.mjs';
import type { ApiGatewayEvent } from '../../../src/index.js';
import { type TaskUseCaseName, useCaseOfBundle } from '../../../src/openapi/routes.js';
import { httpEvent } from '../../http/events.js';
import { createdId, fieldOf, JSON_HEADERS, type Reply } from '../../http/harness.js';

/** Sends one event to a handler and reads its reply. */
export type Invoke = (event: ApiGatewayEvent) => Promise<Reply>;

export interface ScenarioContext {
  /** The handler under test. */
  readonly subject: Invoke;
  /** Another handler on the same store and owner, to prepare data outside the subject. */
  readonly seed: Invoke;
}

/** Requests that take one route down each of its paths, checking every status. */
export type Scenario = (context: ScenarioContext) => Promise<void>;

/** A task id that no test creates. */
export const MISSING_ID = '01890a5d-ac96-774b-bcce-b302099a8057';

const expectStatus = async (reply: Promise<Reply>, status: number): Promise<Reply> => {
  const settled = await reply;
  expect(settled.status, JSON.stringify(settled.body)).toBe(status);
  return settled;
};

const post = (body: unknown, headers: Record<string, string> = {}) =>
  httpEvent({
    method: 'POST',
    rawPath: '/tasks',
    body: JSON.stringify(body),
    headers: { ...JSON_HEADERS, ...headers },
  });
const get = (rawPath: string, rawQueryString = '') => httpEvent({ rawPath, rawQueryString });
const patch = (taskId: string, body: unknown, headers: Record<string, string> = {}) =>
  httpEvent({
    method: 'PATCH',
    rawPath: `/tasks/${taskId}`,
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/merge-patch+json', ...headers },
  });
const remove = (taskId: string, headers: Record<string, string> = {}) =>
  httpEvent({ method: 'DELETE', rawPath: `/tasks/${taskId}`, headers });

const seedTask = async (seed: Invoke, body: unknown = { title: 'Seeded' }): Promise<string> =>
  createdId(await expectStatus(seed(post(body)), 201));

const nextKeyOf = (reply: Reply): string => {
  const nextKey = fieldOf(reply.body, 'nextKey');
  if (typeof nextKey !== 'string') throw new Error('expected a page with a nextKey');
  return nextKey;
};

/**
 * Every path of each use case's route (SPEC §4): successes, misses, version conflicts,
 * idempotent replays and reuses, pages with and without a filter and a cursor. Keyed by
 * use case, so that a new route without a scenario fails to compile.
 */
export const USE_CASE_SCENARIOS = {
  createTask: async ({ subject }) => {
    const key = { 'idempotency-key': 'policy-test-key' };
    await expectStatus(subject(post({ title: 'Plain create' })), 201);
    await expectStatus(subject(post({ title: 'Once' }, key)), 201);
    const replay = await expectStatus(subject(post({ title: 'Once' }, key)), 201);
    expect(replay.header('Idempotent-Replayed')).toBe('true');
    await expectStatus(subject(post({ title: 'Another body' }, key)), 422);
    await expectStatus(subject(post({ title: '' })), 400);
  },
  listTasks: async ({ subject, seed }) => {
    for (const status of ['TODO', 'DONE', 'TODO']) {
      await seedTask(seed, { title: `A ${status} task`, status });
    }
    await expectStatus(subject(get('/tasks')), 200);
    const first = await expectStatus(subject(get('/tasks', 'limit=1')), 200);
    await expectStatus(subject(get('/tasks', `limit=1&lastKey=${nextKeyOf(first)}`)), 200);
    const todo = await expectStatus(subject(get('/tasks', 'status=TODO&limit=1')), 200);
    const after = `status=TODO&limit=1&lastKey=${nextKeyOf(todo)}`;
    await expectStatus(subject(get('/tasks', after)), 200);
    await expectStatus(subject(get('/tasks', 'limit=0')), 400);
  },
  getTask: async ({ subject, seed }) => {
    const taskId = await seedTask(seed);
    await expectStatus(subject(get(`/tasks/${taskId}`)), 200);
    await expectStatus(subject(get(`/tasks/${MISSING_ID}`)), 404);
    await expectStatus(subject(get('/tasks/not-a-task-id')), 404);
  },
  updateTask: async ({ subject, seed }) => {
    const taskId = await seedTask(seed);
    await expectStatus(subject(patch(taskId, { status: 'DONE' })), 200);
    await expectStatus(subject(patch(taskId, { title: 'Stale' }, { 'if-match': '"1"' })), 412);
    await expectStatus(subject(patch(taskId, { title: 'Fresh' }, { 'if-match': '"2"' })), 200);
    await expectStatus(subject(patch(MISSING_ID, { title: 'Nobody' })), 404);
    await expectStatus(subject(patch(MISSING_ID, { title: 'No' }, { 'if-match': '"1"' })), 404);
    await expectStatus(subject(patch(taskId, {})), 400);
  },
  deleteTask: async ({ subject, seed }) => {
    const [first, second] = [await seedTask(seed), await seedTask(seed)];
    await expectStatus(subject(remove(first, { 'if-match': '"9"' })), 412);
    await expectStatus(subject(remove(first, { 'if-match': '"1"' })), 204);
    await expectStatus(subject(remove(first)), 404);
    await expectStatus(subject(remove(first, { 'if-match': '"1"' })), 404);
    await expectStatus(subject(remove(second)), 204);
  },
  getStats: async ({ subject }) => {
    await expectStatus(subject(get('/tasks/stats')), 200);
    await expectStatus(subject(get('/tasks/stats', 'days=90')), 200);
    await expectStatus(subject(get('/tasks/stats', 'days=91')), 400);
  },
} satisfies Record<TaskUseCaseName, Scenario>;

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * What API Gateway sends to an `ANY` route: every method that has no route of its own on
 * that path (405, or 204 for OPTIONS), and for `$default` every unknown path (404).
 */
export const fallbackScenario =
  (path: string): Scenario =>
  async ({ subject }) => {
    if (path === '$default') {
      for (const rawPath of ['/', '/nothing-here', '/tasks/a/b']) {
        await expectStatus(subject(get(rawPath)), 404);
      }
      return;
    }
    const routed: readonly string[] = operationRoutes()
      .filter((route) => route.path === path)
      .map((route) => route.method);
    const rawPath = path.replaceAll(/\{\w+\}/g, MISSING_ID);
    for (const method of METHODS.filter((candidate) => !routed.includes(candidate))) {
      await expectStatus(subject(httpEvent({ method, rawPath })), method === 'OPTIONS' ? 204 : 405);
    }
  };

/**
 * What an OPTIONS route (a browser's preflight, outside the authorizer) gets: 204 with the
 * path's `Allow`, with or without the preflight's headers, and never a token's owner.
 */
export const preflightScenario =
  (path: string): Scenario =>
  async ({ subject }) => {
    const rawPath = path.replaceAll(/\{\w+\}/g, MISSING_ID);
    const preflight = {
      origin: 'https://app.example.com',
      'access-control-request-method': 'PATCH',
      'access-control-request-headers': 'authorization,content-type',
    };
    for (const headers of [{}, preflight]) {
      const reply = await expectStatus(
        subject(httpEvent({ method: 'OPTIONS', rawPath, headers, sub: null })),
        204,
      );
      expect(reply.header('Allow')).toContain('OPTIONS');
    }
  };

/** The scenario of one template route: its use case's, or the fallback's for ANY and OPTIONS. */
export const scenarioFor = (route: TemplateRoute): Scenario => {
  if (route.method === 'ANY') return fallbackScenario(route.path);
  if (route.method === 'OPTIONS') return preflightScenario(route.path);
  const match = operationRoutes().find(
    (task) => task.method === route.method && task.path === route.path,
  );
  if (match === undefined) throw new Error(`no handler route for ${route.method} ${route.path}`);
  return USE_CASE_SCENARIOS[useCaseOfBundle(match.bundle)];
};
