/**
 * `npx tsx lib/tooling/complete-lock.ts` after `npm install`: adds lock
 * entries for other platforms' optional native packages (e.g.
 * @next/swc-darwin-arm64) that the registry reachable from here does not
 * serve, so `npm install` here leaves them out and `npm ci` then refuses the
 * lock as out of sync. Each entry carries the os/cpu/libc its name states, so
 * npm skips it on every other platform, exactly as it would a complete lock.
 */
import { readFileSync, writeFileSync } from 'node:fs';

type Entry = {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  optionalDependencies?: Record<string, string>;
  os?: string[];
  cpu?: string[];
  libc?: string[];
};

const OS = ['darwin', 'win32', 'linux', 'android', 'freebsd', 'openharmony', 'netbsd', 'openbsd', 'sunos', 'aix'];
const CPU: [RegExp, string][] = [
  [/(^|-)arm64(-|$)/, 'arm64'], [/(^|-)x64(-|$)/, 'x64'], [/(^|-)ia32(-|$)/, 'ia32'], [/(^|-)arm(-|$)/, 'arm'],
  [/(^|-)loong64(-|$)/, 'loong64'], [/(^|-)ppc64(-|$)/, 'ppc64'], [/(^|-)riscv64(-|$)/, 'riscv64'],
  [/(^|-)s390x(-|$)/, 's390x'], [/(^|-)wasm32(-|$)/, 'wasm32'],
];

export function platformOf(name: string): Pick<Entry, 'os' | 'cpu' | 'libc'> | null {
  const base = name.split('/').pop() ?? name;
  const cpu = CPU.find(([re]) => re.test(base))?.[1];
  if (!cpu) return null;
  const os = OS.find((o) => base.split('-').includes(o));
  const libc = /-(gnu|gnueabihf)$/.test(base) ? 'glibc' : /-musl(eabihf)?$/.test(base) ? 'musl' : undefined;
  return { ...(os ? { os: [os] } : {}), cpu: [cpu], ...(libc ? { libc: [libc] } : {}) };
}

function main() {
  const path = 'package-lock.json';
  const lock = JSON.parse(readFileSync(path, 'utf8')) as { packages: Record<string, Entry> };
  const added: string[] = [];
  for (const [where, entry] of Object.entries(lock.packages)) {
    for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
      const key = `node_modules/${name}`;
      const nested = `${where}/node_modules/${name}`;
      if (lock.packages[key] || lock.packages[nested]) continue;
      const platform = platformOf(name);
      if (!platform) {
        console.warn(`complete-lock: ${name} (wanted by ${where || 'the root'}) names no platform; left out`);
        continue;
      }
      lock.packages[key] = {
        version: spec.replace(/^[\^~=]/, ''),
        ...(entry.dev ? { dev: true } : {}),
        optional: true,
        ...platform,
      };
      added.push(name);
    }
  }
  lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
  writeFileSync(path, JSON.stringify(lock, null, 2) + '\n');
  console.log(`complete-lock: added ${added.length} entries${added.length ? `: ${added.join(', ')}` : ''}`);
}

if (require.main === module) main();
