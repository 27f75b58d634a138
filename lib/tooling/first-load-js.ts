/**
 * `npm run first-load-js`: the JavaScript each page of the production build
 * makes a browser load before it is interactive, per route, from the build's
 * own manifests (Next.js 16's `next build` no longer prints it): the root
 * main files every page loads (build-manifest.json) plus the entry chunks of
 * the page, its layouts and error boundaries (the page's
 * client-reference manifest, `entryJSFiles`). Sizes are gzip (level 6, as a
 * server compresses them) and uncompressed. Lazily loaded chunks
 * (`next/dynamic`, e.g. the YAML editor) are not in it, by design.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { distDir } from './build-fingerprint';

type Manifest = { entryJSFiles?: Record<string, string[]> };

function manifests(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) manifests(p, out);
    else if (name === 'page_client-reference-manifest.js') out.push(p);
  }
  return out;
}

/** The route of a page's manifest, as the build prints it: route groups like `(console)` are not in the URL. */
function routeOf(appDir: string, file: string): string {
  const rel = path.relative(appDir, path.dirname(file)).split(path.sep).filter((s) => !/^\(.*\)$/.test(s));
  return `/${rel.join('/')}`;
}

export function firstLoadJs(root: string): Array<{ route: string; chunks: number; gzipKiB: number; rawKiB: number }> {
  const dist = distDir(root);
  const build = JSON.parse(readFileSync(path.join(dist, 'build-manifest.json'), 'utf8')) as { rootMainFiles: string[] };
  const sizes = new Map<string, { gz: number; raw: number }>();
  const size = (chunk: string) => {
    let s = sizes.get(chunk);
    if (!s) {
      const body = readFileSync(path.join(dist, chunk));
      s = { gz: gzipSync(body, { level: 6 }).length, raw: body.length };
      sizes.set(chunk, s);
    }
    return s;
  };
  const appDir = path.join(dist, 'server', 'app');
  return manifests(appDir).map((file) => {
    // The manifest is a script that assigns globalThis.__RSC_MANIFEST[page]; run it in a sandbox to read it.
    const sandbox = { globalThis: {} as { __RSC_MANIFEST?: Record<string, Manifest> } };
    runInNewContext(readFileSync(file, 'utf8'), sandbox);
    const chunks = new Set(build.rootMainFiles);
    for (const m of Object.values(sandbox.globalThis.__RSC_MANIFEST ?? {})) {
      for (const list of Object.values(m.entryJSFiles ?? {})) for (const c of list) chunks.add(c);
    }
    const all = [...chunks].map(size);
    return {
      route: routeOf(appDir, file),
      chunks: chunks.size,
      gzipKiB: Math.round(all.reduce((n, s) => n + s.gz, 0) / 102.4) / 10,
      rawKiB: Math.round(all.reduce((n, s) => n + s.raw, 0) / 102.4) / 10,
    };
  }).sort((a, b) => a.route.localeCompare(b.route));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  console.table(firstLoadJs(process.cwd()));
}
