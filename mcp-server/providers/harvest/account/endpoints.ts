// What the account sends of its own: nothing. The person, the company and the account are the root's (context.ts),
// as every capability reads them.
export const accountEndpoints = (): Record<never, never> => ({});

export type AccountEndpoints = ReturnType<typeof accountEndpoints>;
