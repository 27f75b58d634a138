import type { Affinity, NodeSelectorRequirement, NodeSelectorTerm, PodAffinityTerm, PodSpec, WeightedPodAffinityTerm, PreferredSchedulingTerm } from 'kubernetes-types/core/v1';
import type { LabelSelectorRequirement } from 'kubernetes-types/meta/v1';
import { splitValues, type SchedulerExpression, type SchedulerRule, type SchedulerStrategy, type SchedulerTerm } from '@/lib/dialects/ecns/workloads';

type Req = NodeSelectorRequirement | LabelSelectorRequirement;

function requirement(e: SchedulerExpression): Req {
  const values = splitValues(e.values);
  return { key: e.key, operator: e.operator, ...(values.length ? { values } : {}) };
}

const expression = (r: Req, weight?: number): SchedulerExpression => ({
  key: r.key,
  operator: r.operator as SchedulerExpression['operator'],
  ...(r.values?.length ? { values: r.values.join(',') } : {}),
  ...(weight !== undefined ? { weight } : {}),
});

/** A soft term's weight: its expressions carry it (the seed puts `weight` there); the largest wins, 1 when none. */
const termWeight = (t: SchedulerTerm) => Math.max(1, ...t.expression.map((e) => e.weight ?? 1));

const nodeTerm = (t: SchedulerTerm): NodeSelectorTerm => ({ matchExpressions: t.expression.map(requirement) as NodeSelectorRequirement[] });
const podTerm = (t: SchedulerTerm): PodAffinityTerm => ({
  topologyKey: t.topology_key!,
  labelSelector: { matchExpressions: t.expression.map(requirement) as LabelSelectorRequirement[] },
});

/** The scheduler strategies → the pod spec's nodeSelector and affinity. */
export function schedulingToKube(list: SchedulerStrategy[] | undefined): Pick<PodSpec, 'nodeSelector' | 'affinity'> {
  const out: Pick<PodSpec, 'nodeSelector' | 'affinity'> = {};
  const affinity: Affinity = {};
  for (const s of list ?? []) {
    if (s.type === 'nodeSelector') {
      out.nodeSelector = {};
      for (const t of s.node_selector?.required ?? []) for (const e of t.expression) out.nodeSelector[e.key] = splitValues(e.values)[0];
    } else if (s.type === 'nodeSelectorTerms') {
      const r = s.node_terms!;
      affinity.nodeAffinity = {};
      if (r.required?.length) affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: r.required.map(nodeTerm) };
      if (r.prefered?.length) {
        affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution = r.prefered.map((t): PreferredSchedulingTerm => ({ weight: termWeight(t), preference: nodeTerm(t) }));
      }
    } else {
      const r = (s.type === 'podAffinity' ? s.pod_affinity : s.pod_anti_affinity)!;
      const part: { requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[]; preferredDuringSchedulingIgnoredDuringExecution?: WeightedPodAffinityTerm[] } = {};
      if (r.required?.length) part.requiredDuringSchedulingIgnoredDuringExecution = r.required.map(podTerm);
      if (r.prefered?.length) part.preferredDuringSchedulingIgnoredDuringExecution = r.prefered.map((t) => ({ weight: termWeight(t), podAffinityTerm: podTerm(t) }));
      affinity[s.type] = part;
    }
  }
  if (Object.keys(affinity).length) out.affinity = affinity;
  return out;
}

function podRule(a: { requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[]; preferredDuringSchedulingIgnoredDuringExecution?: WeightedPodAffinityTerm[] }): SchedulerRule {
  const term = (t: PodAffinityTerm, weight?: number): SchedulerTerm => ({
    topology_key: t.topologyKey,
    expression: [
      ...Object.entries(t.labelSelector?.matchLabels ?? {}).map(([key, v]) => expression({ key, operator: 'In', values: [v] }, weight)),
      ...(t.labelSelector?.matchExpressions ?? []).map((r) => expression(r, weight)),
    ],
  });
  const rule: SchedulerRule = {};
  if (a.requiredDuringSchedulingIgnoredDuringExecution?.length) rule.required = a.requiredDuringSchedulingIgnoredDuringExecution.map((t) => term(t));
  if (a.preferredDuringSchedulingIgnoredDuringExecution?.length) rule.prefered = a.preferredDuringSchedulingIgnoredDuringExecution.map((w) => term(w.podAffinityTerm, w.weight));
  return rule;
}

/** nodeSelector and affinity → the scheduler strategies (matchFields and empty terms have no ECNS form and are left out). */
export function schedulingFromKube(spec: Pick<PodSpec, 'nodeSelector' | 'affinity'>): SchedulerStrategy[] {
  const out: SchedulerStrategy[] = [];
  const sel = Object.entries(spec.nodeSelector ?? {});
  if (sel.length) {
    out.push({ type: 'nodeSelector', node_selector: { required: [{ expression: sel.map(([key, v]) => ({ key, operator: 'In', values: v })) }] } });
  }
  const na = spec.affinity?.nodeAffinity;
  if (na) {
    const rule: SchedulerRule = {};
    const req = (na.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []).filter((t) => t.matchExpressions?.length);
    if (req.length) rule.required = req.map((t) => ({ expression: t.matchExpressions!.map((r) => expression(r)) }));
    const pref = (na.preferredDuringSchedulingIgnoredDuringExecution ?? []).filter((t) => t.preference.matchExpressions?.length);
    if (pref.length) rule.prefered = pref.map((t) => ({ expression: t.preference.matchExpressions!.map((r) => expression(r, t.weight)) }));
    if (rule.required || rule.prefered) out.push({ type: 'nodeSelectorTerms', node_terms: rule });
  }
  if (spec.affinity?.podAffinity) {
    const r = podRule(spec.affinity.podAffinity);
    if (r.required || r.prefered) out.push({ type: 'podAffinity', pod_affinity: r });
  }
  if (spec.affinity?.podAntiAffinity) {
    const r = podRule(spec.affinity.podAntiAffinity);
    if (r.required || r.prefered) out.push({ type: 'podAntiAffinity', pod_anti_affinity: r });
  }
  return out;
}
