import { dirname } from 'node:path';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createEvent, lambdaContext, listEvent, taskEvent } from './api-gateway-event.js';
import {
  eventsPerSecond,
  type Handler,
  importHandler,
  inTurns,
  ROUNDS,
} from './handler-throughput.js';
import { PEER_ROUTES, type PeerRoute } from './peer.js';
import { startRecordedDynamoDb } from './recorded-dynamodb.js';
import { mean, roundRatios } from './stats.js';

export interface PeerThroughputRow {
  readonly route: PeerRoute;
  readonly ours: number;
  readonly peer: number;
  /** Each round's ratio of ours to the peer's. */
  readonly rounds: readonly number[];
}

/** Where the handlers store: the table on DynamoDB Local. */
export interface PeerStore {
  readonly endpoint: string;
  readonly tableName: string;
}

const CREDENTIALS = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
};

const idOf = (body: string | undefined): string => {
  const taskId: unknown = JSON.parse(body ?? '{}').taskId;
  if (typeof taskId !== 'string') throw new Error(`no taskId in ${body}`);
  return taskId;
};

type Side = 'ours' | 'peer';
type Pair = Readonly<Record<Side, Handler>>;

/** The handlers of every peer route, ours and the peer's, each side on its own endpoint. */
const importPairs = async (
  functionsDir: string,
  peerFiles: ReadonlyMap<PeerRoute, string>,
  store: PeerStore,
  endpoints: Readonly<Record<Side, string>>,
  instance: string,
): Promise<Map<PeerRoute, Pair>> => {
  const oursEnv = {
    ...CREDENTIALS,
    TABLE_NAME: store.tableName,
    DYNAMODB_ENDPOINT: endpoints.ours,
    AUTH_MODE: 'none',
    LOG_LEVEL: 'warn',
  };
  const peerEnv = {
    ...CREDENTIALS,
    TABLE_NAME: store.tableName,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.peer,
    POWERTOOLS_LOG_LEVEL: 'WARN',
  };
  const pairs = new Map<PeerRoute, Pair>();
  for (const route of PEER_ROUTES) {
    const peerFile = peerFiles.get(route);
    if (peerFile === undefined) throw new Error(`no peer bundle for ${route}`);
    pairs.set(route, {
      ours: await importHandler(functionsDir, route, oursEnv, instance),
      peer: await importHandler(dirname(dirname(peerFile)), route, peerEnv, instance),
    });
  }
  return pairs;
};

const create = () => createEvent('{"title":"Benchmark task"}');

/** `handler`, failing on an answer of 300 or more instead of counting it as an event. */
const answering =
  (handler: Handler, label: string) =>
  async (event: APIGatewayProxyEventV2): Promise<void> => {
    const reply = await handler(event, lambdaContext);
    if (reply.statusCode >= 300) throw new Error(`${label} answered ${reply.statusCode}`);
  };

/**
 * Each side's events: 21 creates first, so that a list has a page of 20 and a next one,
 * then one event of each route answered below 300 before any is counted.
 */
const prepare = async (
  pairs: ReadonlyMap<PeerRoute, Pair>,
): Promise<(route: PeerRoute, side: Side) => () => APIGatewayProxyEventV2> => {
  const seeds = new Map<Side, string>();
  for (const side of ['ours', 'peer'] as const) {
    const createHandler = pairs.get('create-task')?.[side];
    if (createHandler === undefined) throw new Error('no create handler');
    for (let index = 0; index < 20; index++) await createHandler(create(), lambdaContext);
    seeds.set(side, idOf((await createHandler(create(), lambdaContext)).body));
  }
  const eventOf = (route: PeerRoute, side: Side): (() => APIGatewayProxyEventV2) => {
    if (route === 'create-task') return create;
    if (route === 'list-tasks') return () => listEvent('limit=20');
    const taskId = seeds.get(side) ?? '';
    return () => taskEvent('GET', taskId);
  };
  for (const [route, pair] of pairs) {
    for (const side of ['ours', 'peer'] as const) {
      await answering(pair[side], `${side} ${route}`)(eventOf(route, side)());
    }
  }
  return eventOf;
};

/** Events per second of each route, the two sides taking turns (ABBA) in {@link ROUNDS} rounds. */
const inRounds = async (
  pairs: ReadonlyMap<PeerRoute, Pair>,
  eventOf: (route: PeerRoute, side: Side) => () => APIGatewayProxyEventV2,
  milliseconds: number,
): Promise<PeerThroughputRow[]> => {
  const rows: PeerThroughputRow[] = [];
  for (const [route, pair] of pairs) {
    const ours: number[] = [];
    const peer: number[] = [];
    const oursEvent = eventOf(route, 'ours');
    const peerEvent = eventOf(route, 'peer');
    const oursAnswer = answering(pair.ours, `ours ${route}`);
    const peerAnswer = answering(pair.peer, `peer ${route}`);
    for (let round = 0; round < ROUNDS; round++) {
      await inTurns(
        round,
        async () => {
          ours.push(await eventsPerSecond(() => oursAnswer(oursEvent()), milliseconds));
        },
        async () => {
          peer.push(await eventsPerSecond(() => peerAnswer(peerEvent()), milliseconds));
        },
      );
    }
    rows.push({ route, ours: mean(ours), peer: mean(peer), rounds: roundRatios(ours, peer) });
  }
  return rows;
};

/**
 * Events per second in process, ours and the peer's, route by route, both logging at warn
 * (no access-log line), measured twice:
 * - `dynamodbLocal`: on the same table of DynamoDB Local, whose time per call is almost
 *   all of both handlers' time;
 * - `replayed`: each side on its own {@link startRecordedDynamoDb}, which answers every
 *   call with the answer DynamoDB Local gave that side's last forwarded call of the
 *   operation (its warm-up), so that what is counted is the handlers' own work and the
 *   SDK's on the same calls.
 */
export const measurePeerThroughput = async (
  functionsDir: string,
  peerFiles: ReadonlyMap<PeerRoute, string>,
  store: PeerStore,
  milliseconds = 300,
): Promise<{ dynamodbLocal: PeerThroughputRow[]; replayed: PeerThroughputRow[] }> => {
  const endpointsBefore = {
    DYNAMODB_ENDPOINT: process.env['DYNAMODB_ENDPOINT'],
    AWS_ENDPOINT_URL_DYNAMODB: process.env['AWS_ENDPOINT_URL_DYNAMODB'],
  };
  const direct = { ours: store.endpoint, peer: store.endpoint };
  const onLocal = await importPairs(functionsDir, peerFiles, store, direct, 'peer-local');
  const dynamodbLocal = await inRounds(onLocal, await prepare(onLocal), milliseconds);

  const recorders = {
    ours: await startRecordedDynamoDb(store.endpoint),
    peer: await startRecordedDynamoDb(store.endpoint),
  };
  try {
    const endpoints = { ours: recorders.ours.endpoint, peer: recorders.peer.endpoint };
    const onReplay = await importPairs(functionsDir, peerFiles, store, endpoints, 'peer-replay');
    const eventOf = await prepare(onReplay);
    recorders.ours.replay();
    recorders.peer.replay();
    const replayed = await inRounds(onReplay, eventOf, milliseconds);
    return { dynamodbLocal, replayed };
  } finally {
    await recorders.ours.close();
    await recorders.peer.close();
    // The bundles read their endpoints at import; what runs after this sees none of theirs.
    for (const [name, value] of Object.entries(endpointsBefore)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
};
