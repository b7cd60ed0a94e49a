/**
 * The baseline of the local API figures: a bare `node:http` server that answers each
 * route with the same status, headers and JSON as the local runtime, doing nothing else.
 * Reads the responses from BARE_RESPONSES and listens on PORT.
 */
import { createServer } from 'node:http';

interface Canned {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

const isCanned = (value: unknown): value is Canned =>
  typeof value === 'object' &&
  value !== null &&
  typeof Reflect.get(value, 'method') === 'string' &&
  typeof Reflect.get(value, 'path') === 'string' &&
  typeof Reflect.get(value, 'body') === 'string';

const parsed: unknown = JSON.parse(process.env['BARE_RESPONSES'] ?? '[]');
const responses = (Array.isArray(parsed) ? parsed : []).filter(isCanned);

const server = createServer((request, response) => {
  const path = (request.url ?? '').split('?')[0];
  const canned = responses.find(
    (candidate) => candidate.method === request.method && candidate.path === path,
  );
  request.resume();
  request.on('end', () => {
    if (canned === undefined) {
      response.writeHead(404).end();
      return;
    }
    const body = JSON.stringify(JSON.parse(canned.body));
    response.writeHead(canned.status, canned.headers).end(body);
  });
});
server.listen(Number(process.env['PORT'] ?? 0), process.env['HOST'] ?? '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
