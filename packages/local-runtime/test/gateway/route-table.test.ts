import { loadTemplate, templateRoutes } from '@tasks/sam-template';
import { describe, expect, it } from 'vitest';
import { InvalidTemplateError } from '../../src/errors.js';
import { buildRouteTable, selectRoute } from '../../src/route-table.js';

const table = buildRouteTable(templateRoutes(loadTemplate()));
const routeKeyOf = (method: string, path: string) =>
  selectRoute(table, method, path)?.route.routeKey;

describe('route selection on the routes of infra/template.yaml', () => {
  it.each([
    ['POST', '/tasks', 'POST /tasks'],
    ['GET', '/tasks', 'GET /tasks'],
    ['GET', '/tasks/0193', 'GET /tasks/{taskId}'],
    ['PATCH', '/tasks/0193', 'PATCH /tasks/{taskId}'],
    ['DELETE', '/tasks/0193', 'DELETE /tasks/{taskId}'],
    ['PUT', '/tasks', 'ANY /tasks'],
    ['OPTIONS', '/tasks', 'OPTIONS /tasks'],
    ['OPTIONS', '/tasks/0193', 'OPTIONS /tasks/{taskId}'],
    ['OPTIONS', '/tasks/0193/notes', '$default'],
    ['GET', '/tasks/0193/notes', '$default'],
    ['GET', '/Tasks', '$default'],
  ])('selects %s %s → %s', (method, path, routeKey) => {
    expect(routeKeyOf(method, path)).toBe(routeKey);
  });

  it('puts every route behind the authorizer but the OPTIONS routes of the preflights', () => {
    const open = [...table.routes, table.defaultRoute].filter(
      (route) => route?.authorized === false,
    );

    expect(open.map((route) => route?.routeKey)).toEqual([
      'OPTIONS /tasks',
      'OPTIONS /tasks/{taskId}',
      'OPTIONS /tasks/stats',
    ]);
  });

  it('captures {taskId} as a path parameter, and none for $default', () => {
    expect(selectRoute(table, 'GET', '/tasks/a b')?.pathParameters).toEqual({ taskId: 'a b' });
    expect(selectRoute(table, 'GET', '/nowhere')?.pathParameters).toEqual({});
  });
});

describe('route selection rules', () => {
  const rules = buildRouteTable([
    { functionId: 'Exact', method: 'GET', path: '/files/readme' },
    { functionId: 'Param', method: 'GET', path: '/files/{name}' },
    { functionId: 'Greedy', method: 'GET', path: '/files/{proxy+}' },
    { functionId: 'AnyGreedy', method: 'ANY', path: '/{proxy+}' },
  ]);
  const functionOf = (method: string, path: string) =>
    selectRoute(rules, method, path)?.route.functionId;

  it('prefers literal segments, then a parameter, then a greedy parameter', () => {
    expect(functionOf('GET', '/files/readme')).toBe('Exact');
    expect(functionOf('GET', '/files/other')).toBe('Param');
    expect(functionOf('GET', '/files/a/b')).toBe('Greedy');
    expect(selectRoute(rules, 'GET', '/files/a/b')?.pathParameters).toEqual({ proxy: 'a/b' });
    expect(functionOf('POST', '/files/readme')).toBe('AnyGreedy');
  });

  it('sends OPTIONS to an OPTIONS route, else to ANY, like any other method', () => {
    const options = buildRouteTable([
      { functionId: 'Any', method: 'ANY', path: '/a' },
      { functionId: 'Preflight', method: 'OPTIONS', path: '/a', authorizer: 'NONE' },
      { functionId: 'AnyOnly', method: 'ANY', path: '/b' },
    ]);

    expect(selectRoute(options, 'OPTIONS', '/a')?.route).toMatchObject({
      functionId: 'Preflight',
      authorized: false,
    });
    expect(selectRoute(options, 'OPTIONS', '/b')?.route).toMatchObject({
      functionId: 'AnyOnly',
      authorized: true,
    });
    expect(selectRoute(options, 'OPTIONS', '/c')).toBeUndefined();
  });

  it('selects nothing without a $default route when no route fits', () => {
    expect(selectRoute(rules, 'GET', '/')).toBeUndefined();
  });

  it('refuses a route key declared twice, as API Gateway does', () => {
    expect(() =>
      buildRouteTable([
        { functionId: 'A', method: 'GET', path: '/tasks' },
        { functionId: 'B', method: 'GET', path: '/tasks' },
      ]),
    ).toThrow(InvalidTemplateError);
  });
});
