import type { TaskUseCases } from '@tasks/domain';

/** The name of one of the use cases that `makeTaskUseCases` returns. */
export type TaskUseCaseName = keyof TaskUseCases;

/**
 * A route of infra/template.yaml that a route's function serves, with the bundle that
 * serves it (`get-task`: src/handlers/get-task.ts). scripts/template-routes.mjs reads
 * them from the template; the document never lists them itself.
 */
export interface TemplateOperationRoute {
  readonly method: string;
  readonly path: string;
  readonly bundle: string;
}

/** A route and the use case its bundle wires: `get-task` wires `getTask`. */
export interface OperationRoute {
  readonly method: string;
  readonly path: string;
  readonly useCase: TaskUseCaseName;
}

const USE_CASES = {
  createTask: true,
  listTasks: true,
  getTask: true,
  updateTask: true,
  deleteTask: true,
  getStats: true,
} satisfies Record<TaskUseCaseName, true>;

const isUseCaseName = (name: string): name is TaskUseCaseName => Object.hasOwn(USE_CASES, name);

/** `get-task` → `getTask`; a bundle that names no use case is an error. */
export const useCaseOfBundle = (bundle: string): TaskUseCaseName => {
  const name = bundle.replace(/-(\w)/g, (_match, letter: string) => letter.toUpperCase());
  if (!isUseCaseName(name)) throw new Error(`The bundle ${bundle} names no use case`);
  return name;
};

/** The template's routes with their use cases. */
export const operationRoutesOf = (routes: readonly TemplateOperationRoute[]): OperationRoute[] =>
  routes.map(({ method, path, bundle }) => ({ method, path, useCase: useCaseOfBundle(bundle) }));
