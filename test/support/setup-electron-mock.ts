// Every test file sees the shared Electron fake instead of the real package (DESIGN.md §8).
import { vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock.ts'));
