import { openStore } from './client';
import { migrate, migrationStatus } from './migrate';

async function main() {
  const store = await openStore();
  try {
    await migrate(store);
    const status = await migrationStatus(store.db);
    console.log(`pier: ${status.applied} of ${status.shipped} migrations applied (${store.driver})`);
  } finally {
    await store.close();
  }
}

main().catch((err) => {
  console.error('pier: migration failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
