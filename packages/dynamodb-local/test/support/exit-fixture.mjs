// Spawned by child-reaper.test.ts: starts a long child, registers it, exits without
// stopping it. Node strips the types of the imported .ts file (it has no runtime imports).
import { spawn } from 'node:child_process';
import { killOnExit } from '../../src/child-reaper.ts';

const child = spawn('sleep', ['60'], { stdio: 'ignore' });
killOnExit(child);
child.once('spawn', () => {
  process.stdout.write(String(child.pid));
  process.exit(0);
});
