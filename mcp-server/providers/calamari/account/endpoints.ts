// What the account sends of its own: nothing. Who the person is and which modules answer for the key are read through
// what every capability shares (context.ts: the employee, the shift status, the absence types, whom they manage).
export const accountEndpoints = (): Record<never, never> => ({});

export type AccountEndpoints = ReturnType<typeof accountEndpoints>;
