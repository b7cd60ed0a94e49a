import {
  issueToken,
  LOCAL_AUDIENCE,
  LOCAL_ISSUER,
  loadOrCreateSigningKey,
} from '@tasks/local-issuer';
import { describe, expect, it } from 'vitest';
import { issuerKeyDir, startLocalRuntime } from '../../src/index.js';
import { apiAt } from '../support/api.js';
import { withAuthorization } from '../support/auth-runtime.js';
import { useEchoProjects } from '../support/echo-project.js';
import { useTempDirs } from '../support/temp-dir.js';

/** A bundle that answers with the authorizer context of its event and its auth environment. */
const CLAIMS_BUNDLE = `
const seen = { AUTH_MODE: process.env.AUTH_MODE, FIXED_OWNER: process.env.FIXED_OWNER ?? null };
export const handler = async (event) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ seen, authorizer: event.requestContext.authorizer ?? null }),
});
`;

describe('the event a function gets with TASKS_AUTH=jwt', () => {
  const project = useEchoProjects();
  const tempDir = useTempDirs();

  it("carries the token's claims, all strings, and its scopes at requestContext.authorizer.jwt, to bundles imported with AUTH_MODE=jwt", async () => {
    const dataDir = await tempDir();
    const runtime = await startLocalRuntime({
      templatePath: await project(CLAIMS_BUNDLE),
      store: 'memory',
      host: '127.0.0.1',
      port: 0,
      dataDir,
      auth: { mode: 'jwt' },
    });
    try {
      const key = await loadOrCreateSigningKey(issuerKeyDir(dataDir));
      const token = await issueToken(key, {
        sub: 'alice',
        claims: {
          email_verified: true,
          groups: ['admins', 'users'],
          scope: 'tasks/read tasks/write',
        },
      });
      const api = withAuthorization(
        apiAt(() => runtime.url),
        async () => `Bearer ${token}`,
      );

      const reply = await api.get('/echo');

      expect(reply.status).toBe(200);
      expect(reply.json).toEqual({
        seen: { AUTH_MODE: 'jwt', FIXED_OWNER: null },
        authorizer: {
          jwt: {
            claims: {
              sub: 'alice',
              iss: LOCAL_ISSUER,
              aud: LOCAL_AUDIENCE,
              token_use: 'id',
              email_verified: 'true',
              groups: '[admins users]',
              scope: 'tasks/read tasks/write',
              iat: expect.stringMatching(/^\d+$/),
              exp: expect.stringMatching(/^\d+$/),
            },
            scopes: ['tasks/read', 'tasks/write'],
          },
        },
      });
    } finally {
      await runtime.stop();
    }
  });
});
