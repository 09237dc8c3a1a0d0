/** How many of something (connections, streams) each key holds open right now; a key at zero is forgotten. */
export interface OpenCounts {
  of(key: string): number;
  take(key: string): void;
  give(key: string): void;
}

export function createOpenCounts(): OpenCounts {
  const counts = new Map<string, number>();
  return {
    of: (key) => counts.get(key) ?? 0,
    take: (key) => void counts.set(key, (counts.get(key) ?? 0) + 1),
    give(key) {
      const left = (counts.get(key) ?? 0) - 1;
      if (left > 0) counts.set(key, left);
      else counts.delete(key);
    },
  };
}
