import type { FailureWords } from '../failure-words.js';

export interface FailureNoticeProps {
  readonly words: FailureWords;
  /** Given when the failure offers to reload the task ("Reload task"). */
  readonly onReload?: (() => void) | undefined;
  /** Given when the failure offers to try again ("Retry"). */
  readonly onRetry?: (() => void) | undefined;
  readonly onSignIn?: (() => void) | undefined;
}

/** A failure in words, with the one thing to do about it (role alert: read at once). */
export const FailureNotice = ({ words, onReload, onRetry, onSignIn }: FailureNoticeProps) => (
  <div class="notice" role="alert">
    <p class="notice-title">{words.title}</p>
    {words.detail !== '' && <p>{words.detail}</p>}
    {/* Paragraphs, not a list: inside a task's list item, more list items would read as tasks. */}
    {words.fields.map((line) => (
      <p key={line}>{line}</p>
    ))}
    {words.action === 'reload' && onReload !== undefined && (
      <button type="button" onClick={onReload}>
        Reload task
      </button>
    )}
    {words.action === 'retry' && onRetry !== undefined && (
      <button type="button" onClick={onRetry}>
        Retry
      </button>
    )}
    {words.action === 'sign-in' && onSignIn !== undefined && (
      <button type="button" onClick={onSignIn}>
        Sign in again
      </button>
    )}
  </div>
);
