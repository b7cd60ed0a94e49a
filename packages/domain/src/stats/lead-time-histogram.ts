/**
 * Lead times are kept as counts in fixed buckets, so that a day's lead times are a few
 * counters that can be added to, merged over any window, and recounted exactly.
 * Bucket 0 holds lead times under one second; bucket `i` ≥ 1 holds
 * [2^((i-1)/2) s, 2^(i/2) s): each bucket spans a factor of √2, and a percentile is
 * reported as its bucket's geometric middle, within 19 % of the true value
 * (2^(1/4) ≈ 1.19). The last bucket (from about 2.3 years) is open-ended.
 */
export const LEAD_TIME_BUCKETS = 54;

const SECOND_MS = 1000;

/** The bucket of a lead time in milliseconds (negative times, from clock skew, count as 0). */
export const leadTimeBucket = (leadTimeMs: number): number => {
  if (leadTimeMs < SECOND_MS || Number.isNaN(leadTimeMs)) return 0;
  const bucket = 1 + Math.floor(2 * Math.log2(leadTimeMs / SECOND_MS));
  return Math.min(bucket, LEAD_TIME_BUCKETS - 1);
};

/** The value reported for a bucket: its geometric middle (half a second for bucket 0). */
export const bucketValueMs = (bucket: number): number =>
  bucket === 0 ? SECOND_MS / 2 : Math.round(SECOND_MS * 2 ** ((bucket - 1) / 2 + 0.25));

/** Counts per bucket; absent buckets are 0. */
export type LeadTimeHistogram = Readonly<Record<number, number>>;

/**
 * The nearest-rank percentile `p` (0 < p ≤ 1) of the lead times in `histogram`, as its
 * bucket's value; `null` when it holds none.
 */
export const percentileMs = (histogram: LeadTimeHistogram, p: number): number | null => {
  let total = 0;
  for (let bucket = 0; bucket < LEAD_TIME_BUCKETS; bucket++) total += histogram[bucket] ?? 0;
  if (total <= 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (let bucket = 0; bucket < LEAD_TIME_BUCKETS; bucket++) {
    seen += histogram[bucket] ?? 0;
    if (seen >= rank) return bucketValueMs(bucket);
  }
  return bucketValueMs(LEAD_TIME_BUCKETS - 1);
};
