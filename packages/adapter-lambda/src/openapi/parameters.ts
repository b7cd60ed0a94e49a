import {
  DEFAULT_PAGE_SIZE,
  IdempotencyKeySchema,
  type ListTasksQuery,
  StatsDaysSchema,
  TaskIdSchema,
} from '@tasks/domain';
import { type JsonSchema, jsonSchemaOf, type OpenApiObject } from './schemas.js';

/** What each list parameter means; `satisfies` keeps it in step with the query schema. */
const QUERY_DESCRIPTIONS = {
  limit: `Page size, 1 to 100 in plain decimal digits (default ${DEFAULT_PAGE_SIZE}).`,
  lastKey: 'The nextKey of the previous page: the page starts after that task.',
  status: 'Only tasks with this status.',
} satisfies Record<keyof ListTasksQuery, string>;

/**
 * The query parameters of `GET /tasks`, one per property of the query schema (the
 * `ListTasksQuery` component), so that a new parameter appears here by itself.
 */
const queryParameters = (listQuery: JsonSchema): Record<string, OpenApiObject> => {
  const required = new Set(listQuery.required ?? []);
  const descriptions: Readonly<Record<string, string>> = QUERY_DESCRIPTIONS;
  return Object.fromEntries(
    Object.entries(listQuery.properties ?? {}).map(([name, schema]) => {
      const description = descriptions[name];
      return [
        name,
        {
          name,
          in: 'query',
          required: required.has(name),
          ...(description === undefined ? {} : { description }),
          schema: typeof schema === 'boolean' ? {} : schema,
        },
      ];
    }),
  );
};

/** `components.parameters`: the path, query and header parameters of the operations. */
export const componentParameters = (listQuery: JsonSchema): Record<string, OpenApiObject> => ({
  taskId: {
    name: 'taskId',
    in: 'path',
    required: true,
    description: 'The task id (a UUID). Any other value names no task: 404.',
    schema: jsonSchemaOf(TaskIdSchema, 'input'),
  },
  ...queryParameters(listQuery),
  days: {
    name: 'days',
    in: 'query',
    required: false,
    description: 'UTC days covered, ending today, 1 to 90 in plain decimal digits (default 30).',
    schema: jsonSchemaOf(StatsDaysSchema, 'input'),
  },
  'If-Match': {
    name: 'If-Match',
    in: 'header',
    required: false,
    description:
      'The ETag of the task ("<version>", W/ tolerated) or *: the write applies only to that version (412 otherwise).',
    schema: { type: 'string' },
  },
  'Idempotency-Key': {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description:
      'The same key and body within 24 hours answer the first response again and create nothing; another body is 422; a request while the first is in flight is 409. Keys are per owner.',
    schema: jsonSchemaOf(IdempotencyKeySchema, 'input'),
  },
});

/** A response header that is always sent where a response lists it, except where `optional`. */
const header = (
  description: string,
  schema: JsonSchema = { type: 'string' },
  optional = false,
) => ({
  description,
  required: !optional,
  schema,
});

/** `components.headers`: the response headers clients read (and CORS exposes). */
export const COMPONENT_HEADERS = {
  ETag: header('The version of the task, "<version>": send it back in If-Match.'),
  Location: header('The path of the created task, /tasks/{taskId}.'),
  'Idempotent-Replayed': header(
    'true when the response is a replay of an earlier create; absent otherwise.',
    { type: 'string', enum: ['true'] },
    true,
  ),
  'Retry-After': header('Seconds to wait before retrying.', {
    type: 'string',
    pattern: '^[1-9][0-9]*$',
  }),
  'WWW-Authenticate': header('The scheme to authenticate with: Bearer.'),
  'Accept-Patch': header('The media types a PATCH accepts.'),
  Allow: header('The methods of the path (RFC 9110 §10.2.1), OPTIONS included.'),
} satisfies Record<string, OpenApiObject>;

/** The name of a response header component. */
export type HeaderName = keyof typeof COMPONENT_HEADERS;
