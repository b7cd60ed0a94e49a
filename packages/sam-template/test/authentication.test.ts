import { describe, expect, it } from 'vitest';
import { loadTemplate, resolveIntrinsics, templateRoutes } from '../src/index.js';

const template = loadTemplate();
const httpApi = template.Resources['HttpApi']?.Properties ?? {};
const functions = Object.values(template.Resources).filter(
  (resource) => resource.Type === 'AWS::Serverless::Function',
);

describe('authentication in infra/template.yaml', () => {
  it('puts the Cognito JWT authorizer on every route by default', () => {
    expect(httpApi['Auth']).toMatchObject({
      DefaultAuthorizer: 'CognitoJwt',
      Authorizers: { CognitoJwt: { IdentitySource: '$request.header.Authorization' } },
    });
  });

  // A browser's preflight carries no token (Fetch standard, CORS-preflight request): the
  // OPTIONS routes that answer it must not sit behind the authorizer, and nothing else may
  // leave it.
  it('lets only the OPTIONS routes of the preflights opt out of it', () => {
    const routes = templateRoutes(template);
    const open = routes.filter((route) => route.authorizer !== undefined);

    expect(open.map(({ method, path, authorizer }) => `${method} ${path} ${authorizer}`)).toEqual([
      'OPTIONS /tasks NONE',
      'OPTIONS /tasks/{taskId} NONE',
      'OPTIONS /tasks/stats NONE',
    ]);
    for (const { path } of open) {
      const methods = routes.filter((route) => route.path === path).map((route) => route.method);
      expect(methods, path).toContain('ANY');
    }
  });

  it.each(['dev', 'prod'])('trusts the pool and client the stack creates in %s', (Stage) => {
    const configuration = resolveIntrinsics(httpApi['Auth'], template, {
      parameters: { Stage },
      resources: { UserPool: 'us-east-1_pool', UserPoolClient: 'client-id' },
    });
    expect(configuration).toMatchObject({
      Authorizers: {
        CognitoJwt: {
          JwtConfiguration: {
            issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_pool',
            audience: ['client-id'],
          },
        },
      },
    });
  });

  it('trusts an existing pool when one is given', () => {
    const configuration = resolveIntrinsics(httpApi['Auth'], template, {
      parameters: {
        ExistingUserPoolId: 'eu-west-1_existing',
        ExistingUserPoolClientId: 'existing-client',
      },
    });
    expect(JSON.stringify(configuration)).toContain('amazonaws.com/eu-west-1_existing');
    expect(JSON.stringify(configuration)).toContain('existing-client');
  });

  it('has the deployed functions take the owner from the token, never a fixed owner', () => {
    expect(template.Globals?.['Function']).toMatchObject({
      Environment: { Variables: { AUTH_MODE: 'jwt' } },
    });
    for (const resource of functions) {
      expect(JSON.stringify(resource.Properties ?? {})).not.toContain('AUTH_MODE');
    }
  });
});
