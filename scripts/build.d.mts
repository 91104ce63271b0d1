// Types of scripts/build.mjs for the TypeScript that imports it (the test set-up).
export const DIST: string;
export function buildDist(): Promise<'built' | 'up to date'>;
