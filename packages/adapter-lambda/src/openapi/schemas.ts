import {
  CreateTaskInputSchema,
  DESCRIPTION_MAX_LENGTH,
  DescriptionSchema,
  ListTasksQuerySchema,
  MAX_LISTED_ISSUES,
  type Schema,
  StatsResponseSchema,
  TASK_ERROR_CODES,
  TaskIdSchema,
  TaskPatchSchema,
  TaskSchema,
  TITLE_MAX_LENGTH,
  TitleSchema,
} from '@tasks/domain';
import {
  type ConversionConfig,
  type JsonSchema,
  toJsonSchema,
  toJsonSchemaDefs,
} from '@valibot/to-json-schema';
import * as v from 'valibot';
import { HTTP_PROBLEMS } from '../http/http-problems.js';
import { PROBLEM_TYPE_BASE } from '../http/problem.js';

/** A JSON Schema (2020-12, the dialect of OpenAPI 3.1) as @valibot/to-json-schema writes it. */
export type { JsonSchema };

/** A part of the OpenAPI document (an operation, a parameter, a response…). */
export type OpenApiObject = { readonly [key: string]: unknown };

/** The body of a 201 to `POST /tasks` (SPEC §4), as the create controller writes it. */
export const TaskCreatedSchema = v.strictObject({
  message: v.literal('Task created'),
  taskId: TaskIdSchema,
  task: TaskSchema,
});

/** One page of `GET /tasks`: `nextKey` is present exactly when more items follow. */
export const TaskPageSchema = v.strictObject({
  items: v.array(TaskSchema),
  nextKey: v.optional(TaskIdSchema),
});

/** Every `code` a problem can carry: the domain's and the HTTP layer's. */
export const PROBLEM_CODES = [...TASK_ERROR_CODES, ...Object.keys(HTTP_PROBLEMS)];

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** RFC 9457 problem details with our `code` (SPEC §4); open, as RFC 9457 §3.2 allows. */
export const ProblemSchema = v.looseObject({
  // One pattern for the base and the slug after it (v.startsWith would state the base only).
  type: v.pipe(v.string(), v.regex(new RegExp(`^${escapeRegExp(PROBLEM_TYPE_BASE)}[a-z-]+$`))),
  title: v.string(),
  status: v.pipe(v.number(), v.integer(), v.minValue(400), v.maxValue(599)),
  detail: v.string(),
  code: v.picklist(PROBLEM_CODES),
  // At most MAX_LISTED_ISSUES: an error body is bounded (SPEC §4).
  errors: v.optional(
    v.pipe(
      v.array(v.strictObject({ path: v.string(), message: v.string() })),
      v.maxLength(MAX_LISTED_ISSUES),
    ),
  ),
  requestId: v.optional(v.string()),
});

/** API Gateway's own answers (a refused token, throttling, a failed function): SPEC §4. */
export const GatewayMessageSchema = v.strictObject({ message: v.string() });

/** A component of `components.schemas`: the schema the code parses with, and what it is. */
interface Component {
  readonly schema: Schema;
  readonly description: string;
}

/** What a client sends: converted with `typeMode: 'input'`, the shape the schemas accept. */
const REQUESTS = {
  CreateTaskInput: { schema: CreateTaskInputSchema, description: 'A new task.' },
  TaskPatch: { schema: TaskPatchSchema, description: 'A JSON merge patch (RFC 7396).' },
  ListTasksQuery: { schema: ListTasksQuerySchema, description: 'The query of a list.' },
} satisfies Record<string, Component>;

/** What the API answers: converted with `typeMode: 'output'`. */
const RESPONSES = {
  Task: { schema: TaskSchema, description: 'A task, as its owner sees it.' },
  TaskCreated: { schema: TaskCreatedSchema, description: 'The answer to a create.' },
  TaskPage: { schema: TaskPageSchema, description: 'One page of tasks, newest first.' },
  Problem: { schema: ProblemSchema, description: 'Problem details (RFC 9457).' },
  GatewayMessage: {
    schema: GatewayMessageSchema,
    description: "An answer of API Gateway's own, not of a function.",
  },
  Stats: {
    schema: StatsResponseSchema,
    description:
      "The caller's statistics (SPEC §4 GET /tasks/stats): lead-time percentiles are the middle of a bucket spanning a factor of √2, within 19 % of the true value.",
  },
} satisfies Record<string, Component>;

/**
 * Fields whose rules JSON Schema cannot state in full: described, inline wherever used.
 * Their length rules are `v.check`s (they count code points after trimming), which the
 * converter cannot read; their limits are exported constants, so the document states them.
 * Keyed by the string schema that begins each pipe: valibot converts a pipe's schema and
 * then its actions onto one node, and calls `overrideSchema` for that schema, not the pipe.
 */
const FIELDS = new Map<unknown, JsonSchema>([
  [
    TitleSchema.pipe[0],
    {
      description:
        'Trimmed; at least one visible character; no control characters and no bidirectional embedding, override or isolate controls (U+202A to U+202E, U+2066 to U+2069).',
      minLength: 1,
      maxLength: TITLE_MAX_LENGTH,
    },
  ],
  [
    DescriptionSchema.pipe[0],
    {
      description:
        'No control characters other than tab and line breaks; no bidirectional embedding, override or isolate controls.',
      maxLength: DESCRIPTION_MAX_LENGTH,
    },
  ],
]);

/** How every schema of the document is converted, requests (`input`) or responses (`output`). */
const conversion = (typeMode: 'input' | 'output'): ConversionConfig => ({
  target: 'draft-2020-12',
  typeMode,
  // Named, not errorMode: 'ignore', so that any other action JSON Schema cannot state
  // still throws. The `check`s are the rules FIELDS describes, TaskPatch's "at least one
  // field" and a timestamp's canonical form; `trim` is a transformation, "Trimmed" in FIELDS.
  ignoreActions: ['check', 'trim'],
  overrideSchema: ({ valibotSchema, jsonSchema }) => {
    const field = FIELDS.get(valibotSchema);
    return field === undefined ? undefined : { ...jsonSchema, ...field };
  },
  overrideRef: ({ referenceId }) => `#/components/schemas/${referenceId}`,
});

/** The JSON Schema of one schema of the code, converted as the document's components are. */
export const jsonSchemaOf = (schema: Schema, typeMode: 'input' | 'output'): JsonSchema => {
  // A parameter's schema lives inside the document: its dialect is OpenAPI 3.1's.
  const { $schema: _dialect, ...json } = toJsonSchema(schema, conversion(typeMode));
  return json;
};

const convert = (
  components: Readonly<Record<string, Component>>,
  typeMode: 'input' | 'output',
): Record<string, JsonSchema> => {
  const entries = Object.entries(components);
  // Each one a definition, so that a component used in another is a $ref to it.
  const schemas = toJsonSchemaDefs(
    Object.fromEntries(entries.map(([id, { schema }]) => [id, schema])),
    conversion(typeMode),
  );
  return Object.fromEntries(
    entries.map(([id, { description }]) => [id, { ...schemas[id], description }]),
  );
};

/** `components.schemas` of the document, generated from the valibot schemas the code parses with. */
export const componentSchemas = (): Record<string, JsonSchema> => ({
  ...convert(REQUESTS, 'input'),
  ...convert(RESPONSES, 'output'),
});

/** `#/components/schemas/<id>` */
export const schemaRef = (id: string): { $ref: string } => ({ $ref: `#/components/schemas/${id}` });
