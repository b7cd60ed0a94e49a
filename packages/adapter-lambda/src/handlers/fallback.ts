import allowedMethods from 'tasks:allowed-methods';
import { composeFallback } from '../composition/compose-fallback.js';

/**
 * The function of OPTIONS and every other method on the API's paths, and of unknown paths
 * (204, 405 and 404) (infra/template.yaml). The methods of each path are the template's,
 * read when the bundle is built. Composed once per container.
 */
export const handler = composeFallback(allowedMethods);
