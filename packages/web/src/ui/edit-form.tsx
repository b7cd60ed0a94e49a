import type { Task } from '@tasks/client';
import type { RefObject } from 'preact';
import { useState } from 'preact/hooks';

export interface EditFormProps {
  readonly id: string;
  readonly task: Task;
  readonly pending: boolean;
  readonly titleRef: RefObject<HTMLInputElement | null>;
  readonly onSave: (title: string, description: string) => void;
  readonly onCancel: () => void;
}

/** The inline form of "Edit": its own "Title", "Description", "Save" and "Cancel". */
export const EditForm = ({ id, task, pending, titleRef, onSave, onCancel }: EditFormProps) => {
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
      <label for={`${id}-edit-title`}>Title</label>
      <input
        id={`${id}-edit-title`}
        ref={titleRef}
        value={title}
        required
        maxLength={200}
        autocomplete="off"
        onInput={(event) => setTitle(event.currentTarget.value)}
      />
      <label for={`${id}-edit-description`}>Description</label>
      <textarea
        id={`${id}-edit-description`}
        value={description}
        maxLength={2000}
        rows={2}
        onInput={(event) => setDescription(event.currentTarget.value)}
      />
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
