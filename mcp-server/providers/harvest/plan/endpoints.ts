// What the plan sends of its own: nothing. The person's weekly capacity comes with the person (context.ts, me).
export const planEndpoints = (): Record<never, never> => ({});

export type PlanEndpoints = ReturnType<typeof planEndpoints>;
