// "Did you mean …?": how far a word is from a name, and which name a word is a likely typo of.

/**
 * Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`: the optimal
 * string alignment distance, so "histroy" is one edit from "history".
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0]![j] = j;
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * The name `word` is most likely a typo of, or undefined. Short words are close to many ordinary
 * words ("unit", "rust"), so: one edit for any name, two only for names of 7 letters or more and
 * when the first letter is right ("histroy" → "history" is one swap; "mystery" is not "history").
 * Names under 4 letters, and words under 3, are never matched. Case is ignored.
 */
export function likelyTypoOf(word: string, names: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  if (lower.length < 3) return undefined;
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    if (name.length < 4) continue;
    const distance = editDistance(lower, name);
    const allowed = name.length >= 7 && lower[0] === name[0] ? 2 : 1;
    if (distance <= allowed && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}
