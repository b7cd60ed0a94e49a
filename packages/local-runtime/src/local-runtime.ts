import { isTableName, TABLE_NAME_RULE } from '@tasks/adapter-dynamodb';
import { loadTemplate, TEMPLATE_PATH, templateFunctions } from '@tasks/sam-template';
import { type Auth, startAuth } from './auth.js';
import { loadFunctions } from './bundles.js';
import { InvalidOptionsError } from './errors.js';
import { functionConfigs } from './function-config.js';
import { type Gateway, makeGateway } from './gateway.js';
import { listen } from './http-server.js';
import { isLoopbackAddress } from './loopback.js';
import { makeMemoryStores } from './memory-stores.js';
import { buildRouteTable } from './route-table.js';
import {
  DEFAULT_DATA_DIR,
  DEFAULT_PORT,
  DEFAULT_TABLE_NAME,
  type LocalRuntime,
  type LocalRuntimeOptions,
} from './runtime-options.js';
import { type Storage, startStorage } from './storage.js';
import { STATS_TABLE_ID, statsTableNameFor } from './stream/stats-table.js';
import { prepareStreamProcessing } from './stream/stream-processing.js';
import { templateCors } from './template-cors.js';
import { type Distribution, makeDistribution } from './web/distribution.js';
import { type RuntimePage, startPage } from './web/page.js';

const REGION = 'us-east-1';
// What sam-template's intrinsics resolve AWS::AccountId to, so that ARNs agree.
const ACCOUNT_ID = '000000000000';

/**
 * What DynamoDB would refuse of the tables' names: `tableName`, and the statistics table
 * named after it. Checked before anything starts, where the SDK's `ValidationException`
 * would otherwise come from the first table it creates.
 */
const tableNameProblems = (tableName: string): string[] => {
  if (!isTableName(tableName)) {
    return [`tableName "${tableName}" must be a DynamoDB table name: ${TABLE_NAME_RULE}`];
  }
  const stats = statsTableNameFor(tableName);
  if (isTableName(stats)) return [];
  return [
    `tableName "${tableName}" leaves no room for the statistics table "${stats}" beside it: a DynamoDB table name is ${TABLE_NAME_RULE}`,
  ];
};

const standardError = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/**
 * Starts the whole API locally (SPEC §7): the routes of the SAM template, each served by
 * the esbuild bundle its `CodeUri` names, invoked with API Gateway's payload 2.0 events,
 * on DynamoDB Local (data kept in `dataDir`), a given DynamoDB, or memory. Authentication
 * is off (every request acts as `fixedOwner`) unless `auth` asks for JWTs, checked as
 * API Gateway's authorizer does (see `startAuth`). With `web`, the port is the
 * distribution's: the page's build is served on every path the API does not take, as
 * CloudFront serves it from S3 (see `makeDistribution`). The port is taken first, so that a busy
 * port fails before DynamoDB Local starts; requests that arrive meanwhile wait for the
 * start, as a cold start would. An option it cannot use (a `tableName` DynamoDB would
 * refuse) is an {@link InvalidOptionsError}, before anything starts. Rejects with the
 * typed errors of `./errors.js` and `@tasks/dynamodb-local`, having undone whatever it had
 * started.
 */
export const startLocalRuntime = async (
  options: LocalRuntimeOptions = {},
): Promise<LocalRuntime> => {
  const templatePath = options.templatePath ?? TEMPLATE_PATH;
  const tableName = options.tableName ?? DEFAULT_TABLE_NAME;
  const problems = tableNameProblems(tableName);
  if (problems.length > 0) throw new InvalidOptionsError(problems);
  const fixedOwner = options.fixedOwner ?? 'local';
  const log = options.log ?? standardError;
  const template = loadTemplate(templatePath);
  const functions = templateFunctions(template).filter((fn) => fn.routes.length > 0);
  const routes = buildRouteTable(functions.flatMap((fn) => fn.routes));
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const streams = prepareStreamProcessing({
    template,
    tableName,
    region: REGION,
    accountId: ACCOUNT_ID,
    dataDir,
    log,
  });
  const streamFunctions = templateFunctions(template).filter((fn) =>
    streams.functionIds.includes(fn.functionId),
  );
  const configs = functionConfigs(template, templatePath, [...functions, ...streamFunctions], {
    tableName,
    tableNames: { [STATS_TABLE_ID]: statsTableNameFor(tableName) },
  });

  const ready = Promise.withResolvers<Gateway>();
  ready.promise.catch(() => undefined); // the start's own rejection reports it
  const server = await listen({
    host: options.host ?? '127.0.0.1',
    port: options.port ?? DEFAULT_PORT,
    handle: async (request) => (await ready.promise)(request),
    log,
  });
  const graceMs = options.shutdownGraceMs ?? 10_000;
  const host = server.host.includes(':') ? `[${server.host}]` : server.host;
  const url = `http://${host}:${server.port}`;

  let storage: Storage | undefined;
  let auth: Auth;
  let page: RuntimePage = { state: 'off' };
  let distribution: Distribution;
  try {
    const authChoice = options.auth ?? { mode: 'none' };
    const loopbackOnly = isLoopbackAddress(server.address);
    auth = await startAuth(authChoice, {
      url,
      dataDir,
      fixedOwner,
      host: server.host,
      loopbackOnly,
    });
    const web =
      options.web === undefined
        ? undefined
        : await startPage(options.web.dir, {
            template,
            auth: authChoice,
            fixedOwner,
            localSignIn: loopbackOnly
              ? { served: true }
              : { served: false, listensOn: server.host },
            url,
            region: REGION,
            log,
          });
    page = web?.summary ?? page;
    storage = await startStorage({
      store: options.store ?? 'dynamodb',
      dataDir,
      dynamoDbEndpoint: options.dynamoDbEndpoint,
      tableName,
      region: REGION,
      template,
      env: options.env ?? process.env,
      warn: log,
    });
    const loaded = await loadFunctions(configs, {
      region: REGION,
      accountId: ACCOUNT_ID,
      environment: {
        ...storage.environment,
        ...auth.environment,
        LOG_LEVEL: options.logLevel ?? 'info',
      },
      // In memory, the store tells the stream processor of each write, as a table stream would.
      ...(storage.kind === 'memory' ? { memory: makeMemoryStores([streams.onWrite]) } : {}),
    });
    await streams.start(loaded, storage.endpoint);
    const gateway = makeGateway({
      routes,
      functions: new Map(loaded.map((fn) => [fn.functionId, fn])),
      accountId: ACCOUNT_ID,
      apiId: 'local',
      authorize: auth.authorize,
      // CORS is API Gateway's part, as deployed: the functions get no CORS_ALLOWED_ORIGINS.
      cors: templateCors(template, options.corsAllowedOrigins),
      log,
    });
    distribution = makeDistribution({
      api: gateway,
      localIssuer: auth.localIssuer?.(gateway),
      site: web?.site,
    });
    ready.resolve(distribution.handle);
  } catch (error) {
    ready.reject(error);
    await server.close(0);
    await streams.stop();
    await storage?.stop();
    throw error;
  }

  const started = storage;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= server
      .close(graceMs)
      .then(() => streams.stop())
      .then(() => started.stop());
    return stopping;
  };
  // Answering 503 for ever helps no one: stop, then tell the owner (the CLI exits 1).
  const storeLost = started.lost.then(async (error) => {
    await stop();
    return error;
  });
  return {
    url,
    host: server.host,
    port: server.port,
    storage: {
      kind: started.kind,
      description: started.description,
      notes: started.notes,
      ...(started.endpoint === undefined ? {} : { endpoint: started.endpoint }),
      ...(started.listensOn === undefined ? {} : { listensOn: started.listensOn }),
    },
    fixedOwner,
    auth: auth.summary,
    page,
    answeredBy: distribution.answeredBy,
    routes:
      routes.defaultRoute === undefined ? routes.routes : [...routes.routes, routes.defaultRoute],
    streams: {
      functionIds: streams.functionIds,
      failureQueueFile: streams.failureQueueFile,
      caughtUp: () => streams.caughtUp(),
    },
    storeLost,
    stop,
  };
};
