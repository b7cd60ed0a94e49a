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

describe('title, against text that shows nothing or reorders what is shown', () => {
  const messagesOf = (title: string) =>
    issuesOf(() => create({ title })).map((issue) => `${issue.path}: ${issue.message}`);

  it.each([
    ['a zero-width space (U+200B)', '\u200b'],
    ['a word joiner (U+2060)', '\u2060'],
    ['a byte order mark (U+FEFF)', '\ufeff'],
    ['zero-width joiners and non-joiners', '\u200d\u200c\u200d'],
    ['a soft hyphen (U+00AD)', '\u00ad'],
    ['a Hangul filler (U+3164)', '\u3164'],
    ['a variation selector (U+FE0F)', '\ufe0f'],
    ['tag characters (U+E0041)', '\u{e0041}\u{e007f}'],
    ['an Arabic letter mark (U+061C)', '\u061c'],
    ['a Mongolian vowel separator (U+180E)', '\u180e'],
    ['invisible characters between spaces', '  \u200b \u2060  '],
  ])('is empty when made only of %s', (_, title) => {
    expect(messagesOf(title)).toEqual(['title: must not be empty']);
  });

  it.each([
    ['left-to-right embedding (U+202A)', '\u202a'],
    ['right-to-left embedding (U+202B)', '\u202b'],
    ['pop directional formatting (U+202C)', '\u202c'],
    ['left-to-right override (U+202D)', '\u202d'],
    ['right-to-left override (U+202E)', '\u202e'],
    ['left-to-right isolate (U+2066)', '\u2066'],
    ['right-to-left isolate (U+2067)', '\u2067'],
    ['first strong isolate (U+2068)', '\u2068'],
    ['pop directional isolate (U+2069)', '\u2069'],
  ])('refuses a %s among visible text', (_, control) => {
    expect(messagesOf(`invoice${control}fdp.exe`)).toEqual([
      'title: must not contain bidirectional embedding, override or isolate controls',
    ]);
  });

  it.each([
    ['an emoji sequence joined by ZWJ', '👩‍💻 Ship it'],
    ['an emoji with its variation selector', 'Love ❤️'],
    ['a flag made of tag characters', 'Go 🏴󠁧󠁢󠁥󠁮󠁧󠁿'],
    ['Persian with a zero-width non-joiner', 'می‌خواهم'],
    ['Hebrew and Arabic, with marks (U+200F, U+200E)', 'עברית\u200f and العربية\u200e'],
    ['a visible character among invisible ones', '\u200bx\u200b'],
  ])('accepts %s, kept as sent', (_, title) => {
    expect(create({ title }).title).toBe(title);
  });
});

describe('description', () => {
  it.each([
    ['a right-to-left override (U+202E)', 'see \u202eexe.txt'],
    ['a first strong isolate (U+2068)', 'a\u2068b\u2069'],
  ])('refuses %s, which reorders what a reader sees', (_, description) => {
    expect(issuesOf(() => create({ title: 't', description }))).toEqual([
      {
        path: 'description',
        message: 'must not contain bidirectional embedding, override or isolate controls',
      },
    ]);
  });

  it('accepts other format characters: joiners, marks, soft hyphens', () => {
    const description = '👩‍💻 re\u00adsume, עברית\u200f, می‌خواهم';
    expect(create({ title: 't', description }).description).toBe(description);
  });

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

  it('says what each field must be, in words', () => {
    expect(issuesOf(() => create({ title: 5, status: 'LATER', description: null }))).toEqual([
      { path: 'title', message: 'must be a string' },
      { path: 'description', message: 'must be a string' },
      { path: 'status', message: 'must be one of "TODO" | "IN_PROGRESS" | "DONE"' },
    ]);
    expect(issuesOf(() => create({ description: 'no title' }))).toEqual([
      { path: 'title', message: 'is required' },
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
