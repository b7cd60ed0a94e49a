import {
  jwksDocument,
  LOCAL_ISSUER,
  openIdConfiguration,
  type SigningKey,
} from '@tasks/local-issuer';
import type { Gateway } from './gateway.js';

/** Where the local issuer publishes its keys, as Cognito does under the issuer URL. */
export const JWKS_PATH = '/.well-known/jwks.json';
/** Its OpenID discovery document, which points at the keys. */
export const DISCOVERY_PATH = '/.well-known/openid-configuration';

/**
 * The gateway behind the local issuer's two public documents, served by the runtime at
 * `url` without authentication (in AWS they live at the issuer, not at the API): `GET`
 * (or `HEAD`) of {@link JWKS_PATH} and {@link DISCOVERY_PATH}. Everything else goes
 * to the gateway.
 */
export const withIssuerDocuments = (gateway: Gateway, key: SigningKey, url: string): Gateway => {
  const documents = new Map<string, unknown>([
    [JWKS_PATH, jwksDocument(key)],
    [DISCOVERY_PATH, openIdConfiguration(LOCAL_ISSUER, `${url}${JWKS_PATH}`)],
  ]);
  return async (request) => {
    const document = documents.get(request.rawPath);
    if (document === undefined || !['GET', 'HEAD'].includes(request.method)) {
      return gateway(request);
    }
    return {
      statusCode: 200,
      headers: [['Content-Type', 'application/json']],
      body: Buffer.from(JSON.stringify(document)),
    };
  };
};
