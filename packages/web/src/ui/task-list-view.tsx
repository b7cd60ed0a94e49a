import type { Task, TasksClient } from '@tasks/client';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { describeFailure, type FailureWords } from '../failure-words.js';
import { counted } from '../plural.js';
import {
  appendPage,
  EMPTY_LIST,
  firstPage,
  matches,
  putTask,
  removeTask,
  type TaskFilter,
  type TaskListState,
} from '../tasks/task-list.js';
import { FailureNotice } from './failure-notice.js';
import type { WriteEvent } from './stats-panel.js';
import { FILTERS, filterLabel, isTaskFilter } from './status-labels.js';
import { TaskItem } from './task-item.js';

/** Tasks per page: the API's default. */
export const PAGE_SIZE = 20;

export interface TaskListViewProps {
  readonly client: TasksClient;
  readonly online: boolean;
  /** A task created by the form above: shown at the top when it matches the filter. */
  readonly created: Task | undefined;
  /** Told after every write here, so that the statistics catch up. */
  readonly onWrite: (change: WriteEvent['change']) => void;
  /** Polite announcements ("Task deleted"), read by screen readers. */
  readonly announce: (text: string) => void;
  readonly onSignIn: () => void;
}

type Loading = 'first' | 'more' | undefined;

/** The owner's tasks, newest first: the "Show" filter, the list, "Load more". */
export const TaskListView = (props: TaskListViewProps) => {
  const { client, online, created, onWrite, announce, onSignIn } = props;
  const [filter, setFilter] = useState<TaskFilter>('ALL');
  const [list, setList] = useState<TaskListState>(EMPTY_LIST);
  const [loading, setLoading] = useState<Loading>('first');
  const [failure, setFailure] = useState<{ words: FailureWords; retry: () => void }>();
  const listRef = useRef<HTMLUListElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // After an item leaves, focus goes to the one now at its place (an index), after the
  // last page loads to its first task (an id); to the heading when there is none.
  const [focusOn, setFocusOn] = useState<number | string | undefined>(undefined);
  // The list as last rendered, for a retry pressed later (not the list of its closure).
  const latest = useRef(list);
  latest.current = list;
  // Which load is the latest: an answer to an older one (another filter) is dropped.
  const generation = useRef(0);

  const load = async (which: 'first' | 'more', state: TaskListState, shown: TaskFilter) => {
    const mine = ++generation.current;
    setLoading(which);
    setFailure(undefined);
    try {
      const page = await client.list({
        // A refresh (back online) reloads as many tasks as were shown.
        limit:
          which === 'first' ? Math.min(100, Math.max(PAGE_SIZE, state.items.length)) : PAGE_SIZE,
        status: shown === 'ALL' ? undefined : shown,
        lastKey: which === 'more' ? state.nextKey : undefined,
      });
      if (mine !== generation.current) return;
      if (which === 'first') {
        setList(firstPage(page));
      } else {
        // Onto the list as it is now: a task deleted, changed or created while the page
        // was loading stays so (the list at the click would bring a deleted one back).
        setList((current) => appendPage(current, page));
        const before = new Set(state.items.map((task) => task.taskId));
        const added = page.items.filter((task) => !before.has(task.taskId));
        announce(`${counted(added.length, 'more task', 'more tasks')} loaded.`);
        if (page.nextKey === undefined) setFocusOn(added[0]?.taskId ?? state.items.length);
      }
    } catch (error) {
      if (mine !== generation.current) return;
      setFailure({
        words: describeFailure(error, 'load'),
        retry: () => void load(which, latest.current, shown),
      });
    } finally {
      if (mine === generation.current) setLoading(undefined);
    }
  };

  // The first page, again whenever the filter changes.
  useEffect(() => {
    void load('first', EMPTY_LIST, filter);
  }, [filter, client]);

  // Back online: what is shown may be stale.
  const wasOnline = useRef(online);
  useEffect(() => {
    if (online && !wasOnline.current) void load('first', list, filter);
    wasOnline.current = online;
  }, [online]);

  // Once per task created (not again when the filter changes: the new page has it).
  useEffect(() => {
    if (created !== undefined) setList((state) => putTask(state, filter, created));
  }, [created]);

  useLayoutEffect(() => {
    if (focusOn === undefined) return;
    const items = listRef.current?.querySelectorAll<HTMLElement>(':scope > li') ?? [];
    const index =
      typeof focusOn === 'number'
        ? Math.min(focusOn, items.length - 1)
        : list.items.findIndex((task) => task.taskId === focusOn);
    (items[index]?.querySelector<HTMLElement>('select, button') ?? headingRef.current)?.focus();
    setFocusOn(undefined);
  }, [focusOn]);

  const indexOf = (taskId: string) => list.items.findIndex((task) => task.taskId === taskId);

  /** The task as the API now answers it, in its place (a read: nothing to count). */
  const reloaded = (task: Task) => {
    setList((state) => putTask(state, filter, task));
    // A task whose status no longer matches the filter leaves the list.
    if (!matches(filter, task)) {
      const index = indexOf(task.taskId);
      announce(`Task moved to ${filterLabel(task.status)}: it is no longer shown.`);
      setFocusOn(index);
    }
  };

  /** A write here: shown, and the statistics told to catch up. */
  const changed = (task: Task) => {
    reloaded(task);
    onWrite({ kind: 'update', updatedAt: task.updatedAt });
  };

  const removed = (taskId: string, how: 'deleted' | 'gone') => {
    const index = indexOf(taskId);
    setList((state) => removeTask(state, taskId));
    // Found gone (a 404): deleted elsewhere, not a write of this page's to count.
    if (how === 'deleted') onWrite({ kind: 'remove' });
    announce(how === 'deleted' ? 'Task deleted.' : 'The task had been deleted elsewhere.');
    setFocusOn(index);
  };

  return (
    <section class="tasks" aria-labelledby="tasks-heading">
      <div class="tasks-head">
        <h2 id="tasks-heading" ref={headingRef} tabIndex={-1}>
          Tasks
        </h2>
        <label for="show-filter">Show</label>
        <select
          id="show-filter"
          value={filter}
          onChange={(event) => {
            const { value } = event.currentTarget;
            if (isTaskFilter(value)) setFilter(value);
          }}
        >
          {FILTERS.map((option) => (
            <option key={option} value={option}>
              {filterLabel(option)}
            </option>
          ))}
        </select>
      </div>
      {loading === 'first' && <p class="quiet">Loading tasks…</p>}
      {failure !== undefined && (
        <FailureNotice words={failure.words} onRetry={failure.retry} onSignIn={onSignIn} />
      )}
      {loading !== 'first' && failure === undefined && list.items.length === 0 && (
        <p class="quiet">
          {filter === 'ALL'
            ? 'No tasks yet.'
            : `No tasks are ${filterLabel(filter).toLowerCase()}.`}
        </p>
      )}
      <ul class="task-list" ref={listRef}>
        {list.items.map((task) => (
          <TaskItem
            key={task.taskId}
            task={task}
            client={client}
            online={online}
            onChanged={changed}
            onReloaded={reloaded}
            onRemoved={removed}
            onSignIn={onSignIn}
          />
        ))}
      </ul>
      {list.nextKey !== undefined && (
        <button
          type="button"
          class="load-more"
          // Not disabled while loading: that would drop the keyboard's focus.
          aria-disabled={loading === 'more'}
          onClick={() => {
            if (loading !== 'more') void load('more', list, filter);
          }}
        >
          Load more
        </button>
      )}
    </section>
  );
};
