import { isTasksApiError, type Task, type TaskStatus, type TasksClient } from '@tasks/client';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { type Attempt, describeFailure, type FailureWords } from '../failure-words.js';
import { EditForm } from './edit-form.js';
import { FailureNotice } from './failure-notice.js';
import { STATUS_LABELS, STATUSES } from './status-labels.js';

export interface TaskItemProps {
  readonly task: Task;
  readonly client: TasksClient;
  readonly online: boolean;
  /** The task as the API answers a write of it here. */
  readonly onChanged: (task: Task) => void;
  /** The task as the API answers a read of it ("Reload task"): no write to count. */
  readonly onReloaded: (task: Task) => void;
  /** The task is gone: deleted here, or found deleted elsewhere. */
  readonly onRemoved: (taskId: string, how: 'deleted' | 'gone') => void;
  readonly onSignIn: () => void;
}

const offlineWords = (detail: string): FailureWords => ({
  title: 'You are offline: this change needs a connection.',
  detail,
  fields: [],
  action: 'none',
});
const OFFLINE_DELETE = offlineWords('The task was not deleted.');
const OFFLINE_SAVE = offlineWords('The task was not saved.');
const offline = (attempt: Attempt) => (attempt === 'delete' ? OFFLINE_DELETE : OFFLINE_SAVE);

const isStatus = (value: string): value is TaskStatus => STATUSES.some((s) => s === value);

/**
 * One task: its title, description, the "Status" select and the "Edit" and "Delete"
 * buttons. Every write is conditional on the version shown (`If-Match`), so that a
 * change made elsewhere meanwhile is a 412 offering "Reload task", never overwritten.
 */
export const TaskItem = ({
  task,
  client,
  online,
  onChanged,
  onReloaded,
  onRemoved,
  onSignIn,
}: TaskItemProps) => {
  const id = useId();
  const [editing, setEditing] = useState(false);
  // Reloaded while the edit form was open: the form keeps what the user typed, and says
  // what the task now is, so that they can choose and save again at its new version.
  const [reloadedWhileEditing, setReloadedWhileEditing] = useState(false);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<{ words: FailureWords; retry: () => void }>();
  const editRef = useRef<HTMLButtonElement>(null);
  const statusRef = useRef<HTMLSelectElement>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  // Where focus goes once a write ends and the item has rendered again (disabled
  // controls drop focus meanwhile, and the edit form gives way to the Edit button).
  const focusAfter = useRef<(() => HTMLElement | null) | null>(null);

  useEffect(() => {
    if (!pending && focusAfter.current !== null) {
      focusAfter.current()?.focus();
      focusAfter.current = null;
    }
  });
  useEffect(() => {
    if (editing) titleRef.current?.focus();
  }, [editing]);
  // Back online: "you are offline" no longer holds.
  useEffect(() => {
    if (online)
      setFailure((shown) => (shown?.words.title === OFFLINE_SAVE.title ? undefined : shown));
  }, [online]);

  const run = async (
    attempt: Attempt,
    write: () => Promise<void>,
    focus: () => HTMLElement | null,
  ) => {
    if (!online) {
      if (statusRef.current !== null) statusRef.current.value = task.status;
      setFailure({ words: offline(attempt), retry: () => void run(attempt, write, focus) });
      return;
    }
    setPending(true);
    setFailure(undefined);
    try {
      await write();
    } catch (error) {
      if (attempt === 'delete' && isTasksApiError(error) && error.status === 404) {
        onRemoved(task.taskId, 'gone');
        return;
      }
      setFailure({
        words: describeFailure(error, attempt),
        retry: () => void run(attempt, write, focus),
      });
    } finally {
      focusAfter.current = focus;
      setPending(false);
    }
  };

  const reload = async () => {
    const wasEditing = editing;
    setPending(true);
    try {
      onReloaded(await client.get(task.taskId));
      setFailure(undefined);
      setReloadedWhileEditing(wasEditing);
    } catch (error) {
      if (isTasksApiError(error) && error.status === 404) {
        onRemoved(task.taskId, 'gone');
        return;
      }
      setFailure({ words: describeFailure(error, 'load'), retry: () => void reload() });
    } finally {
      focusAfter.current = () => (wasEditing ? titleRef.current : editRef.current);
      setPending(false);
    }
  };

  const stopEditing = () => {
    setEditing(false);
    setReloadedWhileEditing(false);
  };

  const changeStatus = (status: TaskStatus) =>
    run(
      'update',
      async () => {
        try {
          onChanged(await client.update(task, { status }));
        } catch (error) {
          // The select shows what was picked; the task still has its status.
          if (statusRef.current !== null) statusRef.current.value = task.status;
          throw error;
        }
      },
      () => statusRef.current,
    );

  const save = (title: string, description: string) =>
    run(
      'update',
      async () => {
        const patch = {
          ...(title !== task.title ? { title } : {}),
          ...(description !== (task.description ?? '')
            ? { description: description === '' ? null : description }
            : {}),
        };
        if (Object.keys(patch).length > 0) onChanged(await client.update(task, patch));
        stopEditing();
      },
      () => editRef.current ?? titleRef.current,
    );

  const remove = () =>
    run(
      'delete',
      async () => {
        await client.delete(task);
        onRemoved(task.taskId, 'deleted');
      },
      () => editRef.current,
    );

  return (
    // Named by its title (ARIA 1.2: a listitem's name is from the author), so that a task
    // is found as the list item of that name, as a screen reader's list of items reads it.
    <li class="task" aria-busy={pending} aria-labelledby={`${id}-title`}>
      {/* The title stays while editing: the item is still that task. */}
      <h3 class="task-title" id={`${id}-title`}>
        {task.title}
      </h3>
      {editing ? (
        <EditForm
          id={id}
          task={task}
          pending={pending}
          reloaded={reloadedWhileEditing}
          titleRef={titleRef}
          onSave={(title, description) => void save(title, description)}
          onCancel={() => {
            stopEditing();
            setFailure(undefined);
            focusAfter.current = () => editRef.current;
          }}
        />
      ) : (
        <>
          {task.description !== undefined && <p class="task-description">{task.description}</p>}
          <div class="task-controls">
            <label for={`${id}-status`}>Status</label>
            <select
              id={`${id}-status`}
              ref={statusRef}
              value={task.status}
              disabled={pending}
              onChange={(event) => {
                const { value } = event.currentTarget;
                if (isStatus(value) && value !== task.status) void changeStatus(value);
              }}
            >
              {STATUSES.map((status) => (
                <option key={status} value={status}>
                  {STATUS_LABELS[status]}
                </option>
              ))}
            </select>
            <button type="button" ref={editRef} disabled={pending} onClick={() => setEditing(true)}>
              Edit
            </button>
            <button type="button" disabled={pending} onClick={() => void remove()}>
              Delete
            </button>
          </div>
        </>
      )}
      {failure !== undefined && (
        <FailureNotice
          words={failure.words}
          onReload={() => void reload()}
          onRetry={failure.retry}
          onSignIn={onSignIn}
        />
      )}
    </li>
  );
};
