/** The part of autocannon's programmatic API the benchmark uses (it ships no types). */
declare module 'autocannon' {
  interface Histogram {
    readonly average: number;
    /** For `requests`: how many were answered. */
    readonly total: number;
    readonly p50: number;
    readonly p99: number;
  }
  interface Result {
    readonly requests: Histogram;
    readonly latency: Histogram;
    readonly non2xx: number;
    readonly errors: number;
    readonly timeouts: number;
    /** How long the load ran, in seconds. */
    readonly duration: number;
  }
  interface Options {
    readonly url: string;
    readonly method?: string;
    readonly body?: string;
    readonly headers?: Record<string, string>;
    readonly connections?: number;
    readonly duration?: number;
    readonly timeout?: number;
  }
  export default function autocannon(options: Options): Promise<Result>;
}
