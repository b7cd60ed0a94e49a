const ESCAPE_RUN = /(?:%[0-9A-Fa-f]{2})+/g;
const PERCENT = 0x25;

/**
 * The path of a request-target as an HTTP API puts it in `rawPath` and routes on: every
 * percent-escape is decoded (as UTF-8) except `%25`, which stays as sent, so that
 * `a%252Eb` arrives as `a%252Eb` and not as `a%2Eb`.
 */
export const decodeRawPath = (path: string): string =>
  path.replace(ESCAPE_RUN, (run) => {
    let decoded = '';
    let pending: number[] = [];
    const flush = (): void => {
      if (pending.length > 0) decoded += Buffer.from(pending).toString('utf8');
      pending = [];
    };
    for (let index = 0; index < run.length; index += 3) {
      const byte = Number.parseInt(run.slice(index + 1, index + 3), 16);
      if (byte === PERCENT) {
        flush();
        decoded += run.slice(index, index + 3);
      } else {
        pending.push(byte);
      }
    }
    flush();
    return decoded;
  });

/** Splits a request-target (`/tasks?limit=5`) into its path and its query string as sent. */
export const splitTarget = (target: string): { path: string; query: string } => {
  const mark = target.indexOf('?');
  return mark < 0
    ? { path: target, query: '' }
    : { path: target.slice(0, mark), query: target.slice(mark + 1) };
};
