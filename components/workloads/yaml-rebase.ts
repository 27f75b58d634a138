import { parse, parseDocument } from 'yaml';

interface Meta { metadata?: { generation?: number; resourceVersion?: string } }

function metaOf(text: string): Meta['metadata'] {
  try {
    return (parse(text) as Meta | null)?.metadata;
  } catch {
    return undefined;
  }
}

/**
 * An edited YAML carries the resourceVersion it was read at; controllers
 * bump that with every status write, so a save soon after would be refused
 * as a conflict though nobody changed the spec. When the live object's
 * `generation` (which only spec changes move) is still the one the edit
 * started from, the edit is moved onto the live resourceVersion; otherwise
 * it is left alone and the conflict is real.
 */
export function rebaseOnLive(draft: string, base: string, live: string): string {
  const from = metaOf(base);
  const now = metaOf(live);
  if (!from || !now?.resourceVersion || from.generation === undefined || from.generation !== now.generation) return draft;
  const doc = parseDocument(draft);
  if (doc.errors.length || doc.getIn(['metadata', 'resourceVersion']) !== from.resourceVersion) return draft;
  doc.setIn(['metadata', 'resourceVersion'], now.resourceVersion);
  return doc.toString();
}
