/**
 * The body of the controllers' worker thread (see thread.ts): its own store
 * (its own PostgreSQL pool), the catalog's image resolver for the kubelet,
 * and a manager per simulated cluster, stopped when the parent says so.
 */
import { parentPort } from 'node:worker_threads';
import { getStore } from '@/lib/http/store';
import { installCatalogImageResolver } from '@/lib/images/kubelet-resolver';
import { startControllers } from './start';

async function main() {
  const store = await getStore();
  installCatalogImageResolver(store.db);
  const running = startControllers(store);
  parentPort?.on('message', (msg) => {
    if (msg !== 'stop') return;
    void running.stop()
      .then(() => store.close())
      .finally(() => process.exit(0));
  });
  parentPort?.postMessage('started');
}

main().catch((err) => {
  console.error('pier controllers thread: could not start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
