import { parse } from 'yaml';
import type { Ctx } from '../context';
import { Invalid } from '../errors';
import { readChartArchive } from './chart-archive';
import { createAppVersion } from './create';
import { assertMayWrite } from './project';
import type { ChartInfo } from './spec';
import type { AppVersionView } from './view';

/** Helm's chart name rule and SemVer 2 for the chart's version. */
const CHART_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

function refuse(reason: string): never {
  throw new Invalid({ chart: reason });
}

function yamlOf(file: string, buf: Buffer): unknown {
  const text = buf.toString('utf8');
  if (text.includes('\uFFFD')) refuse(`${file} is not UTF-8 text`);
  try {
    return parse(text, { maxAliasCount: 100 });
  } catch (err) {
    refuse(`${file} is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a chart package as Helm would load it: one top-level directory
 * holding Chart.yaml (apiVersion v1 or v2, a name, a SemVer version),
 * values.yaml as a mapping (or empty), and templates/ with at least one
 * file for an application chart. Returns what the catalog shows.
 */
export function inspectChart(archive: Buffer): ChartInfo {
  const files = readChartArchive(archive);
  const tops = new Set([...files.keys()].map((n) => n.split('/')[0]));
  if (tops.size !== 1 || [...files.keys()].some((n) => !n.includes('/'))) refuse('all files must be inside one top-level directory (the chart\'s name), as helm package writes them');
  const [dir] = tops;
  const rel = new Map([...files].map(([n, b]) => [n.slice(dir.length + 1), b]));
  const chartFile = rel.get('Chart.yaml');
  if (!chartFile) refuse(`${dir}/Chart.yaml is missing`);
  const meta = yamlOf('Chart.yaml', chartFile);
  if (!isMap(meta)) refuse('Chart.yaml must be a mapping');
  const str = (k: string) => (meta[k] === undefined || meta[k] === null ? undefined : String(meta[k]));
  const apiVersion = str('apiVersion');
  if (apiVersion !== 'v1' && apiVersion !== 'v2') refuse('Chart.yaml: apiVersion must be v1 or v2');
  const name = str('name');
  if (!name) refuse('Chart.yaml: name is required');
  if (!CHART_NAME.test(name) || name.length > 63) refuse('Chart.yaml: name must be lowercase letters, digits and - (at most 63)');
  const version = str('version');
  if (!version) refuse('Chart.yaml: version is required');
  if (!SEMVER.test(version)) refuse(`Chart.yaml: version "${version}" is not a SemVer 2 version`);
  const type = str('type');
  if (type !== undefined && type !== 'application' && type !== 'library') refuse('Chart.yaml: type must be application or library');
  let values = '';
  const valuesFile = rel.get('values.yaml');
  if (valuesFile) {
    const v = yamlOf('values.yaml', valuesFile);
    if (v !== null && v !== undefined && !isMap(v)) refuse('values.yaml must be a mapping');
    values = valuesFile.toString('utf8');
  }
  const templates = [...rel].filter(([p]) => p.startsWith('templates/')).map(([path, b]) => ({ path, content: b.toString('utf8') }));
  if (type !== 'library' && templates.length === 0) refuse('templates/ holds no files; an application chart needs at least one template');
  for (const t of templates) if (t.content.includes('\uFFFD')) refuse(`${t.path} is not UTF-8 text`);
  return {
    apiVersion, name, version, appVersion: str('appVersion'), description: str('description'), type,
    values, templates: templates.sort((a, b) => a.path.localeCompare(b.path)), files: [...rel.keys()].sort(),
  };
}

/** `POST /v1/app/chart`: a chart version of an application. */
export async function createChartVersion(ctx: Ctx, input: { appName: string; version: string; projectName?: string; archive: Buffer }): Promise<AppVersionView> {
  assertMayWrite(ctx, 'applications');
  const chart = inspectChart(input.archive);
  return createAppVersion(ctx, {
    appName: input.appName, version: input.version, projectName: input.projectName, kind: 'chart',
    chart, chartArchive: input.archive.toString('base64'), chartSizeBytes: input.archive.length,
  });
}
