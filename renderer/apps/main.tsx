// The entry of Punchcard's MCP Apps: one script for the four pages (mcp-server/apps/pages.ts); the
// page's root element names the app to draw.
import { createRoot } from 'react-dom/client';
import { LeaveApp } from './leave.tsx';
import { SuggestedDayApp } from './suggested-day.tsx';
import { TimerApp } from './timer.tsx';
import { WeekApp } from './week.tsx';
import './apps.css';

const APPS = { timer: TimerApp, week: WeekApp, leave: LeaveApp, 'suggested-day': SuggestedDayApp };
const name = document.documentElement.dataset.app as keyof typeof APPS | undefined;
const App = name ? APPS[name] : undefined;
const root = document.getElementById('root');
if (!root || !App) throw new Error(`This page names no Punchcard app (data-app="${name ?? ''}").`);
createRoot(root).render(<App />);
