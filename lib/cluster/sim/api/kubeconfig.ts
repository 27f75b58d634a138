import { stringify } from 'yaml';
import { dataDir } from '@/db/client';
import { recordAudit, mutate } from '@/lib/audit/record';
import { issueToken } from '@/lib/auth/tokens';
import type { Ctx } from '@/lib/context';
import { NotFound } from '@/lib/errors';
import { caForClients } from '@/lib/tls/certs';
import { visibleSimCluster } from './access';
import { K8sError } from '../status';

/** How long the token in a downloaded kubeconfig lives; revoke it on the tokens page sooner. */
export const KUBECONFIG_TOKEN_DAYS = 90;

/**
 * A kubeconfig for the caller and one simulated cluster: the HTTPS server
 * URL (kubectl sends bearer tokens only over TLS), the CA to trust, and a new
 * personal token named "kubectl <cluster>", issued and audited in one
 * transaction. `origin` is how the caller reached Pier ("host:port").
 */
export async function kubeconfigFor(ctx: Ctx, clusterName: string, host: string, opts: { ca?: string | null } = {}): Promise<string> {
  try {
    await visibleSimCluster(ctx, clusterName);
  } catch (err) {
    if (err instanceof K8sError) throw new NotFound(`cluster ${clusterName}`);
    throw err;
  }
  const ca = opts.ca === undefined ? caForClients(dataDir()) : opts.ca;
  const tokenName = `kubectl ${clusterName}`;
  const issued = await mutate(ctx, async (tx) => {
    const t = await issueToken(tx, {
      userId: ctx.user.id, kind: 'personal', name: tokenName, now: ctx.clock.now(), ttlMs: KUBECONFIG_TOKEN_DAYS * 86_400_000,
    });
    await recordAudit(ctx, tx, {
      action: 'create', resourceType: 'token', resourceId: t.id, resourceName: tokenName, departmentId: ctx.user.departmentId,
      after: { name: tokenName, expiresAt: t.expiresAt, purpose: 'kubeconfig' },
    });
    return t;
  });
  const context = `${ctx.user.name}@${clusterName}`;
  const cluster: Record<string, string> = { server: `https://${host}/k8s/${encodeURIComponent(clusterName)}` };
  if (ca) cluster['certificate-authority-data'] = Buffer.from(ca).toString('base64');
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: clusterName, cluster }],
    users: [{ name: context, user: { token: issued.secret } }],
    contexts: [{ name: context, context: { cluster: clusterName, user: context, namespace: 'default' } }],
    'current-context': context,
    preferences: {},
  });
}
