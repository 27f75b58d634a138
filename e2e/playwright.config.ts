import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * Playwright against the BUILT console, started the way users start it
 * (`npm start`: build if stale, migrate, seed, serve) on a fresh PGlite.
 */
export const E2E_PORT = Number(process.env.PIER_E2E_PORT || 3210);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_ADMIN_PASSWORD = process.env.PIER_E2E_ADMIN_PASSWORD || 'admin-e2e-pass';
export const E2E_DEMO_PASSWORD = process.env.PIER_E2E_DEMO_PASSWORD || 'demo-e2e-pass';

const root = path.resolve(__dirname, '..');
const dataDir = path.join(os.tmpdir(), `pier-e2e-${E2E_PORT}`);

// Fresh data for every run. Workers load this file too; only the runner
// (which starts the server) may clear the directory.
if (process.env.TEST_WORKER_INDEX === undefined) rmSync(dataDir, { recursive: true, force: true });

export default defineConfig({
  // The sign-in limiter is shared by everything coming from 127.0.0.1.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Per port: Playwright empties its output directory when a run starts, so
  // two runs in one checkout (PIER_E2E_PORT apart) must not share one.
  outputDir: path.join(root, 'test-results', `e2e-${E2E_PORT}`),
  reporter: [['list']],
  use: {
    baseURL: E2E_BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'api',
      testDir: path.join(__dirname, 'api'),
    },
    {
      name: 'browser',
      testDir: path.join(__dirname, 'browser'),
      use: {
        baseURL: E2E_BASE_URL,
        browserName: 'chromium',
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
        },
      },
    },
  ],
  webServer: {
    command: 'npm start',
    cwd: root,
    url: `${E2E_BASE_URL}/readyz`,
    // A first start runs `next build`: about 3 minutes on 2 cores.
    timeout: 420_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(E2E_PORT),
      PIER_DATA_DIR: dataDir,
      PIER_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
      PIER_DEMO_PASSWORD: E2E_DEMO_PASSWORD,
      NEXT_TELEMETRY_DISABLED: '1',
      // The server under test is on the embedded store, whatever the shell says.
      DATABASE_URL: '',
    },
  },
});
