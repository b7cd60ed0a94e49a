import { request } from 'node:http';
import { connect } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Env } from './types.js';

/** Whether a Docker engine answered, and where; `reason` says why not. */
export type DockerProbe =
  | { readonly available: true; readonly host: string }
  | { readonly available: false; readonly reason: string };

/** Each check gives up after this long: a missing engine must not slow every test run. */
const PROBE_TIMEOUT_MS = 1_000;

const pingSocket = (socketPath: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const req = request({ socketPath, path: '/_ping', timeout: PROBE_TIMEOUT_MS }, (res) => {
      res.resume();
      if (res.statusCode === 200) resolve();
      else reject(new Error(`/_ping answered HTTP ${res.statusCode}`));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end();
  });

/** TCP hosts may need TLS client certificates: a completed connection is enough here. */
const connectTcp = (host: string, port: number): Promise<void> =>
  new Promise((resolve, reject) => {
    const socket = connect({ host, port, timeout: PROBE_TIMEOUT_MS });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('timeout', () =>
      socket.destroy(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)),
    );
    socket.once('error', reject);
  });

const check = (host: string): Promise<void> => {
  const url = new URL(host);
  if (url.protocol === 'unix:' || url.protocol === 'npipe:') return pingSocket(url.pathname);
  if (url.protocol === 'tcp:' || url.protocol === 'http:' || url.protocol === 'https:') {
    return connectTcp(url.hostname, Number(url.port || (url.protocol === 'https:' ? 2376 : 2375)));
  }
  return Promise.reject(new Error(`unsupported scheme ${url.protocol}`));
};

/** `DOCKER_HOST`, or the usual sockets of Docker Engine, rootless Docker and Docker Desktop. */
const candidates = (env: Env): string[] => {
  const explicit = env['DOCKER_HOST'];
  if (explicit !== undefined && explicit !== '') return [explicit];
  const runtimeDir = env['XDG_RUNTIME_DIR'];
  return [
    '/var/run/docker.sock',
    ...(runtimeDir === undefined || runtimeDir === '' ? [] : [join(runtimeDir, 'docker.sock')]),
    join(homedir(), '.docker', 'run', 'docker.sock'),
  ].map((path) => `unix://${path}`);
};

/**
 * Looks for a Docker engine that answers, quickly: a missing socket fails at once and a
 * silent one after {@link PROBE_TIMEOUT_MS}. Reads `DOCKER_HOST` from `env`. Testcontainers
 * itself reads `process.env` and `~/.testcontainers.properties`.
 */
export const detectDocker = async (env: Env): Promise<DockerProbe> => {
  const failures: string[] = [];
  for (const host of candidates(env)) {
    try {
      await check(host);
      return { available: true, host };
    } catch (error) {
      failures.push(`${host}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { available: false, reason: `no Docker engine answered (${failures.join('; ')})` };
};
