import type { Task, TasksClient } from '@tasks/client';
import { useCallback, useState } from 'preact/hooks';
import { CreateForm } from './create-form.js';
import { StatsPanel, type WriteEvent } from './stats-panel.js';
import { TaskListView } from './task-list-view.js';

export interface TasksPageProps {
  readonly client: TasksClient;
  readonly user: string;
  readonly online: boolean;
  /** Absent when there is no sign-in (the fixed local owner). */
  readonly onSignOut: (() => void) | undefined;
  readonly onSignIn: () => void;
}

/** The signed-in page: who, the new-task form, the list. */
export const TasksPage = ({ client, user, online, onSignOut, onSignIn }: TasksPageProps) => {
  const [created, setCreated] = useState<Task | undefined>(undefined);
  const [announcement, setAnnouncement] = useState('');
  const [lastWrite, setLastWrite] = useState<WriteEvent | undefined>(undefined);
  const onWrite = useCallback(
    (change: WriteEvent['change']) =>
      setLastWrite((previous) => ({ seq: (previous?.seq ?? 0) + 1, change })),
    [],
  );
  const announce = useCallback((text: string) => setAnnouncement(text), []);

  return (
    <>
      <header class="top">
        <h1>Tasks</h1>
        <p class="user">
          <span class="quiet">
            {onSignOut === undefined ? 'Owner (no sign-in): ' : 'Signed in as '}
          </span>
          <strong>{user}</strong>
        </p>
        {onSignOut !== undefined && (
          <button type="button" onClick={onSignOut}>
            Sign out
          </button>
        )}
      </header>
      <main class="page">
        <CreateForm
          client={client}
          online={online}
          onSignIn={onSignIn}
          onCreated={(task) => {
            setCreated(task);
            onWrite({ kind: 'create', updatedAt: task.updatedAt });
            announce(`Task “${task.title}” added.`);
          }}
        />
        <TaskListView
          client={client}
          online={online}
          created={created}
          onWrite={onWrite}
          announce={announce}
          onSignIn={onSignIn}
        />
        <StatsPanel client={client} online={online} lastWrite={lastWrite} onSignIn={onSignIn} />
      </main>
      <p class="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </>
  );
};
