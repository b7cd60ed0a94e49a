/**
 * The shapes the API sends and accepts, inferred from the domain's valibot schemas: one
 * source, not a second copy (SPEC §11). Type-only imports: the compiled client imports
 * neither `@tasks/domain` nor valibot, so a bundle of it carries none of their code.
 */
import type {
  CreateTaskInputSchema,
  StatsResponseSchema,
  TaskPatchSchema,
  TaskSchema,
  TaskStatusSchema,
} from '@tasks/domain';
import type * as v from 'valibot';

/** A task as the API answers it (SPEC §3). */
export type Task = v.InferOutput<typeof TaskSchema>;

/** `TODO`, `IN_PROGRESS` or `DONE`. */
export type TaskStatus = v.InferOutput<typeof TaskStatusSchema>;

/** The body of a create: `title`, optional `description` and `status`. */
export type CreateTaskInput = v.InferInput<typeof CreateTaskInputSchema>;

/** A JSON merge patch of `title`, `description`, `status`; `description: null` removes it. */
export type TaskPatch = v.InferInput<typeof TaskPatchSchema>;

/** One page of `GET /tasks`: newest first; `nextKey` exactly when more items follow. */
export interface TaskPage {
  readonly items: Task[];
  readonly nextKey?: string;
}

/**
 * The caller's statistics (`GET /tasks/stats`): counts by status, created and completed
 * per UTC day (exactly `days` entries, oldest first, ending today), lead time to the first
 * `DONE`, and `asOf`, the newest change counted. Eventually consistent: kept from the
 * table's stream, seconds behind the writes.
 */
export type TaskStats = v.InferOutput<typeof StatsResponseSchema>;
