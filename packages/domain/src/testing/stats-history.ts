import fc from 'fast-check';
import {
  type DayCounts,
  leadTimeBucket,
  type OwnerStats,
  TASK_STATUSES,
  type TaskChange,
  type TaskFacts,
  type TaskStatus,
  utcDay,
} from '../index.js';

/** One command against a table of two owners' tasks, as the API would send it. */
export type Command =
  | {
      readonly op: 'create';
      readonly owner: 0 | 1;
      readonly status: TaskStatus;
      readonly waitMs: number;
    }
  | {
      readonly op: 'setStatus';
      readonly pick: number;
      readonly status: TaskStatus;
      readonly waitMs: number;
    }
  | { readonly op: 'retitle'; readonly pick: number; readonly waitMs: number }
  | { readonly op: 'delete'; readonly pick: number; readonly waitMs: number }
  /** An idempotent create replayed: the table is not written, so the stream says nothing. */
  | { readonly op: 'replay'; readonly waitMs: number };

const status = fc.constantFrom(...TASK_STATUSES);
// Up to two days between commands, so that histories cross UTC days.
const waitMs = fc.oneof(
  fc.integer({ min: 0, max: 5000 }),
  fc.integer({ min: 0, max: 172_800_000 }),
);
const pick = fc.nat({ max: 1000 });

export const commandsArb = fc.array(
  fc.oneof(
    fc.record({
      op: fc.constant('create' as const),
      owner: fc.constantFrom(0 as const, 1 as const),
      status,
      waitMs,
    }),
    fc.record({ op: fc.constant('setStatus' as const), pick, status, waitMs }),
    fc.record({ op: fc.constant('retitle' as const), pick, waitMs }),
    fc.record({ op: fc.constant('delete' as const), pick, waitMs }),
    fc.record({ op: fc.constant('replay' as const), waitMs }),
  ),
  { maxLength: 60 },
);

export const OWNERS: readonly [string, string] = ['alice', 'bob'];

export interface ModelTask {
  owner: string;
  facts: TaskFacts;
  deleted: boolean;
  firstDoneAtMs?: number;
  /** Every later move into DONE: reopened, then completed again. */
  doneAgainAtMs: number[];
}

/** The stream a run of commands writes (one record per write, in order), and what really happened. */
export interface History {
  readonly changes: readonly TaskChange[];
  readonly tasks: readonly ModelTask[];
}

export const historyOf = (
  commands: readonly Command[],
  {
    startMs = Date.UTC(2026, 10, 1),
    owners = OWNERS,
  }: { startMs?: number; owners?: readonly [string, string] } = {},
): History => {
  const tasks: ModelTask[] = [];
  const changes: TaskChange[] = [];
  let now = startMs;
  const live = () => tasks.filter((task) => !task.deleted);
  for (const command of commands) {
    now += command.waitMs + 1;
    if (command.op === 'create') {
      const facts = {
        taskId: `task-${tasks.length}`,
        status: command.status,
        createdAtMs: now,
        updatedAtMs: now,
        version: 1,
      };
      const owner = owners[command.owner];
      tasks.push({
        owner,
        facts,
        deleted: false,
        ...(command.status === 'DONE' ? { firstDoneAtMs: now } : {}),
        doneAgainAtMs: [],
      });
      changes.push({ owner, kind: 'upsert', task: facts, atMs: now });
      continue;
    }
    if (command.op === 'replay') continue;
    const candidates = live();
    const task = candidates[command.pick % Math.max(1, candidates.length)];
    if (task === undefined) continue;
    if (command.op === 'delete') {
      task.deleted = true;
      changes.push({ owner: task.owner, kind: 'remove', task: task.facts, atMs: now });
      continue;
    }
    const next = {
      ...task.facts,
      status: command.op === 'setStatus' ? command.status : task.facts.status,
      updatedAtMs: now,
      version: task.facts.version + 1,
    };
    const movesIntoDone = next.status === 'DONE' && task.facts.status !== 'DONE';
    task.facts = next;
    if (movesIntoDone && task.firstDoneAtMs === undefined) task.firstDoneAtMs = now;
    else if (movesIntoDone) task.doneAgainAtMs.push(now);
    changes.push({ owner: task.owner, kind: 'upsert', task: next, atMs: now });
  }
  return { changes, tasks };
};

/** The statistics of `owner` counted directly from what happened: the recount. */
export const recount = (history: History, owner: string): OwnerStats => {
  const byStatus: Record<TaskStatus, number> = { TODO: 0, IN_PROGRESS: 0, DONE: 0 };
  const days: Record<
    string,
    { created: number; completed: number; leadTime: Record<number, number> }
  > = {};
  const day = (date: string) => {
    days[date] ??= { created: 0, completed: 0, leadTime: {} };
    return days[date];
  };
  let asOfMs: number | undefined;
  // A delete does not move asOf: its own time is known to the second only.
  for (const change of history.changes) {
    if (change.owner === owner && change.kind === 'upsert') {
      asOfMs = Math.max(asOfMs ?? 0, change.atMs);
    }
  }
  for (const task of history.tasks) {
    if (task.owner !== owner) continue;
    if (!task.deleted) byStatus[task.facts.status] += 1;
    day(utcDay(task.facts.createdAtMs)).created += 1;
    if (task.firstDoneAtMs !== undefined) {
      const done = day(utcDay(task.firstDoneAtMs));
      done.completed += 1;
      const bucket = leadTimeBucket(task.firstDoneAtMs - task.facts.createdAtMs);
      done.leadTime[bucket] = (done.leadTime[bucket] ?? 0) + 1;
    }
    for (const atMs of task.doneAgainAtMs) day(utcDay(atMs)).completed += 1;
  }
  const frozen: Record<string, DayCounts> = days;
  return { byStatus, days: frozen, ...(asOfMs === undefined ? {} : { asOfMs }) };
};

/**
 * Deliveries as Lambda makes them from one shard: every record in stream order, and any
 * record again at any later point (a retried batch, a duplicate). `again[i]` lists
 * indexes (modulo i + 1) of records delivered again right after record i.
 */
export const deliveriesArb = (changes: readonly TaskChange[]) =>
  fc
    .array(fc.array(fc.nat(), { maxLength: 3 }), {
      minLength: changes.length,
      maxLength: changes.length,
    })
    .map((again) =>
      changes.flatMap((change, index) => [
        change,
        ...(again[index] ?? []).flatMap((pickAgain) => {
          const repeated = changes[pickAgain % (index + 1)];
          return repeated === undefined ? [] : [repeated];
        }),
      ]),
    );
