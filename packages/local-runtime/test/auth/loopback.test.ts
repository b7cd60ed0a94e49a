import { describe, expect, it } from 'vitest';
import { isLoopbackAddress, isLoopbackHost } from '../../src/loopback.js';

describe('loopback, for the local sign-in', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])(
    'takes %s for a loopback address',
    (address) => {
      expect(isLoopbackAddress(address)).toBe(true);
    },
  );

  it.each(['0.0.0.0', '::', '192.168.1.20', '::ffff:10.0.0.1', 'localhost', '128.0.0.1'])(
    'takes %s for an address beyond loopback',
    (address) => {
      expect(isLoopbackAddress(address)).toBe(false);
    },
  );

  it.each(['127.0.0.1', '127.0.0.1:3000', 'localhost', 'LOCALHOST:80', '[::1]', '[::1]:3000'])(
    'takes the Host %s for a loopback name',
    (host) => {
      expect(isLoopbackHost(host)).toBe(true);
    },
  );

  it.each([
    '',
    'evil.example',
    'localhost.evil.example',
    'localhost:3000:3000',
    'localhost:',
    '127.0.0.2',
    '::1',
    '[::1].evil.example',
    ' localhost',
  ])('takes the Host %j for no loopback name', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});
