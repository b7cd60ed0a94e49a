/**
 * DynamoDB Local's arguments after `-jar DynamoDBLocal.jar`, shared by the jar and the
 * container. `-disableTelemetry` exists in 3.x (see `-help`).
 */
export const dynamoDbLocalArgs = (port: number, dbPath: string | undefined): string[] => [
  ...(dbPath === undefined ? ['-inMemory'] : ['-dbPath', dbPath]),
  // One database for every access key and region: the data does not depend on which
  // credentials a client happens to have.
  '-sharedDb',
  '-disableTelemetry',
  '-port',
  String(port),
];
