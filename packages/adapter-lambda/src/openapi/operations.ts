import type { TaskErrorCode } from '@tasks/domain';
import type { HttpProblemCode } from '../http/http-problems.js';
import { CREATE_MEDIA_TYPES, PATCH_MEDIA_TYPES } from '../http/request-body.js';
import type { HeaderName } from './parameters.js';
import type { TaskUseCaseName } from './routes.js';

/** A problem `code`: a domain error's or one the HTTP layer detects. */
export type ProblemCode = TaskErrorCode | HttpProblemCode;

/** What the document says of one use case's operation. */
export interface OperationSpec {
  readonly summary: string;
  /** Names of `components.parameters`, besides the path's own. */
  readonly parameters: readonly string[];
  readonly body?: { readonly schema: string; readonly mediaTypes: readonly string[] };
  readonly success: {
    readonly status: number;
    readonly description: string;
    readonly schema?: string;
    readonly headers: readonly HeaderName[];
  };
  /** Every problem the operation can answer; statuses come from the one mapping of codes. */
  readonly problems: readonly ProblemCode[];
}

/** Possible on every operation: no verified subject, storage down, a defect. */
const ANY_OPERATION = ['unauthorized', 'storage_unavailable', 'internal_error'] as const;

/**
 * `curl -d`'s label: a JSON body sent with it is read as JSON (`readJsonBody`, SPEC §4:
 * the original design's documented call keeps working); a real form is 415.
 */
export const CURL_DEFAULT_MEDIA_TYPE = 'application/x-www-form-urlencoded';

/** The operations of SPEC §4, keyed by use case so that a new route fails to compile here. */
export const OPERATIONS = {
  createTask: {
    summary: 'Create a task',
    parameters: ['Idempotency-Key'],
    body: {
      schema: 'CreateTaskInput',
      mediaTypes: [...CREATE_MEDIA_TYPES, CURL_DEFAULT_MEDIA_TYPE],
    },
    success: {
      status: 201,
      description: 'Created; or, for a replayed Idempotency-Key, the first response again.',
      schema: 'TaskCreated',
      headers: ['Location', 'Idempotent-Replayed'],
    },
    problems: [
      'malformed_json',
      'validation_failed',
      'task_already_exists',
      'idempotency_key_in_flight',
      'payload_too_large',
      'unsupported_media_type',
      'idempotency_key_reused',
      ...ANY_OPERATION,
    ],
  },
  listTasks: {
    summary: "List the caller's tasks, newest first",
    parameters: ['limit', 'lastKey', 'status'],
    success: { status: 200, description: 'One page.', schema: 'TaskPage', headers: [] },
    problems: ['validation_failed', ...ANY_OPERATION],
  },
  getTask: {
    summary: 'Read a task',
    parameters: [],
    success: { status: 200, description: 'The task.', schema: 'Task', headers: ['ETag'] },
    problems: ['validation_failed', 'task_not_found', ...ANY_OPERATION],
  },
  updateTask: {
    summary: 'Change a task with a JSON merge patch',
    parameters: ['If-Match'],
    body: { schema: 'TaskPatch', mediaTypes: [...PATCH_MEDIA_TYPES, CURL_DEFAULT_MEDIA_TYPE] },
    success: { status: 200, description: 'The changed task.', schema: 'Task', headers: ['ETag'] },
    problems: [
      'malformed_json',
      'validation_failed',
      'task_not_found',
      'version_conflict',
      'payload_too_large',
      'unsupported_media_type',
      ...ANY_OPERATION,
    ],
  },
  deleteTask: {
    summary: 'Delete a task',
    parameters: ['If-Match'],
    success: { status: 204, description: 'Deleted.', headers: [] },
    problems: ['validation_failed', 'task_not_found', 'version_conflict', ...ANY_OPERATION],
  },
  getStats: {
    summary: "The caller's statistics, kept from the table's stream (eventually consistent)",
    parameters: ['days'],
    success: { status: 200, description: 'The statistics.', schema: 'Stats', headers: [] },
    problems: ['validation_failed', ...ANY_OPERATION],
  },
} satisfies Record<TaskUseCaseName, OperationSpec>;
