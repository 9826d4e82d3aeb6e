// What the tests that open things share: whatever a test opens (a fake back end, engines, a local timesheet) is
// closed after it, newest first, so an engine goes before the fake it talks to.
import { afterEach } from 'vitest';

interface Closable {
  close(): void | Promise<void>;
}

/** Returns `opened(item)`, which hands `item` back and closes it after the test, once. */
export function closeAfterEach(): <T extends Closable>(item: T) => T {
  const open: Closable[] = [];
  afterEach(async () => {
    for (const item of open.splice(0).reverse()) await item.close();
  });
  return (item) => {
    let closed = false;
    const original = item.close.bind(item);
    item.close = async () => {
      if (closed) return;
      closed = true;
      await original();
    };
    open.push(item);
    return item;
  };
}
