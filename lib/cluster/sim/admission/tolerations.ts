import type { KindInfo } from '../kinds';
import { isPlainObject, type K8sObject } from '../objects';

const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';
/** The DefaultTolerationSeconds plugin's default: 300 s on a failed node before eviction. */
export const DEFAULT_TOLERATION_SECONDS = 300;

/**
 * DefaultTolerationSeconds admission (mutating, so it runs before quota):
 * pods tolerate not-ready and unreachable nodes for 300 s unless they
 * already say how long (or tolerate everything).
 */
export function admitDefaultTolerations(k: KindInfo, obj: K8sObject): void {
  if (k.group !== '' || k.plural !== 'pods') return;
  const spec = isPlainObject(obj.spec) ? obj.spec : (obj.spec = {}) as Record<string, unknown>;
  const tolerations = Array.isArray(spec.tolerations) ? [...(spec.tolerations as Array<Record<string, unknown>>)] : [];
  const covers = (key: string) => tolerations.some((t) => (t.operator === 'Exists' && !t.key) || (t.key === key && (!t.effect || t.effect === 'NoExecute')));
  for (const key of [NOT_READY, UNREACHABLE]) {
    if (!covers(key)) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
  }
  spec.tolerations = tolerations;
}
