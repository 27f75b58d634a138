'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { clusterKeys, useClusters, useRemoveCluster, type ClusterView } from '@/lib/client/use-clusters';
import { isAdminRole, useMe } from '@/lib/client/use-me';
import { useI18n } from '@/lib/i18n/react';
import { Icon } from '@/components/icons';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Modal } from '@/components/ui/modal';
import { PageHeader } from '@/components/ui/page-header';
import { QueryState, useErrorText } from '@/components/ui/query-state';
import { EmptyState } from '@/components/ui/states';
import { Badge, Table, Tbody, Td, Th } from '@/components/ui/table';
import { ConnectionCell } from '@/components/clusters/connection-cell';
import { EditClusterForm } from '@/components/clusters/edit-form';
import { LabelList } from '@/components/clusters/labels';
import { RegisterClusterForm } from '@/components/clusters/register-form';

export function ClustersPage() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const query = useClusters();
  const remove = useRemoveCluster();
  const mayRegister = isAdminRole(useMe().data?.role);
  const [registering, setRegistering] = useState(false);
  const [editing, setEditing] = useState<ClusterView | null>(null);
  const [removing, setRemoving] = useState<ClusterView | null>(null);
  const closeRemove = () => {
    setRemoving(null);
    remove.reset();
  };
  const test = (name: string) => void qc.refetchQueries({ queryKey: clusterKeys.connection(name) });

  return (
    <>
      <PageHeader
        title={t('clusters.title')}
        subtitle={t('clusters.subtitle')}
        actions={mayRegister ? (
          <Button variant="primary" onClick={() => setRegistering(true)}>
            <Icon name="plus" className="size-4" />
            {t('clusters.register')}
          </Button>
        ) : null}
      />
      <QueryState query={query}>
        {query.data?.length === 0 ? (
          <EmptyState icon="clusters" title={t('clusters.empty')} />
        ) : (
          <Table label={t('clusters.title')}>
            <thead>
              <tr>
                <Th>{t('common.name')}</Th>
                <Th>{t('clusters.type')}</Th>
                <Th>{t('clusters.driver')}</Th>
                <Th>{t('clusters.server')}</Th>
                <Th>{t('clusters.department')}</Th>
                <Th>{`${t('clusters.version')} · ${t('clusters.nodes')}`}</Th>
                <Th>{t('clusters.labels')}</Th>
                <Th className="text-right">{t('common.actions')}</Th>
              </tr>
            </thead>
            <Tbody>
              {query.data?.map((c) => (
                <tr key={c.id}>
                  <Td className="font-medium whitespace-nowrap">
                    <Link href={`/clusters/${encodeURIComponent(c.name)}`} className="text-sky-700 hover:underline dark:text-sky-400" aria-label={t('clusters.viewNodes', { name: c.name })}>
                      {c.name}
                    </Link>
                  </Td>
                  <Td>{c.type}</Td>
                  <Td><Badge tone={c.driver === 'simulated' ? 'violet' : 'sky'}>{t(`clusters.drivers.${c.driver}`)}</Badge></Td>
                  <Td className="max-w-44 truncate font-mono text-xs"><span title={c.server}>{c.server}</span></Td>
                  <Td className="whitespace-nowrap">{c.departmentName ?? t('clusters.shared')}</Td>
                  <Td><ConnectionCell name={c.name} /></Td>
                  <Td><LabelList labels={c.labels} empty={t('common.none')} className="max-w-48" /></Td>
                  <Td className="text-right whitespace-nowrap">
                    <div className="inline-flex gap-2">
                      <Button size="sm" aria-label={`${t('clusters.test')} ${c.name}`} onClick={() => test(c.name)}>{t('clusters.test')}</Button>
                      {c.manageable ? (
                        <>
                          <Button size="sm" aria-label={`${t('clusters.editLabels')} ${c.name}`} onClick={() => setEditing(c)}>{t('clusters.editLabels')}</Button>
                          {c.driver === 'kubeconfig' ? (
                            <Button size="sm" variant="dangerGhost" aria-label={`${t('clusters.remove')} ${c.name}`} onClick={() => setRemoving(c)}>{t('clusters.remove')}</Button>
                          ) : null}
                        </>
                      ) : null}
                    </div>
                  </Td>
                </tr>
              ))}
            </Tbody>
          </Table>
        )}
      </QueryState>
      <Modal open={registering} title={t('clusters.registerTitle')} onClose={() => setRegistering(false)} closeLabel={t('common.close')}>
        {registering ? <RegisterClusterForm onDone={() => setRegistering(false)} /> : null}
      </Modal>
      <Modal open={editing !== null} title={t('clusters.editTitle', { name: editing?.name ?? '' })} onClose={() => setEditing(null)} closeLabel={t('common.close')}>
        {editing ? <EditClusterForm key={editing.id} cluster={editing} onDone={() => setEditing(null)} /> : null}
      </Modal>
      <ConfirmDialog
        open={removing !== null}
        title={t('clusters.removeTitle')}
        message={t('clusters.removeConfirm', { name: removing?.name ?? '' })}
        confirmLabel={t('clusters.remove')}
        pending={remove.isPending}
        error={remove.error ? errorText(remove.error) : null}
        onConfirm={() => removing && remove.mutate(removing.name, { onSuccess: closeRemove })}
        onClose={closeRemove}
      />
    </>
  );
}
