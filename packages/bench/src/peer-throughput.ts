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

export interface PeerThroughputRow {
  readonly route: PeerRoute;
  readonly ours: number;
  readonly peer: number;
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

/**
 * Events per second in process, ours and the peer's, on the same table of DynamoDB Local,
 * route by route, taking turns (ABBA) in {@link ROUNDS} rounds. Both log at warn (no
 * access-log line).
 */
export const measurePeerThroughput = async (
  functionsDir: string,
  peerFiles: ReadonlyMap<PeerRoute, string>,
  store: PeerStore,
  milliseconds = 300,
): Promise<PeerThroughputRow[]> => {
  const oursEnv = {
    ...CREDENTIALS,
    TABLE_NAME: store.tableName,
    DYNAMODB_ENDPOINT: store.endpoint,
    AUTH_MODE: 'none',
    LOG_LEVEL: 'warn',
  };
  const peerEnv = {
    ...CREDENTIALS,
    TABLE_NAME: store.tableName,
    AWS_ENDPOINT_URL_DYNAMODB: store.endpoint,
    POWERTOOLS_LOG_LEVEL: 'WARN',
  };
  const rows: PeerThroughputRow[] = [];
  const handlers = new Map<PeerRoute, { ours: Handler; peer: Handler }>();
  for (const route of PEER_ROUTES) {
    const peerFile = peerFiles.get(route);
    if (peerFile === undefined) throw new Error(`no peer bundle for ${route}`);
    handlers.set(route, {
      ours: await importHandler(functionsDir, route, oursEnv, 'peer-comparison'),
      peer: await importHandler(dirname(dirname(peerFile)), route, peerEnv, 'peer-comparison'),
    });
  }
  const create = () => createEvent('{"title":"Benchmark task"}');
  const seeds = new Map<'ours' | 'peer', string>();
  for (const side of ['ours', 'peer'] as const) {
    const createHandler = handlers.get('create-task')?.[side];
    if (createHandler === undefined) throw new Error('no create handler');
    for (let index = 0; index < 20; index++) await createHandler(create(), lambdaContext);
    seeds.set(side, idOf((await createHandler(create(), lambdaContext)).body));
  }
  const eventOf = (route: PeerRoute, side: 'ours' | 'peer'): (() => APIGatewayProxyEventV2) => {
    if (route === 'create-task') return create;
    if (route === 'list-tasks') return () => listEvent('limit=20');
    const taskId = seeds.get(side) ?? '';
    return () => taskEvent('GET', taskId);
  };
  for (const route of PEER_ROUTES) {
    const pair = handlers.get(route);
    if (pair === undefined) continue;
    for (const side of ['ours', 'peer'] as const) {
      const reply = await pair[side](eventOf(route, side)(), lambdaContext);
      if (reply.statusCode >= 300) throw new Error(`${side} ${route} answered ${reply.statusCode}`);
    }
    let ours = 0;
    let peer = 0;
    const oursEvent = eventOf(route, 'ours');
    const peerEvent = eventOf(route, 'peer');
    for (let round = 0; round < ROUNDS; round++) {
      await inTurns(
        round,
        async () => {
          ours += await eventsPerSecond(() => pair.ours(oursEvent(), lambdaContext), milliseconds);
        },
        async () => {
          peer += await eventsPerSecond(() => pair.peer(peerEvent(), lambdaContext), milliseconds);
        },
      );
    }
    rows.push({ route, ours: ours / ROUNDS, peer: peer / ROUNDS });
  }
  return rows;
};
