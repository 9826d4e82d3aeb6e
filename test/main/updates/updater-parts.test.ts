import { describe, expect, it, vi } from 'vitest';
import type { UpdatePlan } from '../../../main/updates/update-model.ts';
import { configureUpdater, feedSwitcher } from '../../../main/updates/updater.ts';

const plan = (feed: UpdatePlan['feed']): UpdatePlan => ({ block: null, checkAutomatically: true, checkOnRequest: true, feed, restartBySelf: false });

describe('configureUpdater', () => {
  it('downloads by itself, installs on quit, never downgrades, and logs only warnings', () => {
    const log = vi.fn();
    const instance = { autoDownload: false, autoInstallOnAppQuit: false, allowDowngrade: true, logger: null } as Parameters<typeof configureUpdater>[0];
    configureUpdater(instance, log);
    expect(instance).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true, allowDowngrade: false });
    instance.logger?.info('chatter');
    instance.logger?.error('said again by the error event');
    instance.logger?.warn('feed is slow');
    expect(log.mock.calls).toEqual([['Updates: feed is slow']]);
  });
});

describe('feedSwitcher', () => {
  it('leaves the packaged feed alone for the latest release', async () => {
    const instance = { setFeedURL: vi.fn() };
    const useFeed = feedSwitcher(async () => ({ owner: 'o', repo: 'r' }));
    await useFeed(instance, plan({ kind: 'latest' }));
    await useFeed(instance, plan({ kind: 'latest' }));
    expect(instance.setFeedURL).not.toHaveBeenCalled();
  });

  it('points at a pinned release once, and again only when the pin changes', async () => {
    const instance = { setFeedURL: vi.fn() };
    const publishedAt = vi.fn(async () => ({ owner: 'acme', repo: 'punchcard' }));
    const useFeed = feedSwitcher(publishedAt);
    await useFeed(instance, plan({ kind: 'pinned', version: '1.4.0' }));
    await useFeed(instance, plan({ kind: 'pinned', version: '1.4.0' }));
    await useFeed(instance, plan({ kind: 'pinned', version: '1.5.0' }));
    expect(instance.setFeedURL.mock.calls).toEqual([
      [{ provider: 'generic', url: 'https://github.com/acme/punchcard/releases/download/v1.4.0/' }],
      [{ provider: 'generic', url: 'https://github.com/acme/punchcard/releases/download/v1.5.0/' }],
    ]);
  });

  it('refuses to go back to the latest release once pinned, and a pin without a known publisher', async () => {
    const instance = { setFeedURL: vi.fn() };
    const useFeed = feedSwitcher(async () => ({ owner: 'acme', repo: 'punchcard' }));
    await useFeed(instance, plan({ kind: 'pinned', version: '1.4.0' }));
    await expect(useFeed(instance, plan({ kind: 'latest' }))).rejects.toThrow('restart Punchcard to follow the latest release');
    await expect(feedSwitcher(undefined)(instance, plan({ kind: 'pinned', version: '1.4.0' }))).rejects.toThrow(
      'does not say where its releases are published',
    );
  });
});
