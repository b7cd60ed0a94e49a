import {
  type DayCounts,
  LEAD_TIME_BUCKETS,
  type OwnerStats,
  statsOfTallies,
  TASK_STATUSES,
  TaskStatusSchema,
  type TaskTally,
  utcDay,
} from '@tasks/domain';
import * as v from 'valibot';
import { FiniteNumberSchema, parseItem, SafeIntegerSchema } from '../item-mapping.js';

/*
 * How the statistics sit in their own table (StatsTable in infra/template.yaml), keyed by
 * owner (pk), so that one owner's window is one Query. Its stream is off: nothing the
 * processor writes can come back to it.
 *   tally:  pk=<owner> sk=task#<taskId>  o=order s=status (absent once deleted)
 *           c=createdAt f=first DONE a=time of the change (epoch ms)
 *           r=later moves into DONE, by day (see encodeDays; absent until one)
 *   day:    pk=<owner> sk=day#YYYY-MM-DD  n=created d=completed h<bucket>=lead times
 *   totals: pk=<owner> sk=day#~  TODO, IN_PROGRESS, DONE (counts) a=asOf (epoch ms)
 * `day#~` sorts after every day, so that the Query from the window's first day reads the
 * totals too: 31 small items for 30 days, well under one 4 KB read.
 */
export const TALLY_PREFIX = 'task#';
export const DAY_PREFIX = 'day#';
export const TOTALS_SORT_KEY = 'day#~';

export const tallyKey = (owner: string, taskId: string) => ({
  pk: owner,
  sk: `${TALLY_PREFIX}${taskId}`,
});
export const dayKey = (owner: string, day: string) => ({ pk: owner, sk: `${DAY_PREFIX}${day}` });
export const totalsKey = (owner: string) => ({ pk: owner, sk: TOTALS_SORT_KEY });

/** The attribute of one lead-time bucket's count on a day item. */
export const bucketAttribute = (bucket: number): string => `h${bucket}`;

const DAY_MS = 86_400_000;

/**
 * A tally's later completions as its item keeps them, one string that stays short (90
 * days of a task completed again daily take about 180 bytes, where a map by
 * `YYYY-MM-DD` took 1,170, which with a long owner put the item over the 1 KB that each
 * transaction's write units are counted by): the days in order as numbers of days since
 * 1970-01-01, the first one whole and each next as its distance from the one before,
 * `*n` after a day with n > 1 completions. Twice on 2026-12-01, once on 2026-12-04:
 * `20423*2,3`. One tally has one text, so the count's condition compares them as strings.
 */
export const encodeDays = (days: Readonly<Record<string, number>>): string => {
  let previous: number | undefined;
  return Object.entries(days)
    .map(([day, n]): [number, number] => [Date.parse(`${day}T00:00:00Z`) / DAY_MS, n])
    .sort(([a], [b]) => a - b)
    .map(([day, n]) => {
      const text = String(previous === undefined ? day : day - previous);
      previous = day;
      return n === 1 ? text : `${text}*${n}`;
    })
    .join(',');
};

const COUNT = String.raw`(\*([2-9]|[1-9]\d{1,14}))?`;
/** What {@link encodeDays} writes: no `-0`, no step of 0, no count of 0 or 1 written out. */
const DAYS_TEXT = new RegExp(String.raw`^(0|-?[1-9]\d{0,6})${COUNT}(,[1-9]\d{0,6}${COUNT})*$`);

/** The days 0001-01-01 and 9999-12-31, as numbers of days since 1970-01-01. */
const FIRST_DAY = -719_162;
const LAST_DAY = 2_932_896;

/** The days {@link encodeDays} wrote, or `undefined` for a text it cannot have written. */
export const decodeDays = (text: string): Record<string, number> | undefined => {
  if (!DAYS_TEXT.test(text)) return undefined;
  const days: Record<string, number> = {};
  let day = 0;
  for (const [index, entry] of text.split(',').entries()) {
    const [step = '0', count = '1'] = entry.split('*');
    day = index === 0 ? Number(step) : day + Number(step);
    if (day < FIRST_DAY || day > LAST_DAY) return undefined;
    days[utcDay(day * DAY_MS)] = Number(count);
  }
  return days;
};

const TallyItemSchema = v.object({
  pk: v.string(),
  sk: v.pipe(v.string(), v.startsWith(TALLY_PREFIX)),
  o: SafeIntegerSchema,
  s: v.optional(TaskStatusSchema),
  c: FiniteNumberSchema,
  f: v.optional(FiniteNumberSchema),
  // Decoded here, once: a text encodeDays cannot have written is an issue of the item.
  r: v.optional(
    v.pipe(
      v.string(),
      v.rawTransform(({ dataset, addIssue, NEVER }) => {
        const days = decodeDays(dataset.value);
        if (days !== undefined) return days;
        addIssue({ message: 'is not a list of days' });
        return NEVER;
      }),
    ),
  ),
  a: FiniteNumberSchema,
});

export const toTallyItem = (owner: string, taskId: string, tally: TaskTally) => ({
  ...tallyKey(owner, taskId),
  o: tally.order,
  ...(tally.status === undefined ? {} : { s: tally.status }),
  c: tally.createdAtMs,
  ...(tally.firstDoneAtMs === undefined ? {} : { f: tally.firstDoneAtMs }),
  ...(tally.doneAgain === undefined ? {} : { r: encodeDays(tally.doneAgain) }),
  a: tally.atMs,
});

/**
 * The condition that the tally item holds exactly `tally` (or, with none, that there is no
 * item): every attribute, not the order alone, since a rebuild may repair a tally at its
 * order (a deleted task's history), and a change counted against the tally before the
 * repair must then fail and be counted again against the repaired one.
 */
export const tallyCondition = (
  tally: TaskTally | undefined,
): { ConditionExpression: string; ExpressionAttributeValues?: Record<string, number | string> } => {
  if (tally === undefined) return { ConditionExpression: 'attribute_not_exists(pk)' };
  const values: Record<string, number | string> = {
    ':o': tally.order,
    ':c': tally.createdAtMs,
    ':a': tally.atMs,
  };
  const clauses = ['o = :o', 'c = :c', 'a = :a'];
  if (tally.status === undefined) clauses.push('attribute_not_exists(s)');
  else {
    clauses.push('s = :s');
    values[':s'] = tally.status;
  }
  if (tally.firstDoneAtMs === undefined) clauses.push('attribute_not_exists(f)');
  else {
    clauses.push('f = :f');
    values[':f'] = tally.firstDoneAtMs;
  }
  if (tally.doneAgain === undefined) clauses.push('attribute_not_exists(r)');
  else {
    clauses.push('r = :r');
    values[':r'] = encodeDays(tally.doneAgain);
  }
  return { ConditionExpression: clauses.join(' AND '), ExpressionAttributeValues: values };
};

export const fromTallyItem = (item: unknown): { taskId: string; tally: TaskTally } => {
  const { sk, o, s, c, f, r, a } = parseItem(TallyItemSchema, item, 'statistics item');
  return {
    taskId: sk.slice(TALLY_PREFIX.length),
    tally: {
      order: o,
      ...(s === undefined ? {} : { status: s }),
      createdAtMs: c,
      ...(f === undefined ? {} : { firstDoneAtMs: f }),
      ...(r === undefined ? {} : { doneAgain: r }),
      atMs: a,
    },
  };
};

const count = (value: unknown): number => (typeof value === 'number' ? value : 0);

/** The owner's counters from the items of one window Query (days up to `toDay`, and totals). */
export const fromWindowItems = (
  items: readonly Record<string, unknown>[],
  toDay: string,
): OwnerStats => {
  const byStatus = { TODO: 0, IN_PROGRESS: 0, DONE: 0 };
  const days: Record<string, DayCounts> = {};
  let asOfMs: number | undefined;
  for (const item of items) {
    const sk = item['sk'];
    if (sk === TOTALS_SORT_KEY) {
      for (const status of TASK_STATUSES) byStatus[status] = count(item[status]);
      asOfMs = typeof item['a'] === 'number' ? item['a'] : undefined;
    } else if (
      typeof sk === 'string' &&
      sk.startsWith(DAY_PREFIX) &&
      sk <= `${DAY_PREFIX}${toDay}`
    ) {
      const leadTime: Record<number, number> = {};
      for (let bucket = 0; bucket < LEAD_TIME_BUCKETS; bucket++) {
        const n = count(item[bucketAttribute(bucket)]);
        if (n !== 0) leadTime[bucket] = n;
      }
      days[sk.slice(DAY_PREFIX.length)] = {
        created: count(item['n']),
        completed: count(item['d']),
        leadTime,
      };
    }
  }
  return { byStatus, days, ...(asOfMs === undefined ? {} : { asOfMs }) };
};

/**
 * Every item of one owner's statistics, recomputed from `tallies` (by task id): the
 * tallies, a day item per day with activity, and the totals. What the rebuild writes.
 */
export const statsItemsOf = (
  owner: string,
  tallies: ReadonlyMap<string, TaskTally>,
): Record<string, unknown>[] => {
  const stats = statsOfTallies(tallies.values());
  const days = Object.entries(stats.days).map(([day, counts]) => ({
    ...dayKey(owner, day),
    n: counts.created,
    d: counts.completed,
    ...Object.fromEntries(
      Object.entries(counts.leadTime).map(([bucket, n]) => [bucketAttribute(Number(bucket)), n]),
    ),
  }));
  const totals = {
    ...totalsKey(owner),
    ...stats.byStatus,
    ...(stats.asOfMs === undefined ? {} : { a: stats.asOfMs }),
  };
  const tallyItems = [...tallies].map(([taskId, tally]) => toTallyItem(owner, taskId, tally));
  return [...tallyItems, ...days, ...(tallies.size === 0 ? [] : [totals])];
};
