import { InMemoryStatsStore, InMemoryTaskRepository } from '@tasks/adapter-inmemory';
import { makeTaskUseCases, type TaskRepository, type TaskUseCases } from '@tasks/domain';
import { increasingTaskIds, manualClock } from '@tasks/domain/testing';
import type { ApiGatewayEvent, ApiGatewayResult, OwnerSource } from '../../src/index.js';
import { makeJsonLogger } from '../../src/index.js';
import { makeApiHandler } from '../support/api-handler.js';
import { httpEvent, lambdaContext } from './events.js';

/** A handler over the in-memory repository, with its log lines captured. */
export interface Harness {
  invoke(event: ApiGatewayEvent): Promise<Reply>;
  /** Every log line written so far, parsed. */
  readonly lines: Record<string, unknown>[];
  readonly repository: InMemoryTaskRepository;
  readonly useCases: TaskUseCases;
}

/** A result, with its body parsed and its headers readable in any case. */
export interface Reply {
  readonly status: number;
  readonly raw: ApiGatewayResult;
  /** The parsed JSON body; `undefined` when the body is empty. */
  readonly body: unknown;
  header(name: string): string | undefined;
}

export interface HarnessOptions {
  readonly owner?: OwnerSource;
  /** Replaces some use cases, to make them fail in ways the store cannot be made to. */
  readonly useCases?: Partial<TaskUseCases>;
  /** Wraps the repository, to make one method fail. */
  readonly repository?: (repository: InMemoryTaskRepository) => TaskRepository;
}

export const AWS_REQUEST_ID = '7f1c3a52-9a8d-4d2e-8a43-0c2f7b9e1d11';

export const toReply = (raw: ApiGatewayResult): Reply => ({
  status: raw.statusCode,
  raw,
  body: raw.body === '' ? undefined : JSON.parse(raw.body),
  header: (name) =>
    Object.entries(raw.headers).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1],
});

export const setup = (options: HarnessOptions = {}): Harness => {
  const repository = new InMemoryTaskRepository();
  const lines: Record<string, unknown>[] = [];
  const useCases = makeTaskUseCases({
    tasks: options.repository?.(repository) ?? repository,
    stats: new InMemoryStatsStore(),
    clock: manualClock(),
    newTaskId: increasingTaskIds(),
  });
  const allUseCases = { ...useCases, ...options.useCases };
  const handler = makeApiHandler({
    useCases: allUseCases,
    owner: options.owner ?? { mode: 'jwt' },
    logger: makeJsonLogger({ sink: (line) => lines.push(JSON.parse(line)) }),
  });
  return {
    invoke: async (event) =>
      toReply(await handler(event, lambdaContext({ awsRequestId: AWS_REQUEST_ID }))),
    lines,
    repository,
    useCases: allUseCases,
  };
};

/** The headers of a JSON request body. */
export const JSON_HEADERS = { 'content-type': 'application/json' } as const;

/** The id of the task a 201 created, read from its `Location`. */
export const createdId = (reply: Reply): string => {
  const location = reply.header('Location') ?? '';
  return location.slice(location.lastIndexOf('/') + 1);
};

/** POSTs `body` (serialised as JSON) to `/tasks` in a payload 2.0 event. */
export const postTask = (
  harness: Harness,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> =>
  harness.invoke(
    httpEvent({
      method: 'POST',
      rawPath: '/tasks',
      body: JSON.stringify(body),
      headers: { ...JSON_HEADERS, ...headers },
    }),
  );

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The member `key` of a JSON object (`undefined` for anything else), for reading bodies. */
export const fieldOf = (value: unknown, key: string): unknown =>
  isRecord(value) ? value[key] : undefined;

/** The `items` of a list reply, as an array (empty when the body has none). */
export const itemsOf = (reply: Reply): unknown[] => {
  const items = fieldOf(reply.body, 'items');
  return Array.isArray(items) ? items : [];
};

/** `repository` with one method replaced by one that rejects with `error`. */
export const failing =
  (method: keyof TaskRepository, error: unknown) =>
  (repository: InMemoryTaskRepository): TaskRepository =>
    new Proxy<TaskRepository>(repository, {
      get: (target, property) => {
        if (property === method) return () => Promise.reject(error);
        const value: unknown = Reflect.get(target, property, target);
        // Bound, so that the class's private fields resolve on the real instance.
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });

/** PATCHes `body` (serialised as JSON) onto `/tasks/{taskId}` as a merge patch. */
export const patchTask = (
  harness: Harness,
  taskId: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> =>
  harness.invoke(
    httpEvent({
      method: 'PATCH',
      rawPath: `/tasks/${taskId}`,
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/merge-patch+json', ...headers },
    }),
  );

/** A fresh harness whose owner has one task, with a description. */
export const withTask = async (
  body: unknown = { title: 'Draft', description: 'Some notes' },
): Promise<{ harness: Harness; taskId: string }> => {
  const harness = setup();
  const taskId = createdId(await postTask(harness, body));
  return { harness, taskId };
};
