import { isoTimestamp } from '@tasks/domain';

/** Severity of a log line, lowest first. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Fields of a log line; values must be JSON-serialisable. */
export type LogFields = Readonly<Record<string, unknown>>;

/** Writes one structured line per call. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** Whether a line at `level` is written: a caller can skip building fields nobody reads. */
  isEnabled(level: LogLevel): boolean;
  /** A logger that adds `fields` to every line (the request ids, for one request). */
  child(fields: LogFields): Logger;
}

/** Receives one JSON object per line, without the line break. */
export type LogSink = (line: string) => void;

export interface JsonLoggerOptions {
  /** Defaults to standard output, where Lambda ships each line to CloudWatch Logs. */
  readonly sink?: LogSink;
  /** Lines below this level are dropped; defaults to `info`. */
  readonly level?: LogLevel;
  /** Added to every line. */
  readonly fields?: LogFields;
  /** Defaults to the system time. */
  readonly now?: () => Date;
}

// process.stdout rather than console: the Lambda runtime prefixes console output with
// its own text, which would break the one-JSON-object-per-line format.
const standardOutput: LogSink = (line) => {
  process.stdout.write(`${line}\n`);
};

/**
 * A logger without dependencies that writes `{ level, message, timestamp, ...fields }`
 * as one JSON line to `sink`. A failing sink is ignored: logging never fails a request.
 * A child keeps its parent's fields and its own apart and merges them only for a line it
 * writes: every request makes one (for its ids), and most write a line at most.
 */
class JsonLogger implements Logger {
  readonly #sink: LogSink;
  readonly #threshold: number;
  readonly #now: () => Date;
  /** The fields of this logger and its ancestors, outermost first. */
  readonly #fields: readonly LogFields[];

  constructor(sink: LogSink, threshold: number, now: () => Date, fields: readonly LogFields[]) {
    this.#sink = sink;
    this.#threshold = threshold;
    this.#now = now;
    this.#fields = fields;
  }

  debug(message: string, fields?: LogFields): void {
    this.#write('debug', message, fields);
  }

  info(message: string, fields?: LogFields): void {
    this.#write('info', message, fields);
  }

  warn(message: string, fields?: LogFields): void {
    this.#write('warn', message, fields);
  }

  error(message: string, fields?: LogFields): void {
    this.#write('error', message, fields);
  }

  isEnabled(level: LogLevel): boolean {
    return LOG_LEVELS.indexOf(level) >= this.#threshold;
  }

  child(fields: LogFields): Logger {
    return new JsonLogger(this.#sink, this.#threshold, this.#now, [...this.#fields, fields]);
  }

  #write(lineLevel: LogLevel, message: string, lineFields: LogFields = {}): void {
    if (!this.isEnabled(lineLevel)) return;
    const timestamp = isoTimestamp(this.#now().getTime());
    try {
      this.#sink(
        typeof message === 'string' && this.#fields.every(isEmpty) && isAppendable(lineFields)
          ? appendedLine(lineLevel, message, timestamp, lineFields)
          : mergedLine({ level: lineLevel, message, timestamp }, this.#fields, lineFields),
      );
    } catch {
      // A sink that throws, or a field that cannot be serialised, loses this line only.
    }
  }
}

/** The head is merged last so that no field can overwrite it, and first so it leads. */
const mergedLine = (head: LogFields, fields: readonly LogFields[], lineFields: LogFields) =>
  JSON.stringify(Object.assign({ ...head }, ...fields, lineFields, head));

const isEmpty = (fields: LogFields): boolean => {
  for (const _ in fields) return false;
  return true;
};

/**
 * Whether `fields` serialised alone and put after the head makes the very line the merge
 * would: a plain object, with no key the head has, none that JSON.stringify would move
 * ahead of the head (an array index) and none that would change what is serialised
 * (`toJSON`, enumerable or not, and `__proto__`).
 */
const isAppendable = (fields: LogFields): boolean => {
  // Only a plain object serialises as `{…}` of its own keys: not an array, a date, a
  // boxed value or an instance whose class has a `toJSON`.
  const prototype: unknown = Object.getPrototypeOf(fields);
  if (prototype !== Object.prototype && prototype !== null) return false;
  if (Reflect.get(fields, 'toJSON') !== undefined) return false;
  for (const key in fields) {
    if (key === 'level' || key === 'message' || key === 'timestamp') return false;
    if (key === '__proto__' || isDigit(key.charCodeAt(0))) return false;
  }
  return true;
};

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/**
 * The line of a logger without fields of its own: the head written out, then the line's
 * fields as JSON.stringify writes them. The same text as {@link mergedLine} (a property
 * test compares them), without building the merged object, which the access line of every
 * request paid for (profiled, issue 12).
 */
const appendedLine = (
  level: LogLevel,
  message: string,
  timestamp: string,
  fields: LogFields,
): string => {
  const rest = JSON.stringify(fields);
  const head = `{"level":"${level}","message":${JSON.stringify(message)},"timestamp":"${timestamp}"`;
  return rest === '{}' ? `${head}}` : `${head},${rest.slice(1)}`;
};

/** A {@link JsonLogger}: JSON lines on `sink` (standard output) from `level` (`info`) up. */
export const makeJsonLogger = ({
  sink = standardOutput,
  level = 'info',
  fields = {},
  now = () => new Date(),
}: JsonLoggerOptions = {}): Logger =>
  new JsonLogger(sink, LOG_LEVELS.indexOf(level), now, [fields]);

/** The loggable parts of a thrown value: name, message, stack, and its causes' (3 deep). */
export const errorFields = (error: unknown, depth = 0): Record<string, unknown> => {
  if (!(error instanceof Error)) return { name: typeof error, message: String(error) };
  const { cause } = error;
  return {
    name: error.name,
    message: error.message,
    stack: error.stack,
    ...(cause === undefined || depth >= 2 ? {} : { cause: errorFields(cause, depth + 1) }),
  };
};
