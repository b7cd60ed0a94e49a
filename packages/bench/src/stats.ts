/** The value below which `fraction` of the sorted samples fall (nearest rank). */
export const percentile = (samples: readonly number[], fraction: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ??
    Number.NaN
  );
};

export const median = (samples: readonly number[]): number => percentile(samples, 0.5);

export const mean = (samples: readonly number[]): number =>
  samples.reduce((total, sample) => total + sample, 0) / samples.length;

export const ratio = (measured: number, baseline: number): string =>
  `${(measured / baseline).toFixed(2)}×`;

/** Each round's ratio of `measured` to `baseline`, both sides' figures of the same round. */
export const roundRatios = (measured: readonly number[], baseline: readonly number[]): number[] =>
  measured.map((value, index) => value / (baseline[index] ?? Number.NaN));

/**
 * The middle half of the rounds' own ratios (25th to 75th percentile, nearest rank), as
 * `rounds 0.97–1.08`: on a shared machine one round's ratio moves by 5 to 10%, and a
 * figure's ratio beside its target says little without it (a target missed in most
 * rounds, or by the figure alone).
 */
export const roundSpread = (ratios: readonly number[]): string =>
  `rounds ${percentile(ratios, 0.25).toFixed(2)}–${percentile(ratios, 0.75).toFixed(2)}`;

export const kilobytes = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

export const milliseconds = (value: number): string => `${value.toFixed(1)} ms`;
