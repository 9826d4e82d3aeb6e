// The settings window's entry. Data requests start before React renders the shell, the opening
// screen's first; the other screens load right after, so switching screens shows data at once.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, screenFromHash } from './App.tsx';
import { api, isScreen, SCREENS } from './bridge.ts';
import { mondayOf } from './format.ts';
import { ON_DEMAND, SCREEN_STORES, stores, today } from './store.ts';
import './styles.css';

const opening = screenFromHash(location.hash);
void Promise.allSettled(SCREEN_STORES[opening].map((store) => store.load())).then(() => {
  for (const screen of SCREENS) if (!ON_DEMAND.has(screen)) for (const store of SCREEN_STORES[screen]) void store.ensure();
});

api.on('statusChanged', (status) => {
  stores.status.set(status);
  // The timer changed (the tray, an AI client): this week's timesheet, when shown once, follows.
  const week = stores.timesheet.get(mondayOf(today()));
  if (week.data) void stores.timesheet.of(mondayOf(today())).load();
});
api.on('idleQuestion', (question) => stores.idle.set(question));
api.on('updateChanged', (view) => stores.updates.set(view));
api.on('showScreen', (screen) => {
  if (isScreen(screen)) location.hash = `#${screen}`;
});
// Coming back to a hidden window: the timer and the clients' files may have changed meanwhile.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState !== 'visible') return;
  void stores.status.load();
  void stores.idle.load();
  if (stores.clients.get().data) void stores.clients.load();
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
