/** Keeps the last `maxLines` lines written to it: enough to explain a failure, bounded. */
export class OutputTail {
  readonly #lines: string[] = [];
  #partial = '';

  constructor(private readonly maxLines = 40) {}

  /** Appends a chunk of output; `onLine` receives each completed line. */
  write(chunk: Buffer | string, onLine?: (line: string) => void): void {
    const lines = (this.#partial + chunk.toString()).split(/\r?\n/);
    this.#partial = lines.pop() ?? '';
    for (const line of lines) {
      onLine?.(line);
      this.#lines.push(line);
      if (this.#lines.length > this.maxLines) this.#lines.shift();
    }
  }

  /** The kept lines, and any unfinished last line. */
  toString(): string {
    return [...this.#lines, ...(this.#partial === '' ? [] : [this.#partial])].join('\n').trim();
  }
}
