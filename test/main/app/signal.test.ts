// The app's small events (main/app/signal.ts): how the services and the updater tell the tray and
// the window, which are set up after them (main/index.ts).
import { describe, expect, it, vi } from 'vitest';
import { createSignal } from '../../../main/app/signal.ts';

describe('a signal', () => {
  it('tells every listener each value, from the moment it listens, until it stops', () => {
    const signal = createSignal<number>();
    const early = vi.fn();
    const late = vi.fn();
    const stop = signal.subscribe(early);
    signal.publish(1);
    signal.subscribe(late);
    signal.publish(2);
    stop();
    signal.publish(3);
    expect(early.mock.calls).toEqual([[1], [2]]);
    expect(late.mock.calls).toEqual([[2], [3]]);
  });

  it('tells a value to everyone listening when it is published, even one another listener stops meanwhile', () => {
    const signal = createSignal();
    const heard: string[] = [];
    let stopB = () => {};
    signal.subscribe(() => {
      heard.push('a');
      stopB();
    });
    stopB = signal.subscribe(() => heard.push('b'));
    signal.publish();
    signal.publish();
    expect(heard).toEqual(['a', 'b', 'a']);
  });
});
