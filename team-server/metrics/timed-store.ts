// The store with each request to it timed, for punchcard_store_request_duration_seconds: what people
// wait for when the database is slow (every sign-in, token, rate limit and audit record passes
// through the store), told apart by the Store method that asked (a few dozen, so the label stays
// small). Only where metrics are on: without them the server holds the store itself.
import type { Store } from '../store/store.ts';

/** Told of each request the store answered or failed, and how long it took. */
export type StoreTiming = (operation: string, seconds: number) => void;

/**
 * `store`, with every method that returns a promise timed from the call to its settling, answered or
 * failed alike (a request that waited 5 s for a database that never answered was slow too). Methods
 * are called on the store itself, whose private fields a proxy would not reach; closing is not timed.
 */
export function timedStore(store: Store, timing: StoreTiming): Store {
  return new Proxy(store, {
    get(target, property) {
      const value = Reflect.get(target, property) as unknown;
      if (typeof value !== 'function') return value;
      const method = value as (...params: unknown[]) => unknown;
      if (typeof property !== 'string' || property === 'close') return method.bind(target);
      return (...args: unknown[]) => {
        const started = performance.now();
        const result = method.apply(target, args);
        if (!(result instanceof Promise)) return result;
        const observe = () => timing(property, (performance.now() - started) / 1000);
        result.then(observe, observe);
        return result;
      };
    },
  });
}
