// What leave sends: nothing. Harvest's API keeps no time off (docs/back-ends/harvest.md, "What Harvest does not have").
export const leaveEndpoints = (): Record<never, never> => ({});

export type LeaveEndpoints = ReturnType<typeof leaveEndpoints>;
