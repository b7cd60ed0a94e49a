// @ts-check
/**
 * Used by scripts/testcontainers-podman.sh: starts the pinned DynamoDB Local image through
 * Testcontainers on the host's network, runs the given command with DYNAMODB_ENDPOINT
 * naming it, stops the container and exits with the command's status.
 *
 *   node scripts/testcontainers-podman.mjs <image> <port> -- <command...>
 */
import { spawn } from 'node:child_process';
import { GenericContainer, Wait } from 'testcontainers';

const [image, port, separator, ...command] = process.argv.slice(2);
const [program, ...args] = command;
if (image === undefined || port === undefined || separator !== '--' || program === undefined) {
  console.error('usage: testcontainers-podman.mjs <image> <port> -- <command...>');
  process.exit(2);
}

const started = performance.now();
// Host networking binds no ports, so the default wait (for mapped ports) would pass at once
// and getMappedPort would throw: wait for the port from inside, and use it as given.
const container = await new GenericContainer(image)
  .withNetworkMode('host')
  .withCommand(['-jar', 'DynamoDBLocal.jar', '-inMemory', '-port', port, '-disableTelemetry'])
  .withWaitStrategy(Wait.forSuccessfulCommand(`bash -c '</dev/tcp/127.0.0.1/${port}'`))
  .withStartupTimeout(60_000)
  .start();
const endpoint = `http://127.0.0.1:${port}`;
console.info(
  `${image} started through Testcontainers in ${Math.round(performance.now() - started)} ms, ` +
    `container ${container.getId().slice(0, 12)}, at ${endpoint}`,
);

const status = await new Promise((resolve) => {
  const child = spawn(program, args, {
    stdio: 'inherit',
    env: { ...process.env, DYNAMODB_ENDPOINT: endpoint },
  });
  child.on('exit', (code) => resolve(code ?? 1));
  child.on('error', (error) => {
    console.error(error);
    resolve(1);
  });
});
await container.stop();
console.info(`container stopped; the command exited with ${status}`);
process.exit(Number(status));
