import type { Task, TasksClient } from '@tasks/client';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { describeFailure, type FailureWords } from '../failure-words.js';
import { makeCreateOnce } from '../tasks/create-once.js';
import { FailureNotice } from './failure-notice.js';

export interface CreateFormProps {
  readonly client: TasksClient;
  readonly online: boolean;
  readonly onCreated: (task: Task) => void;
  readonly onSignIn: () => void;
}

const OFFLINE: FailureWords = {
  title: 'You are offline: adding a task needs a connection.',
  detail: 'What you typed stays here; add it once you are back online.',
  fields: [],
  action: 'none',
};

/** "Title", "Description", "Add task": one task per submission, however often pressed. */
export const CreateForm = ({ client, online, onCreated, onSignIn }: CreateFormProps) => {
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<FailureWords | undefined>(undefined);
  const titleRef = useRef<HTMLInputElement>(null);
  // Back online: "you are offline" no longer holds.
  useEffect(() => {
    if (online) setFailure((shown) => (shown === OFFLINE ? undefined : shown));
  }, [online]);
  const create = useMemo(
    () => makeCreateOnce((input, idempotencyKey) => client.create(input, { idempotencyKey })),
    [client],
  );

  const submit = async () => {
    if (create.pending()) return;
    if (!online) {
      setFailure(OFFLINE);
      return;
    }
    setPending(true);
    setFailure(undefined);
    try {
      const task = await create(description.trim() === '' ? { title } : { title, description });
      setTitle('');
      setDescription('');
      onCreated(task);
    } catch (error) {
      setFailure(describeFailure(error, 'create'));
    } finally {
      setPending(false);
      // The button was disabled while pending, which drops focus: back to the start.
      titleRef.current?.focus();
    }
  };

  return (
    <form
      class="create"
      aria-labelledby="create-heading"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 id="create-heading">New task</h2>
      <label for="create-title">Title</label>
      <input
        id="create-title"
        ref={titleRef}
        value={title}
        required
        maxLength={200}
        autocomplete="off"
        onInput={(event) => setTitle(event.currentTarget.value)}
      />
      <label for="create-description">Description</label>
      <textarea
        id="create-description"
        value={description}
        maxLength={2000}
        rows={2}
        onInput={(event) => setDescription(event.currentTarget.value)}
      />
      <button type="submit" disabled={pending}>
        Add task
      </button>
      {failure !== undefined && (
        <FailureNotice words={failure} onRetry={() => void submit()} onSignIn={onSignIn} />
      )}
    </form>
  );
};
