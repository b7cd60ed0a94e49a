import { createHash, createHmac } from 'node:crypto';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDynamoDbClient } from '../src/index.js';
import { Sha256 } from '../src/sha256.js';

/** Text or bytes, as the SDK's signer hands them over. */
const sourceData = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.uint8Array({ maxLength: 80 }),
  // A view into a larger buffer: only its own bytes count.
  fc
    .tuple(fc.uint8Array({ minLength: 1, maxLength: 40 }), fc.nat(8))
    .map(([bytes, skip]) => new Uint8Array(new Uint8Array(bytes.length + skip).buffer, skip)),
);
const bytesOf = (data: string | Uint8Array) =>
  typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('Sha256, the signer’s hashes', () => {
  it('is HMAC-SHA256 for any key and data, in any number of chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        // An empty text is no key (a plain hash, as in the SDK's class); empty bytes are one.
        sourceData.filter((key) => key !== ''),
        fc.array(sourceData, { maxLength: 4 }),
        async (key, chunks) => {
          const ours = new Sha256(key);
          const theirs = createHmac('sha256', bytesOf(key));
          for (const chunk of chunks) {
            ours.update(chunk);
            theirs.update(bytesOf(chunk));
          }
          expect(hex(await ours.digest())).toBe(theirs.digest('hex'));
        },
      ),
    );
  });

  it('is SHA-256 without a key, and stays open after a digest', async () => {
    await fc.assert(
      fc.asyncProperty(sourceData, sourceData, async (first, second) => {
        const ours = new Sha256();
        ours.update(first);
        expect(hex(await ours.digest())).toBe(
          createHash('sha256').update(bytesOf(first)).digest('hex'),
        );
        ours.update(second);
        const both = createHash('sha256').update(bytesOf(first)).update(bytesOf(second));
        expect(hex(await ours.digest())).toBe(both.digest('hex'));
      }),
    );
  });

  it('keys by the bytes: a key changed after its first use signs with its new bytes', async () => {
    const key = new Uint8Array(32).fill(1);
    const first = new Sha256(key);
    first.update(bytesOf('data'));
    expect(hex(await first.digest())).toBe(
      createHmac('sha256', Buffer.from(key)).update('data').digest('hex'),
    );

    key.fill(2);
    const second = new Sha256(key);
    second.update(bytesOf('data'));
    expect(hex(await second.digest())).toBe(
      createHmac('sha256', Buffer.from(key)).update('data').digest('hex'),
    );
  });

  it('signs right with any key after more keys than it keeps have passed', async () => {
    const secrets = Array.from({ length: 40 }, (_, index) => `secret-${index % 20}`);
    for (const secret of secrets) {
      const ours = new Sha256(secret);
      ours.update(bytesOf('data'));
      expect(hex(await ours.digest())).toBe(
        createHmac('sha256', secret).update('data').digest('hex'),
      );
    }
  });

  it('ends an HMAC at its digest (an update after it throws, as in the SDK’s class), until reset', async () => {
    const hmac = new Sha256('key');
    hmac.update(bytesOf('a'));
    await hmac.digest();
    expect(() => hmac.update(bytesOf('b'))).toThrow('already finished');
    await expect(hmac.digest()).rejects.toThrow('already finished');
    hmac.reset();
    hmac.update(bytesOf('b'));
    expect(hex(await hmac.digest())).toBe(createHmac('sha256', 'key').update('b').digest('hex'));
  });
});

class Captured extends Error {}

type Middleware = Parameters<DynamoDBClient['middlewareStack']['add']>[0];

/**
 * The headers of a client's signed request, taken after signing and answered with an error
 * instead of sent: DynamoDB Local checks no signature, so only the SDK's own signing can
 * show that ours would pass AWS's.
 */
const signedBy = async (client: DynamoDBClient): Promise<Record<string, string>> => {
  let headers: Record<string, string> = {};
  // The one signed header that differs by request: the same for both clients here.
  const sameInvocationId: Middleware = (next) => async (args) => {
    const request: unknown = args.request;
    const sent: unknown =
      typeof request === 'object' && request !== null ? Reflect.get(request, 'headers') : {};
    Reflect.set(Object(sent), 'amz-sdk-invocation-id', '00000000-0000-4000-8000-000000000000');
    return next(args);
  };
  client.middlewareStack.addRelativeTo(sameInvocationId, {
    name: 'sameInvocationId',
    relation: 'before',
    toMiddleware: 'httpSigningMiddleware',
  });
  client.middlewareStack.add(
    () => async (args) => {
      const request: unknown = args.request;
      const seen: unknown =
        typeof request === 'object' && request !== null ? Reflect.get(request, 'headers') : {};
      headers = Object.fromEntries(
        Object.entries(Object(seen)).map(([name, value]) => [name, String(value)]),
      );
      throw new Captured('captured');
    },
    { step: 'finalizeRequest', name: 'captureSigned', priority: 'low' },
  );
  const command = new GetItemCommand({
    TableName: 'tasks',
    Key: { pk: { S: 'o' }, sk: { S: 'i' } },
  });
  await expect(client.send(command)).rejects.toBeInstanceOf(Captured);
  return headers;
};

describe('a client made by createDynamoDbClient', () => {
  const config = {
    region: 'eu-west-1',
    endpoint: 'https://dynamodb.eu-west-1.amazonaws.com',
    credentials: {
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
    },
  };

  it('hashes with Sha256, not the SDK’s default class', () => {
    expect(createDynamoDbClient(config).config.sha256).toBe(Sha256);
  });

  it('signs a request exactly as the SDK’s own hashes do', async () => {
    // Signed within the same second (X-Amz-Date), the two signatures must be one.
    for (let attempt = 0; attempt < 5; attempt++) {
      const ours = await signedBy(createDynamoDbClient({ ...config, maxAttempts: 1 }));
      const sdks = await signedBy(new DynamoDBClient({ ...config, maxAttempts: 1 }));
      if (ours['x-amz-date'] !== sdks['x-amz-date']) continue;
      expect(ours['authorization']).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\//);
      expect(ours['authorization']).toBe(sdks['authorization']);
      expect(ours['x-amz-content-sha256'] ?? 'none').toBe(sdks['x-amz-content-sha256'] ?? 'none');
      return;
    }
    throw new Error('no two signatures within one second in five tries');
  });
});
