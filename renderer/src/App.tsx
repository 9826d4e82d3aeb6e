// The window's shell: a navigation list on the left and the screen on the right. The screen follows
// `location.hash` (#status, #tools, …), so the tray's "Connect AI clients…" and deep links land on
// the right screen. Screens stay mounted once visited, keeping unsaved input and scroll position.
import { Component, lazy, Suspense, useEffect, useRef, useState, useSyncExternalStore, type KeyboardEvent, type ReactNode } from 'react';
import type { Screen } from '../../window-contract/channels.ts';
import { isScreen, SCREEN_TITLES, SCREENS } from './bridge.ts';
import { IdlePrompt } from './IdlePrompt.tsx';
import { UpdateBar } from './Updates.tsx';
import { Loading } from './components.tsx';
import { AccountScreen } from './screens/Account.tsx';
import { ConnectScreen } from './screens/Connect.tsx';
import { PreferencesScreen } from './screens/Preferences.tsx';
import { StatusScreen } from './screens/Status.tsx';
import { ToolsScreen } from './screens/Tools.tsx';

// The daily screens load when first shown: a window opened for the timer parses none of them.
const TimesheetScreen = lazy(() => import('./screens/Timesheet.tsx').then((module) => ({ default: module.TimesheetScreen })));
const ReportsScreen = lazy(() => import('./screens/Reports.tsx').then((module) => ({ default: module.ReportsScreen })));
const LeaveScreen = lazy(() => import('./screens/Leave.tsx').then((module) => ({ default: module.LeaveScreen })));
const CalendarScreen = lazy(() => import('./screens/Calendar.tsx').then((module) => ({ default: module.CalendarScreen })));
const TeamScreen = lazy(() => import('./screens/Team.tsx').then((module) => ({ default: module.TeamScreen })));
const ApprovalsScreen = lazy(() => import('./screens/Approvals.tsx').then((module) => ({ default: module.ApprovalsScreen })));
const AdministrationScreen = lazy(() => import('./screens/Administration.tsx').then((module) => ({ default: module.AdministrationScreen })));
import { REVALIDATE_ON_SHOW, SCREEN_STORES, stores } from './store.ts';

export function screenFromHash(hash: string): Screen {
  const name = hash.replace(/^#\/?/, '').toLowerCase();
  return isScreen(name) ? name : 'status';
}

function subscribeHash(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

export function useScreen(): Screen {
  return useSyncExternalStore(subscribeHash, () => screenFromHash(location.hash));
}

const RENDER: Record<Screen, () => ReactNode> = {
  status: () => <StatusScreen />,
  timesheet: () => <TimesheetScreen />,
  reports: () => <ReportsScreen />,
  leave: () => <LeaveScreen />,
  calendar: () => <CalendarScreen />,
  team: () => <TeamScreen />,
  approvals: () => <ApprovalsScreen />,
  admin: () => <AdministrationScreen />,
  tools: () => <ToolsScreen />,
  connect: () => <ConnectScreen />,
  account: () => <AccountScreen />,
  preferences: () => <PreferencesScreen />,
};

const ICONS: Record<Screen, string> = {
  status: 'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13Zm0 1.5a5 5 0 1 1 0 10A5 5 0 0 1 8 3Zm-.75 1.75v3.56l2.72 2.72 1.06-1.06-2.28-2.28V4.75h-1.5Z',
  timesheet: 'M2 2.5h12v11H2Zm1.5 3v6.5h9V5.5Zm1 1.5h3v1.5h-3Zm4.5 0h2.5v1.5H9Zm-4.5 2.5h3V11h-3Zm4.5 0h2.5V11H9Z',
  reports: 'M2 13.5h12V15H2Zm1-5h2.5v4H3Zm3.75-4h2.5v8h-2.5ZM10.5 7H13v5.5h-2.5Z',
  leave: 'M8 1.5a4.5 4.5 0 0 1 4.5 4.5H9.25v7.25h1.25v1.25h-5v-1.25h1.25V6H3.5A4.5 4.5 0 0 1 8 1.5Z',
  calendar: 'M4.5 1.5H6V3h4V1.5h1.5V3H14v11H2V3h2.5Zm-1 5v6h9v-6Zm1.5 1.5h2v2H5Zm3.5 0h2v2h-2Z',
  team: 'M5.5 2.5a2.25 2.25 0 1 1 0 4.5a2.25 2.25 0 0 1 0-4.5Zm5.5 1a1.75 1.75 0 1 1 0 3.5a1.75 1.75 0 0 1 0-3.5ZM5.5 8.25c2.5 0 4.5 1.25 4.5 3v1.75H1v-1.75c0-1.75 2-3 4.5-3Zm5.5.5c1.9 0 3.5 1 3.5 2.4V13h-3v-1.75c0-.95-.35-1.8-1-2.45Z',
  approvals: 'M2.5 2h8.5l2.5 2.5V14h-11Zm1.5 1.5v9h8V5.2L10.4 3.5Zm5.9 3.2 1.1 1.05-3.9 4-2.35-2.4 1.1-1.05 1.25 1.3Z',
  admin:
    'M8 1.25 13.5 3.5v4c0 3.4-2.3 6.1-5.5 7.25C4.8 13.6 2.5 10.9 2.5 7.5v-4Zm0 1.6L4 4.5v3c0 2.55 1.6 4.7 4 5.7 2.4-1 4-3.15 4-5.7v-3Zm-.75 2.4h1.5V8h-1.5Zm0 3.75h1.5v1.5h-1.5Z',
  tools: 'M3 3.25h10v1.5H3zm0 4h10v1.5H3zm0 4h10v1.5H3zM5 2h1.5v4H5zm4.5 4H11v4H9.5zM5 10h1.5v4H5z',
  connect: 'M6 1.5h1.5V4h1V1.5H10V4h1.25v3.5a3.25 3.25 0 0 1-2.5 3.16V14.5h-1.5v-3.84A3.25 3.25 0 0 1 4.75 7.5V4H6Z',
  account: 'M8 2a3 3 0 1 1 0 6 3 3 0 0 1 0-6Zm0 7.25c3 0 5.5 1.5 5.5 3.5v1.25h-11v-1.25c0-2 2.5-3.5 5.5-3.5Z',
  preferences: 'M2.5 4h6.6a2 2 0 0 1 3.8 0h.6v1.5h-.6a2 2 0 0 1-3.8 0H2.5Zm0 6.5h.6a2 2 0 0 1 3.8 0h6.6V12H6.9a2 2 0 0 1-3.8 0h-.6Z',
};

/** A screen that fails to render says so in its place; the navigation and other screens keep working. */
class ScreenBoundary extends Component<{ children: ReactNode }, { message: string | null }> {
  override state = { message: null as string | null };

  static getDerivedStateFromError(error: unknown) {
    return { message: error instanceof Error ? error.message : String(error) };
  }

  override render() {
    if (this.state.message === null) return this.props.children;
    return (
      <p className="message error" role="alert">
        This screen could not be shown ({this.state.message}). Close the window and open it again from the tray.
      </p>
    );
  }
}

/** Whether the engine offers the team tools: only then is Team in the navigation. */
function useTeamAvailable(): boolean {
  return useSyncExternalStore(stores.status.subscribe, () => stores.status.get().data?.teamAvailable === true);
}

/** Whether the engine offers the person the decision of others' timesheets: only then is Approvals in the navigation. */
function useDecidesTimesheets(): boolean {
  return useSyncExternalStore(stores.status.subscribe, () => stores.status.get().data?.decidesTimesheets === true);
}

/** Whether the back end says the person administers something: only then is Administration in the navigation. */
function useAdministers(): boolean {
  return useSyncExternalStore(stores.status.subscribe, () => (stores.status.get().data?.adminSections.length ?? 0) > 0);
}

export function App() {
  const screen = useScreen();
  const teamAvailable = useTeamAvailable();
  const administers = useAdministers();
  const decidesTimesheets = useDecidesTimesheets();
  // A deep link to Team, Approvals or Administration still lands there, and the screen says why it has nothing to show.
  const offered: Partial<Record<Screen, boolean>> = { team: teamAvailable, approvals: decidesTimesheets, admin: administers };
  const navigation = SCREENS.filter((name) => offered[name] !== false || screen === name);
  const [visited, setVisited] = useState<ReadonlySet<Screen>>(() => new Set([screen]));
  const shown = useRef<Screen | null>(null);
  const navRef = useRef<HTMLUListElement>(null);

  if (!visited.has(screen)) setVisited(new Set([...visited, screen]));

  useEffect(() => {
    document.title = `${SCREEN_TITLES[screen]} – Punchcard`;
    const previous = shown.current;
    shown.current = screen;
    if (previous === null) return;
    for (const store of SCREEN_STORES[screen]) {
      if (REVALIDATE_ON_SHOW.has(screen)) void store.load();
      else void store.ensure();
    }
  }, [screen]);

  // One tab stop for the navigation (the current screen); arrow keys, Home and End move between its
  // items, Enter or Space opens one.
  const onNavKey = (event: KeyboardEvent<HTMLUListElement>) => {
    const links = [...(navRef.current?.querySelectorAll('a') ?? [])];
    const index = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (index < 0) return;
    const next = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: links.length - 1 }[event.key];
    if (next === undefined) {
      if (event.key === ' ') {
        event.preventDefault();
        links[index]?.click();
      }
      return;
    }
    event.preventDefault();
    links[(next + links.length) % links.length]?.focus();
  };

  return (
    <div className="app">
      <nav className="sidebar" aria-label="Punchcard">
        <ul ref={navRef} onKeyDown={onNavKey}>
          {navigation.map((name) => (
            <li key={name} className={name === 'tools' ? 'nav-group-start' : undefined}>
              <a href={`#${name}`} aria-current={name === screen ? 'page' : undefined} tabIndex={name === screen ? 0 : -1} title={SCREEN_TITLES[name]}>
                <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                  <path d={ICONS[name]} />
                </svg>
                <span className="nav-label">{SCREEN_TITLES[name]}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <IdlePrompt />
      <main className="content">
        <UpdateBar />
        {SCREENS.filter((name) => visited.has(name)).map((name) => (
          <section key={name} className={`screen screen-${name}`} hidden={name !== screen} aria-label={SCREEN_TITLES[name]}>
            <ScreenBoundary>
              <Suspense fallback={<Loading what={`Loading ${SCREEN_TITLES[name]}`} />}>{RENDER[name]()}</Suspense>
            </ScreenBoundary>
          </section>
        ))}
      </main>
    </div>
  );
}
