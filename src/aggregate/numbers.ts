/** The sum of some numbers (0 for none). */
export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** The mean of some numbers; callers make sure there is at least one. */
export function mean(values: readonly number[]): number {
  return sum(values) / values.length;
}
