import type { Dialect } from '@/lib/http/dialect';
import { failureStatus, K8sError } from '../status';

/**
 * The simulated clusters' API speaks Kubernetes: every error is a `Status`.
 * Core errors that are not K8sErrors (no credential, body too large) get the
 * apiserver's reason for their code.
 */
export const k8sDialect: Dialect = {
  name: 'k8s',
  toWire(err) {
    const status = err instanceof K8sError ? err.k8s : failureStatus(err.status, err.status === 401 ? 'Unauthorized' : err.message);
    return { status: status.code, body: status };
  },
  internal: () => ({ status: 500, body: failureStatus(500, 'an error on the server has prevented the request from succeeding') }),
};
