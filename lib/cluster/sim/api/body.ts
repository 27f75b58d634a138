import { parse as parseYaml } from 'yaml';
import { MAX_JSON_BYTES, readLimited } from '@/lib/http/body';
import { badRequest, failureStatus, K8sError } from '../status';
import type { PatchType } from '../store';

function readText(req: Request): Promise<string> {
  return readLimited(req, MAX_JSON_BYTES);
}

const mediaType = (req: Request) => (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();

const unsupported = (type: string) =>
  new K8sError(failureStatus(415, `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`
    + (type ? ` (got ${type})` : ''), 'UnsupportedMediaType'));

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw badRequest(`the body of the request could not be decoded as JSON: ${(err as Error).message}`);
  }
}

function parseYamlBody(text: string): unknown {
  try {
    return parseYaml(text, { schema: 'core', uniqueKeys: true });
  } catch (err) {
    throw badRequest(`the body of the request could not be decoded as YAML: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** A JSON or YAML object body for POST and PUT. */
export async function objectBody(req: Request): Promise<unknown> {
  const type = mediaType(req);
  if (type === 'application/yaml') return parseYamlBody(await readText(req));
  if (type !== 'application/json' && type !== '') throw unsupported(type);
  return parse(await readText(req));
}

/** A PATCH body and how to apply it. */
export async function patchBody(req: Request): Promise<{ type: PatchType; patch: unknown }> {
  const type = mediaType(req);
  const kinds: Record<string, PatchType> = {
    'application/merge-patch+json': 'merge',
    'application/strategic-merge-patch+json': 'strategic',
    'application/json-patch+json': 'json',
  };
  if (!kinds[type]) {
    throw new K8sError(failureStatus(415, `the body of the request was in an unknown format - accepted media types include: `
      + 'application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json', 'UnsupportedMediaType'));
  }
  return { type: kinds[type], patch: parse(await readText(req)) };
}

/** DELETE's optional DeleteOptions body. */
export async function deleteOptionsBody(req: Request): Promise<Record<string, unknown>> {
  const text = (await readText(req)).trim();
  if (!text) return {};
  const v = parse(text);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw badRequest('DeleteOptions must be a JSON object');
  return v as Record<string, unknown>;
}
