import {
  CreateTaskInputSchema,
  DESCRIPTION_MAX_LENGTH,
  DescriptionSchema,
  ListTasksQuerySchema,
  MAX_LISTED_ISSUES,
  StatsResponseSchema,
  TASK_ERROR_CODES,
  TaskIdSchema,
  TaskPatchSchema,
  TaskSchema,
  TITLE_MAX_LENGTH,
  TitleSchema,
} from '@tasks/domain';
import * as z from 'zod/mini';
import { HTTP_PROBLEMS } from '../http/http-problems.js';
import { PROBLEM_TYPE_BASE } from '../http/problem.js';

/** A JSON Schema (2020-12, the dialect of OpenAPI 3.1) as zod writes it. */
export type JsonSchema = z.core.JSONSchema.BaseSchema;

/** A part of the OpenAPI document (an operation, a parameter, a response…). */
export type OpenApiObject = { readonly [key: string]: unknown };

/** The body of a 201 to `POST /tasks` (SPEC §4), as the create controller writes it. */
export const TaskCreatedSchema = z.strictObject({
  message: z.literal('Task created'),
  taskId: TaskIdSchema,
  task: TaskSchema,
});

/** One page of `GET /tasks`: `nextKey` is present exactly when more items follow. */
export const TaskPageSchema = z.strictObject({
  items: z.array(TaskSchema),
  nextKey: z.optional(TaskIdSchema),
});

/** Every `code` a problem can carry: the domain's and the HTTP layer's. */
export const PROBLEM_CODES = [...TASK_ERROR_CODES, ...Object.keys(HTTP_PROBLEMS)];

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** RFC 9457 problem details with our `code` (SPEC §4); open, as RFC 9457 §3.2 allows. */
export const ProblemSchema = z.looseObject({
  // A pattern, not z.startsWith, which JSON Schema writes as a non-standard format.
  type: z.string().check(z.regex(new RegExp(`^${escapeRegExp(PROBLEM_TYPE_BASE)}[a-z-]+$`))),
  title: z.string(),
  status: z.int().check(z.minimum(400), z.maximum(599)),
  detail: z.string(),
  code: z.enum(PROBLEM_CODES),
  // At most MAX_LISTED_ISSUES: an error body is bounded (SPEC §4).
  errors: z.optional(
    z
      .array(z.strictObject({ path: z.string(), message: z.string() }))
      .check(z.maxLength(MAX_LISTED_ISSUES)),
  ),
  requestId: z.optional(z.string()),
});

/** API Gateway's own answers (a refused token, throttling, a failed function): SPEC §4. */
export const GatewayMessageSchema = z.strictObject({ message: z.string() });

type Registry = z.core.$ZodRegistry<{ id?: string; description?: string }>;

const registryOf = (
  entries: readonly [z.core.$ZodType, { id?: string; description: string }][],
): Registry => {
  const registry: Registry = z.registry<{ id?: string; description?: string }>();
  for (const [schema, meta] of entries) registry.add(schema, meta);
  return registry;
};

/** Fields whose rules JSON Schema cannot state in full: described, inline wherever used. */
const FIELDS: [z.core.$ZodType, { description: string }][] = [
  [
    TitleSchema,
    {
      description:
        'Trimmed; at least one visible character; no control characters and no bidirectional embedding, override or isolate controls (U+202A to U+202E, U+2066 to U+2069).',
    },
  ],
  [
    DescriptionSchema,
    {
      description:
        'No control characters other than tab and line breaks; no bidirectional embedding, override or isolate controls.',
    },
  ],
];

/** What a client sends: converted with `io: 'input'`, the shape the schemas accept. */
const requests = (): Registry =>
  registryOf([
    ...FIELDS,
    [CreateTaskInputSchema, { id: 'CreateTaskInput', description: 'A new task.' }],
    [TaskPatchSchema, { id: 'TaskPatch', description: 'A JSON merge patch (RFC 7396).' }],
    [ListTasksQuerySchema, { id: 'ListTasksQuery', description: 'The query of a list.' }],
  ]);

/** What the API answers: converted with `io: 'output'`. */
const responses = (): Registry =>
  registryOf([
    ...FIELDS,
    [TaskSchema, { id: 'Task', description: 'A task, as its owner sees it.' }],
    [TaskCreatedSchema, { id: 'TaskCreated', description: 'The answer to a create.' }],
    [TaskPageSchema, { id: 'TaskPage', description: 'One page of tasks, newest first.' }],
    [ProblemSchema, { id: 'Problem', description: 'Problem details (RFC 9457).' }],
    [
      GatewayMessageSchema,
      { id: 'GatewayMessage', description: "An answer of API Gateway's own, not of a function." },
    ],
    [
      StatsResponseSchema,
      {
        id: 'Stats',
        description:
          "The caller's statistics (SPEC §4 GET /tasks/stats): lead-time percentiles are the middle of a bucket spanning a factor of √2, within 19 % of the true value.",
      },
    ],
  ]);

/**
 * Length rules are zod refinements (they count code points after trimming), which JSON
 * Schema cannot express; their limits are exported constants, so the document states them.
 */
const lengths = ({ zodSchema, jsonSchema }: { zodSchema: unknown; jsonSchema: JsonSchema }) => {
  if (zodSchema === TitleSchema)
    Object.assign(jsonSchema, { minLength: 1, maxLength: TITLE_MAX_LENGTH });
  if (zodSchema === DescriptionSchema)
    Object.assign(jsonSchema, { maxLength: DESCRIPTION_MAX_LENGTH });
};

const convert = (registry: Registry, io: 'input' | 'output'): Record<string, JsonSchema> => {
  const { schemas } = z.toJSONSchema(registry, {
    io,
    target: 'draft-2020-12',
    metadata: registry,
    uri: (id) => `#/components/schemas/${id}`,
    override: lengths,
  });
  // Components live inside the document: its dialect is OpenAPI 3.1's, and a fragment is no $id.
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _dialect, $id: _id, ...schema }]) => [id, schema]),
  );
};

/** `components.schemas` of the document, generated from the zod schemas the code parses with. */
export const componentSchemas = (): Record<string, JsonSchema> => ({
  ...convert(requests(), 'input'),
  ...convert(responses(), 'output'),
});

/** `#/components/schemas/<id>` */
export const schemaRef = (id: string): { $ref: string } => ({ $ref: `#/components/schemas/${id}` });
