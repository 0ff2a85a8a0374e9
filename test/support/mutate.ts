// Random edits of a valid JSON line, for checking a fast reader against JSON.parse: each mutation
// makes one to three single-character replacements, deletions or insertions drawn from `alphabet`.
// Deterministic (a linear congruential generator from `seed`), so a failure reproduces.
export function* mutations(line: string, alphabet: string, count: number, seed: number): Generator<string> {
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000;
  for (let k = 0; k < count; k++) {
    const chars = [...line];
    for (let m = 1 + Math.floor(rand() * 3); m > 0; m--) {
      const i = Math.floor(rand() * chars.length);
      const c = alphabet[Math.floor(rand() * alphabet.length)]!;
      const op = rand();
      if (op < 0.4) chars[i] = c;
      else if (op < 0.7) chars.splice(i, 1);
      else chars.splice(i, 0, c);
    }
    yield chars.join('');
  }
}
