import type { Task } from '@tasks/client';
import type { RefObject } from 'preact';
import { useState } from 'preact/hooks';

export interface EditFormProps {
  readonly id: string;
  readonly task: Task;
  readonly pending: boolean;
  /** The task was reloaded while editing: say what it now is, beside what was typed. */
  readonly reloaded: boolean;
  readonly titleRef: RefObject<HTMLInputElement | null>;
  readonly onSave: (title: string, description: string) => void;
  readonly onCancel: () => void;
}

/** The inline form of "Edit": its own "Title", "Description", "Save" and "Cancel". */
export const EditForm = ({
  id,
  task,
  pending,
  reloaded,
  titleRef,
  onSave,
  onCancel,
}: EditFormProps) => {
  // Set once, when the form opens: a reload of the task changes `task`, not the text.
  const [title, setTitle] = useState(task.title);
  const [description, setDescription] = useState(task.description ?? '');
  return (
    <form
      class="edit"
      aria-label={`Edit task ${task.title}`}
      onSubmit={(event) => {
        event.preventDefault();
        onSave(title, description);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      {reloaded && (
        <p class="quiet">
          Reloaded: the task changed elsewhere. Your text is kept; Save puts it in place of the
          task’s.
        </p>
      )}
      <label for={`${id}-edit-title`}>Title</label>
      <input
        id={`${id}-edit-title`}
        ref={titleRef}
        value={title}
        aria-describedby={reloaded ? `${id}-now-title` : undefined}
        required
        maxLength={200}
        autocomplete="off"
        onInput={(event) => setTitle(event.currentTarget.value)}
      />
      {reloaded && (
        <p class="quiet" id={`${id}-now-title`}>
          Now: {task.title}
        </p>
      )}
      <label for={`${id}-edit-description`}>Description</label>
      <textarea
        id={`${id}-edit-description`}
        value={description}
        aria-describedby={reloaded ? `${id}-now-description` : undefined}
        maxLength={2000}
        rows={2}
        onInput={(event) => setDescription(event.currentTarget.value)}
      />
      {reloaded && (
        <p class="quiet" id={`${id}-now-description`}>
          Now: {task.description === undefined ? '(no description)' : task.description}
        </p>
      )}
      <div class="task-controls">
        <button type="submit" disabled={pending}>
          Save
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
};
