// Fails when an npm script runs on another Node.js than the one the project pins: the
// `node` devDependency puts its binary first on the PATH of every npm script, whatever
// Node.js runs npm itself (SPEC §6: the Lambda runtime's major version).
import { readFileSync } from 'node:fs';

const pinned = readFileSync(new URL('../.nvmrc', import.meta.url), 'utf8').trim();
if (process.versions.node !== pinned) {
  console.error(
    `check-node: npm scripts run on Node.js ${process.versions.node}, not the pinned ${pinned}.`,
  );
  console.error('check-node: run `npm ci` so that the `node` devDependency is installed.');
  process.exit(1);
}
console.log(`check-node: Node.js ${process.versions.node}, as pinned by .nvmrc`);
