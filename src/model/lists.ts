/** Two lists with the same items (by identity), in the same order: how the memos tell that what a result was made from is unchanged. */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The last `count` items that pass, in their order, looked for from the end: a page that shows the latest days reads a few, not a journal's years. */
export function lastOf<T>(items: readonly T[], count: number, test: (item: T) => boolean): T[] {
  const out: T[] = [];
  for (let i = items.length - 1; i >= 0 && out.length < count; i--) if (test(items[i]!)) out.push(items[i]!);
  return out.reverse();
}
