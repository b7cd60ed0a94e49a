import { parseWebConfig, WEB_CONFIG_PATH, type WebConfig } from './config.js';

/** `config.json` could not be read: no answer, not 200, or not JSON. */
export class ConfigUnavailableError extends Error {
  override readonly name = 'ConfigUnavailableError';
  readonly code = 'config_unavailable';
}

/**
 * The page's settings, fetched from its own origin at start. `no-store`: a stage's
 * settings change with a deploy, the page's code does not. Throws
 * {@link ConfigUnavailableError} or the parser's `InvalidWebConfigError`.
 */
export const loadConfig = async (fetchConfig: typeof fetch = fetch): Promise<WebConfig> => {
  let response: Response;
  let body: unknown;
  try {
    response = await fetchConfig(WEB_CONFIG_PATH, { cache: 'no-store' });
  } catch (error) {
    throw new ConfigUnavailableError(`${WEB_CONFIG_PATH} got no answer`, { cause: error });
  }
  if (!response.ok) {
    throw new ConfigUnavailableError(`${WEB_CONFIG_PATH} answered HTTP ${response.status}`);
  }
  try {
    body = await response.json();
  } catch (error) {
    throw new ConfigUnavailableError(`${WEB_CONFIG_PATH} is not JSON`, { cause: error });
  }
  return parseWebConfig(body);
};
