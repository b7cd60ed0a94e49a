import { vi } from 'vitest';
import type { TaskRepository } from '../src/index.js';

/**
 * A repository whose every method is a spy that fails the test when called without
 * an implementation: use-case tests state exactly which calls they expect.
 */
export const stubRepository = (implementations: Partial<TaskRepository> = {}) => {
  const unexpected = (method: string) => () =>
    Promise.reject(new Error(`unexpected call: ${method}`));
  return {
    create: vi.fn(implementations.create ?? unexpected('create')),
    get: vi.fn(implementations.get ?? unexpected('get')),
    list: vi.fn(implementations.list ?? unexpected('list')),
    update: vi.fn(implementations.update ?? unexpected('update')),
    delete: vi.fn(implementations.delete ?? unexpected('delete')),
  } satisfies TaskRepository;
};
