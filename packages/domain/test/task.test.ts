import { describe, expect, it } from 'vitest';
import {
  CreateTaskInputSchema,
  parseInput,
  TaskPatchSchema,
  ValidationError,
} from '../src/index.js';

const issuesOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected a ValidationError');
};
const create = (body: unknown) => parseInput(CreateTaskInputSchema, body);

describe('title', () => {
  it('is trimmed', () => {
    expect(create({ title: '  Finish cloud project \n' }).title).toBe('Finish cloud project');
  });

  it.each([
    ['empty', ''],
    ['only spaces', '   '],
    ['201 characters', 'x'.repeat(201)],
    ['201 emoji (402 UTF-16 units)', '🚀'.repeat(201)],
    ['a NUL inside', 'a\u0000b'],
    ['a line break inside', 'a\nb'],
    ['an escape character', 'a\u001bb'],
    ['DEL', 'a\u007fb'],
    ['a lone surrogate', 'a\ud800b'],
    ['a number', 42],
    ['null', null],
  ])('is rejected when %s', (_, title) => {
    expect(issuesOf(() => create({ title }))).toEqual([
      { path: 'title', message: expect.any(String) },
    ]);
  });

  it.each([
    ['1 character', 'x'],
    ['200 characters', 'x'.repeat(200)],
    ['200 emoji (a person counts characters, not UTF-16 units)', '🚀'.repeat(200)],
    ['200 characters once trimmed', `  ${'x'.repeat(200)}  `],
    ['accents and scripts', 'Résumé — 日本語 — עברית'],
  ])('is accepted with %s', (_, title) => {
    expect(create({ title }).title).toBe(title.trim());
  });

  it('is required', () => {
    expect(issuesOf(() => create({}))).toEqual([{ path: 'title', message: expect.any(String) }]);
  });
});

describe('description', () => {
  it.each([
    ['2,000 characters', 'd'.repeat(2000)],
    ['line breaks and tabs', 'line one\n\tline two\r\n'],
    ['an empty string', ''],
  ])('is accepted with %s', (_, description) => {
    expect(create({ title: 't', description }).description).toBe(description);
  });

  it.each([
    ['2,001 characters', 'd'.repeat(2001)],
    ['a NUL', 'a\u0000'],
    ['a lone surrogate', '\udc00'],
    ['null on create', null],
  ])('is rejected with %s', (_, description) => {
    expect(issuesOf(() => create({ title: 't', description }))).toEqual([
      { path: 'description', message: expect.any(String) },
    ]);
  });
});

describe('create input', () => {
  it('rejects every unknown field by name, so a client cannot set the id, dates or owner', () => {
    expect(issuesOf(() => create({ title: 't', taskId: 'x', owner: 'eve', version: 9 }))).toEqual([
      { path: 'taskId', message: 'is not a known field' },
      { path: 'owner', message: 'is not a known field' },
      { path: 'version', message: 'is not a known field' },
    ]);
  });

  it('lists a problem for every bad field at once', () => {
    const issues = issuesOf(() => create({ title: '', status: 'LATER', description: 5 }));
    expect(issues.map((issue) => issue.path).sort()).toEqual(['description', 'status', 'title']);
  });

  it.each([[[]], ['text'], [7], [null], [undefined]])(
    'rejects a body that is not an object: %j',
    (body) => {
      expect(issuesOf(() => create(body))).toEqual([{ path: '', message: expect.any(String) }]);
    },
  );
});

describe('patch', () => {
  it('rejects an empty patch', () => {
    expect(issuesOf(() => parseInput(TaskPatchSchema, {}))).toEqual([
      { path: '', message: 'must change at least one of title, description, status' },
    ]);
  });

  it('accepts description: null, which removes it', () => {
    expect(parseInput(TaskPatchSchema, { description: null })).toEqual({ description: null });
  });

  it('rejects null for title and status, and unknown fields', () => {
    const issues = issuesOf(() =>
      parseInput(TaskPatchSchema, { title: null, status: null, createdAt: 'x' }),
    );
    expect(issues.map((issue) => issue.path).sort()).toEqual(['createdAt', 'status', 'title']);
  });
});
