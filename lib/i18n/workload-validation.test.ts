import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { workload } from '@/lib/dialects/ecns/workloads';
import { PATCH_BODIES } from '@/lib/dialects/ecns/workloads-requests';
import { translateFieldMessage } from './validation';

const SCHEMAS = ['lib/dialects/ecns/workloads.ts', 'lib/dialects/ecns/workloads-requests.ts'];
/** zod methods whose last argument is the message when given. */
const WITH_MESSAGE = new Set(['min', 'max', 'regex', 'int', 'refine', 'length', 'nonempty']);

/**
 * Every message the schemas' source states: the message argument of
 * .min/.max/.regex/.int/.refine, and every `message:` and `error:` string.
 * A template's `${…}` parts become "7" (a number fits every pattern that
 * takes a name or a number).
 */
function schemaMessages(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(path.resolve(__dirname, '../..', file), 'utf8'), ts.ScriptTarget.Latest, true);
  const found = new Set<string>();
  const literal = (n: ts.Node | undefined): string | null => {
    if (!n) return null;
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return n.text;
    if (ts.isTemplateExpression(n)) return n.head.text + n.templateSpans.map((s) => `7${s.literal.text}`).join('');
    return null;
  };
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && WITH_MESSAGE.has(n.expression.name.text)) {
      const method = n.expression.name.text;
      // .int('msg') has it first; the others after the bound, pattern or predicate.
      if (n.arguments.length >= (method === 'int' || method === 'nonempty' ? 1 : 2)) {
        const m = literal(n.arguments[n.arguments.length - 1]);
        if (m !== null) found.add(m);
      }
    }
    if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && (n.name.text === 'message' || n.name.text === 'error')) {
      const m = literal(n.initializer);
      if (m !== null) found.add(m);
    }
    ts.forEachChild(n, visit);
  };
  visit(source);
  return [...found];
}

const CJK = /[\u4e00-\u9fff]/;

describe('workload rule messages in Chinese', () => {
  it('finds the schemas’ messages (the extraction itself works)', () => {
    const all = SCHEMAS.flatMap(schemaMessages);
    expect(all.length).toBeGreaterThan(120);
    expect(all).toContain('not for a DaemonSet (one pod per node)');
    expect(all).toContain('required for type 7');
    expect(all).toContain('must be 1 for a 7 check');
  });

  it.each(SCHEMAS)('has a zh string for every message of %s', (file) => {
    const untranslated = schemaMessages(file).filter((m) => {
      const zh = translateFieldMessage(m, 'zh');
      return zh === m || !CJK.test(zh ?? '');
    });
    expect(untranslated).toEqual([]);
  });

  it('translates the messages a refused workload really gets, keeping names and values', () => {
    const r = workload.safeParse({
      workload_base: { name: 'Web', type: 'DaemonSet', replicas: 2 },
      containers: [{
        name: 'web', type: 'worker', image: { image: 'nginx', image_version: 'alpine' },
        env: [{ type: 'ConfigMap', name: 'COLOR' }],
        health: [{ type: 'liveness', protocol: 'tcp', port: 80, success_threshold: 2 }],
      }],
      volumes: [{ name: 'data', type: 'EmptyDir', pvc: 'claim' }],
      access_mode: [{ type: 'ExternalName', access: [] }],
    });
    expect(r.success).toBe(false);
    const zh = Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), translateFieldMessage(i.message, 'zh')]));
    expect(zh).toMatchObject({
      'workload_base.name': '只能包含小写字母、数字和“-”，以字母开头，以字母或数字结尾',
      'workload_base.replicas': '不适用于 DaemonSet（每个节点一个容器组）',
      'containers.0.env.0.key': '必填：ConfigMap 的名称（小写 DNS 名称）',
      'containers.0.health.0.success_threshold': 'liveness 检查必须为 1',
      'volumes.0.pvc': '不适用于 EmptyDir 类型（该类型使用 emptydir）',
      'access_mode.0.external_name': 'ExternalName 类型必填',
    });
    const scale = PATCH_BODIES.scale.safeParse({ replicas: 20000 });
    expect(translateFieldMessage(scale.error!.issues[0].message, 'zh')).toBe('最多 10000');
  });

  it('leaves English as it is', () => {
    expect(translateFieldMessage('not for a DaemonSet (one pod per node)', 'en')).toBe('not for a DaemonSet (one pod per node)');
  });
});
