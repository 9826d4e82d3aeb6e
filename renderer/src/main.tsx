// The settings window's entry. Data requests start before React renders the shell, the opening
// screen's first; the other screens load right after, so switching screens shows data at once.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, screenFromHash } from './App.tsx';
import { api, isScreen, SCREENS } from './bridge.ts';
import { SCREEN_STORES, stores } from './store.ts';
import './styles.css';

const opening = screenFromHash(location.hash);
void Promise.allSettled(SCREEN_STORES[opening].map((store) => store.load())).then(() => {
  for (const screen of SCREENS) for (const store of SCREEN_STORES[screen]) void store.ensure();
});

api.on('statusChanged', (status) => stores.status.set(status));
api.on('showScreen', (screen) => {
  if (isScreen(screen)) location.hash = `#${screen}`;
});
// Coming back to a hidden window: the timer and the clients' files may have changed meanwhile.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState !== 'visible') return;
  void stores.status.load();
  if (stores.clients.get().data) void stores.clients.load();
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
