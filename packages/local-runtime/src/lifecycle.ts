/** What {@link stopOnSignals} reports to and how it ends the process. */
export interface SignalOptions {
  readonly log: (line: string) => void;
  readonly exit: (code: number) => void;
  readonly signals?: readonly NodeJS.Signals[];
}

/**
 * Ctrl-C (SIGINT) or SIGTERM runs `stop` once (stop accepting, let requests in flight
 * finish, close the server, stop DynamoDB Local) and exits 0, or 1 if stopping failed. A
 * second signal exits at once: the exit hook of `@tasks/dynamodb-local` (and, on Linux,
 * the kernel, through `setpriv --pdeathsig`) still kills the JVM, so no orphan keeps the
 * port or the data files.
 */
export const stopOnSignals = (stop: () => Promise<void>, options: SignalOptions): void => {
  const { log, exit, signals = ['SIGINT', 'SIGTERM'] } = options;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log(`${signal} again: exiting without waiting.`);
      exit(130);
      return;
    }
    stopping = true;
    log(`${signal}: stopping (requests in flight may finish)…`);
    stop().then(
      () => {
        log('Stopped.');
        exit(0);
      },
      (error: unknown) => {
        log(`Could not stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
        exit(1);
      },
    );
  };
  for (const signal of signals) process.on(signal, onSignal);
};
