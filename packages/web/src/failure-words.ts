/**
 * Every failure in words (SPEC §12), from the problem details the API answers (`title`,
 * `detail`, `errors`) and what the user can do next: reload a task that changed
 * elsewhere (412), retry when the service asks to come back (503, 429) or no answer
 * came, sign in again when the session ended.
 */
import { isTasksApiError, isTasksNetworkError } from '@tasks/client';
import { SessionExpiredError } from './auth/session.js';

/** What the page offers beside the words. */
export type FailureAction = 'reload' | 'retry' | 'sign-in' | 'none';

export interface FailureWords {
  /** One short sentence: what happened. */
  readonly title: string;
  /** What the server said, or what to do; may be empty. */
  readonly detail: string;
  /** One line per offending field: "Title: must not be empty". */
  readonly fields: readonly string[];
  readonly action: FailureAction;
}

/** What the user was doing, to say what did not happen. */
export type Attempt = 'load' | 'create' | 'update' | 'delete' | 'stats';

const FIELD_LABELS: Readonly<Record<string, string>> = {
  title: 'Title',
  description: 'Description',
  status: 'Status',
};

const NOT_DONE: Readonly<Record<Attempt, string>> = {
  load: 'The tasks could not be loaded.',
  create: 'The task was not added.',
  update: 'The task was not saved.',
  delete: 'The task was not deleted.',
  stats: 'The statistics could not be loaded.',
};

const fieldLine = ({ path, message }: { path: string; message: string }): string =>
  `${FIELD_LABELS[path] ?? path}: ${message}`;

/** The words for `error`, thrown while doing `attempt`. */
export const describeFailure = (error: unknown, attempt: Attempt): FailureWords => {
  const failed = NOT_DONE[attempt];
  if (error instanceof SessionExpiredError) {
    return {
      title: 'Your session has ended.',
      detail: 'Sign in again.',
      fields: [],
      action: 'sign-in',
    };
  }
  if (isTasksNetworkError(error)) {
    return {
      title: `${failed} No answer came from the server.`,
      detail: 'Check your connection, then retry.',
      fields: [],
      action: 'retry',
    };
  }
  if (!isTasksApiError(error)) {
    const detail = error instanceof Error ? error.message : String(error);
    return { title: `${failed} Something went wrong.`, detail, fields: [], action: 'none' };
  }
  const fields = error.errors.map(fieldLine);
  // A field error says it all: the detail only repeats it.
  const detail = fields.length > 0 ? '' : error.detail;
  switch (error.status) {
    case 412:
      return {
        title: 'This task changed elsewhere since it was loaded.',
        detail: `${failed} Reload the task to see it as it is now, then try again.`,
        fields: [],
        action: 'reload',
      };
    case 404:
      return attempt === 'load' || attempt === 'stats'
        ? { title: failed, detail, fields, action: 'retry' }
        : {
            title: 'This task no longer exists: it was deleted elsewhere.',
            detail: failed,
            fields: [],
            action: 'reload',
          };
    case 401:
      return {
        title: 'Your session has ended.',
        detail: 'Sign in again.',
        fields: [],
        action: 'sign-in',
      };
    case 429:
    case 503:
      return {
        title: `${failed} The service is busy or unavailable for a moment.`,
        detail,
        fields,
        action: 'retry',
      };
    default:
      return {
        title: `${failed} ${error.title ?? `The server answered ${error.status}.`}`,
        detail,
        fields,
        action: error.status >= 500 ? 'retry' : 'none',
      };
  }
};
