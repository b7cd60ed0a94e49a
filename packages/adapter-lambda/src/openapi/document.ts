import { TASK_ROUTES, type TaskUseCaseName } from '../http/routes.js';
import { OPERATIONS, type OperationSpec } from './operations.js';
import { COMPONENT_HEADERS, componentParameters } from './parameters.js';
import { responsesOf } from './responses.js';
import { componentSchemas, type OpenApiObject, schemaRef } from './schemas.js';

/** The OpenAPI version the document follows; its schemas are JSON Schema 2020-12. */
export const OPENAPI_VERSION = '3.1.1';

/** The OpenAPI document of the HTTP API, as `openApiDocument` builds it. */
export interface OpenApiDocument {
  readonly openapi: string;
  readonly info: { readonly title: string; readonly version: string; readonly description: string };
  readonly servers: readonly OpenApiObject[];
  readonly security: readonly OpenApiObject[];
  readonly tags: readonly OpenApiObject[];
  readonly paths: Readonly<Record<string, OpenApiObject>>;
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
    responses: responsesOf(spec),
  };
};

/** Path items: one operation per route of TASK_ROUTES, the path's parameters declared once. */
const pathsOf = (): Record<string, OpenApiObject> => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of TASK_ROUTES) {
    const names = [...route.path.matchAll(PATH_PARAMETER)].map((match) => match[1]);
    const item: Record<string, unknown> = paths[route.path] ?? {
      ...(names.length === 0
        ? {}
        : { parameters: names.map((name) => ({ $ref: `#/components/parameters/${name}` })) }),
    };
    item[route.method.toLowerCase()] = operationOf(route.useCase);
    paths[route.path] = item;
  }
  return paths;
};

/**
 * The OpenAPI 3.1 document of the API (SPEC §4), built from what the handler runs on: the
 * routes of TASK_ROUTES, the zod schemas that parse requests and describe responses, and
 * the tables that map error codes to statuses. Nothing in it is written a second time.
 */
export const openApiDocument = (): OpenApiDocument => {
  const schemas = componentSchemas();
  const listQuery = schemas['ListTasksQuery'];
  if (listQuery === undefined) throw new Error('the ListTasksQuery schema is missing');
  return {
    openapi: OPENAPI_VERSION,
    info: {
      title: 'Tasks API',
      version: '1.0.0',
      description:
        'Task management: each caller (the JWT sub) owns its tasks. Errors are problem details (RFC 9457); any other method on a known path is 405 with Allow, an unknown path 404.',
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
    paths: pathsOf(),
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
