import * as v from 'valibot';
import { isoTimestamp } from './timestamp.js';
import {
  CONTROL_CHARACTERS,
  CONTROL_CHARACTERS_BUT_TAB_AND_LINE_BREAKS,
  onFirstUse,
} from './unicode.js';

/** The lifecycle of a task (SPEC §3). New tasks are `TODO` unless given. */
export const TASK_STATUSES = ['TODO', 'IN_PROGRESS', 'DONE'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TITLE_MAX_LENGTH = 200;
export const DESCRIPTION_MAX_LENGTH = 2000;

/** A task as clients see it. The owner is kept beside it, never inside it (SPEC §3). */
export interface Task {
  /** UUID (version 7 by default: time-ordered), assigned by the server. */
  readonly taskId: string;
  readonly title: string;
  readonly description?: string;
  readonly status: TaskStatus;
  /** ISO 8601 UTC with milliseconds, set by the server. */
  readonly createdAt: string;
  /** As `createdAt`; changes on every update. */
  readonly updatedAt: string;
  /** 1 on create, +1 on every update. */
  readonly version: number;
}

// Lengths count Unicode code points, as a person counts characters, not UTF-16 units.
const codePointCount = (text: string): number => {
  let count = 0;
  for (const _ of text) count++;
  return count;
};
/** Whether `text` has at most `max` code points: never more than its UTF-16 units. */
const atMostCodePoints = (text: string, max: number): boolean =>
  text.length <= max || codePointCount(text) <= max;
const CONTROL_CHARACTER = new RegExp(`[${CONTROL_CHARACTERS}]`);
const CONTROL_CHARACTER_OTHER_THAN_LINE_BREAK_OR_TAB = new RegExp(
  `[${CONTROL_CHARACTERS_BUT_TAB_AND_LINE_BREAKS}]`,
);
// Lone surrogates survive JSON.parse but not UTF-8 storage: they would be silently replaced.
const wellFormed = v.check<string, string>(
  (text) => text.isWellFormed(),
  'must be valid Unicode text',
);

/**
 * What shows nothing: white space, the default-ignorable code points (zero-width space
 * and joiners, word joiner, soft hyphen, variation selectors, Hangul fillers, tag
 * characters…) and the other format characters (Cf). A title of these alone is empty,
 * though each may belong in a title among visible text (ZWJ in 👩‍💻, U+FE0F in ❤️).
 */
const visible = onFirstUse('[^\\p{White_Space}\\p{Default_Ignorable_Code_Point}\\p{Cf}]', 'u');
const hasVisibleCharacter = (text: string): boolean => visible().test(text);

/**
 * Unicode's explicit directional embeddings and overrides (U+202A–U+202E) and isolates
 * (U+2066–U+2069) reorder the text that follows them as it is shown ("Trojan Source",
 * CVE-2021-42574): `invoice<U+202E>fdp.exe` reads as `invoiceexe.pdf`. Refused in
 * titles and descriptions; the marks U+200E, U+200F and U+061C, which cannot, are kept.
 */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/u;
const noBidiControl = v.check<string, string>(
  (text) => !BIDI_CONTROL.test(text),
  'must not contain bidirectional embedding, override or isolate controls',
);

export const TaskStatusSchema = v.picklist(TASK_STATUSES);

export const TitleSchema = v.pipe(
  v.string(),
  v.trim(),
  wellFormed,
  v.check((text) => !CONTROL_CHARACTER.test(text), 'must not contain control characters'),
  noBidiControl,
  v.check(hasVisibleCharacter, 'must not be empty'),
  v.check(
    (text) => atMostCodePoints(text, TITLE_MAX_LENGTH),
    `must be at most ${TITLE_MAX_LENGTH} characters`,
  ),
);

export const DescriptionSchema = v.pipe(
  v.string(),
  wellFormed,
  noBidiControl,
  v.check(
    (text) => !CONTROL_CHARACTER_OTHER_THAN_LINE_BREAK_OR_TAB.test(text),
    'must not contain control characters other than tab and line breaks',
  ),
  v.check(
    (text) => atMostCodePoints(text, DESCRIPTION_MAX_LENGTH),
    `must be at most ${DESCRIPTION_MAX_LENGTH} characters`,
  ),
);

/** A task id: a UUID in its canonical lower-case form. */
export const TASK_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const TaskIdSchema = v.pipe(
  v.string(),
  v.regex(TASK_ID_PATTERN, 'must be a task id (a UUID)'),
);
export const isTaskId = (value: string): boolean => TASK_ID_PATTERN.test(value);

const TOISOSTRING_FORM = 'must be a UTC timestamp with milliseconds, as toISOString writes';
const isCanonicalTimestamp = (text: string): boolean => {
  const time = Date.parse(text);
  return !Number.isNaN(time) && isoTimestamp(time) === text;
};

/** ISO 8601 UTC with exactly three fractional digits, as `Date.prototype.toISOString` writes. */
export const TimestampSchema = v.pipe(
  v.string(),
  v.isoTimestamp('must be an ISO 8601 timestamp'),
  // The form, as a pattern the OpenAPI document can state; then a real calendar date.
  v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, TOISOSTRING_FORM),
  v.check(isCanonicalTimestamp, TOISOSTRING_FORM),
);

/** A stored task, as an adapter reads it back: adapters parse with it, never cast. */
export const TaskSchema = v.strictObject({
  taskId: TaskIdSchema,
  title: TitleSchema,
  description: v.optional(DescriptionSchema),
  status: TaskStatusSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
});

/** The body of a create: unknown fields are rejected, so a client cannot set the id, dates or owner. */
export const CreateTaskInputSchema = v.strictObject({
  title: TitleSchema,
  description: v.optional(DescriptionSchema),
  status: v.optional(TaskStatusSchema),
});
export type CreateTaskInput = v.InferOutput<typeof CreateTaskInputSchema>;

/**
 * A JSON merge patch (RFC 7396) of the fields a client may change.
 * `description: null` removes the description.
 */
export const TaskPatchSchema = v.pipe(
  v.strictObject({
    title: v.optional(TitleSchema),
    description: v.optional(v.nullable(DescriptionSchema)),
    status: v.optional(TaskStatusSchema),
  }),
  v.check(
    (patch) => Object.keys(patch).length > 0,
    'must change at least one of title, description, status',
  ),
);
export type TaskPatch = v.InferOutput<typeof TaskPatchSchema>;

/**
 * The `updatedAt` of an update proposed at `proposed` (a writer's clock) to a task last
 * changed at `previous`: the later of `proposed` and 1 ms after `previous`. So `updatedAt`
 * moves on every update, as the version does (SPEC §3), when two updates fall in one
 * millisecond and when concurrent writers' clocks or their writes' order disagree.
 */
export const nextUpdatedAt = (previous: string, proposed: string): string => {
  const previousMs = Date.parse(previous);
  return Date.parse(proposed) > previousMs ? proposed : isoTimestamp(previousMs + 1);
};

/**
 * The task that results from applying `patch` at `updatedAt` (see {@link nextUpdatedAt}):
 * the merge every adapter must reproduce. The id and `createdAt` never change; the
 * version goes up by one, and `updatedAt` moves forward.
 */
export const applyPatch = (task: Task, patch: TaskPatch, updatedAt: string): Task => {
  const { description: _replaced, ...unchanged } = task;
  const description = patch.description === undefined ? task.description : patch.description;
  return {
    ...unchanged,
    title: patch.title ?? task.title,
    status: patch.status ?? task.status,
    ...(typeof description === 'string' ? { description } : {}),
    updatedAt: nextUpdatedAt(task.updatedAt, updatedAt),
    version: task.version + 1,
  };
};
