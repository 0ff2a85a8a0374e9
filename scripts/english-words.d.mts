export function englishWords(): string[];
