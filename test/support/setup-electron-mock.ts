// Every test file sees the shared Electron fake instead of the real package (docs/decisions.md,
// "Testing without the Electron binary").
import { vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock.ts'));
