import { BEHIND_THE_AUTHORIZER } from './gateway.js';
import { OPERATIONS, type OperationSpec } from './operations.js';
import { otherOperationsOf, unknownPaths } from './other-methods.js';
import { COMPONENT_HEADERS, componentParameters } from './parameters.js';
import { failureResponses, headersOf } from './responses.js';
import {
  type OperationRoute,
  operationRoutesOf,
  type TaskUseCaseName,
  type TemplateOperationRoute,
} from './routes.js';
import { componentSchemas, type OpenApiObject, schemaRef } from './schemas.js';

/** The OpenAPI version the document follows; its schemas are JSON Schema 2020-12. */
export const OPENAPI_VERSION = '3.1.1';

/** The OpenAPI document of the HTTP API, as `openApiDocument` builds it. */
export interface OpenApiDocument {
  readonly openapi: string;
  readonly info: {
    readonly title: string;
    readonly version: string;
    readonly description: string;
    readonly license: OpenApiObject;
  };
  readonly servers: readonly OpenApiObject[];
  readonly security: readonly OpenApiObject[];
  readonly tags: readonly OpenApiObject[];
  readonly paths: Readonly<Record<string, OpenApiObject>>;
  /** What a path not in `paths` gets (see `unknownPaths`). */
  readonly 'x-unknown-paths': OpenApiObject;
  readonly components: {
    readonly schemas: OpenApiObject;
    readonly parameters: OpenApiObject;
    readonly headers: OpenApiObject;
    readonly securitySchemes: OpenApiObject;
  };
}

const PATH_PARAMETER = /\{(\w+)\}/g;

/** The OpenAPI operation object of `useCase`. */
const operationOf = (useCase: TaskUseCaseName): OpenApiObject => {
  const spec: OperationSpec = OPERATIONS[useCase];
  const { body } = spec;
  return {
    operationId: useCase,
    summary: spec.summary,
    tags: ['tasks'],
    ...(spec.parameters.length === 0
      ? {}
      : {
          parameters: spec.parameters.map((name) => ({ $ref: `#/components/parameters/${name}` })),
        }),
    ...(body === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            content: Object.fromEntries(
              body.mediaTypes.map((type) => [type, { schema: schemaRef(body.schema) }]),
            ),
          },
        }),
    responses: {
      [String(spec.success.status)]: {
        description: spec.success.description,
        ...headersOf(spec.success.headers),
        ...(spec.success.schema === undefined
          ? {}
          : { content: { 'application/json': { schema: schemaRef(spec.success.schema) } } }),
      },
      ...failureResponses({
        problems: spec.problems,
        gateway: BEHIND_THE_AUTHORIZER,
        mergePatch: body?.mediaTypes.includes('application/merge-patch+json') === true,
      }),
    },
  };
};

/**
 * Path items: one operation per route, then OPTIONS and the 405 of every other method (the
 * fallback function's routes), the path's parameters declared once.
 */
const pathsOf = (routes: readonly OperationRoute[]): Record<string, OpenApiObject> => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const names = [...route.path.matchAll(PATH_PARAMETER)].map((match) => match[1]);
    const item: Record<string, unknown> = paths[route.path] ?? {
      ...(names.length === 0
        ? {}
        : { parameters: names.map((name) => ({ $ref: `#/components/parameters/${name}` })) }),
    };
    item[route.method.toLowerCase()] = operationOf(route.useCase);
    paths[route.path] = item;
  }
  for (const [path, item] of Object.entries(paths)) {
    Object.assign(item, otherOperationsOf(routes, path));
  }
  return paths;
};

/**
 * The OpenAPI 3.1 document of the API (SPEC §4), built from what the handler runs on: the
 * routes of infra/template.yaml (`templateRoutes`, from scripts/template-routes.mjs), the valibot schemas that parse requests and describe responses, and
 * the tables that map error codes to statuses. Nothing in it is written a second time.
 */
export const openApiDocument = (
  templateRoutes: readonly TemplateOperationRoute[],
): OpenApiDocument => {
  const routes = operationRoutesOf(templateRoutes);
  // The list query becomes parameters; as a schema of its own nothing would refer to it.
  const { ListTasksQuery: listQuery, ...schemas } = componentSchemas();
  if (listQuery === undefined) throw new Error('the ListTasksQuery schema is missing');
  return {
    openapi: OPENAPI_VERSION,
    info: {
      title: 'Tasks API',
      version: '1.0.0',
      description:
        "Task management: each caller (the JWT sub) owns its tasks. The functions' errors are problem details (RFC 9457); API Gateway's own answers (its JWT authorizer's 401, its throttling's 429, its 413 over 10 MB, its 500 when a function fails) are application/json {\"message\": …}. Any other method on a known path is 405 with Allow; an unknown path is 404 (x-unknown-paths).",
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [
      {
        url: 'https://{apiId}.execute-api.{region}.amazonaws.com',
        description: 'A deployed stage (the ApiUrl output of infra/template.yaml).',
        variables: { apiId: { default: 'abc123' }, region: { default: 'us-east-1' } },
      },
      { url: 'http://127.0.0.1:3000', description: 'The local runtime.' },
    ],
    security: [{ jwt: [] }],
    tags: [{ name: 'tasks', description: "The caller's tasks." }],
    paths: pathsOf(routes),
    'x-unknown-paths': unknownPaths(),
    components: {
      schemas,
      parameters: componentParameters(listQuery),
      headers: COMPONENT_HEADERS,
      securitySchemes: {
        jwt: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            "Verified by API Gateway's JWT authorizer; its sub claim is the owner. Off (one fixed owner) when AUTH_MODE is none.",
        },
      },
    },
  };
};
