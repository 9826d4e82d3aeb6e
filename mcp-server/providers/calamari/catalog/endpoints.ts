// What the catalog sends of its own: nothing. The person's projects are kept by the root (context.ts, projects; the
// list kept for other engines in kept-projects.ts), as the shifts book on them too.
export const catalogEndpoints = (): Record<never, never> => ({});

export type CatalogEndpoints = ReturnType<typeof catalogEndpoints>;
