/** The value below which `fraction` of the sorted samples fall (nearest rank). */
export const percentile = (samples: readonly number[], fraction: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ??
    Number.NaN
  );
};

export const median = (samples: readonly number[]): number => percentile(samples, 0.5);

export const ratio = (measured: number, baseline: number): string =>
  `${(measured / baseline).toFixed(2)}×`;

export const kilobytes = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

export const milliseconds = (value: number): string => `${value.toFixed(1)} ms`;
