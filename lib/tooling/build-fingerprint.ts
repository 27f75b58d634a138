import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** What a production build is made from; a change in any of these means rebuild. */
const INPUTS = ['app', 'components', 'lib', 'db', 'next.config.js', 'postcss.config.mjs', 'tsconfig.json', 'package-lock.json'];
const SKIP = new Set(['node_modules', '.next', 'data', 'migrations']);

function walk(p: string, out: string[]): void {
  if (!existsSync(p)) return;
  if (statSync(p).isDirectory()) {
    for (const name of readdirSync(p).sort()) if (!SKIP.has(name)) walk(path.join(p, name), out);
  } else if (!/\.test\.tsx?$/.test(p)) {
    out.push(p);
  }
}

export function sourceFingerprint(root: string): string {
  const files: string[] = [];
  for (const input of INPUTS) walk(path.join(root, input), files);
  const h = createHash('sha256');
  for (const f of files) {
    h.update(path.relative(root, f));
    h.update('\0');
    h.update(readFileSync(f));
    h.update('\0');
  }
  return h.digest('hex');
}

export function distDir(root: string): string {
  return path.join(root, '.next');
}

/** True when the build in the dist directory was made from the current sources. */
export function buildIsCurrent(root: string, fingerprint: string): boolean {
  const dist = distDir(root);
  const stamp = path.join(dist, 'pier-fingerprint');
  return existsSync(path.join(dist, 'BUILD_ID')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === fingerprint;
}
