'use client';

import { useState } from 'react';
import type { WorkloadRef, WorkloadView } from '@/lib/client/use-workloads';
import { useT } from '@/lib/i18n/react';
import { Checkbox, described, Field, Select, Textarea } from '@/components/ui/field';
import { hostAliasesText, parseHostAliases } from '../format';
import { ActionForm } from './action-form';
import { useAction } from './use-action';

export function NetworkForm({ workload, view }: { workload: WorkloadRef; view: WorkloadView }) {
  const t = useT();
  const a = useAction(workload, 'network');
  const n = view.network ?? {};
  const [hostNetwork, setHostNetwork] = useState(!!n.host_network);
  const [dns, setDns] = useState(n.dns_policy ?? 'ClusterFirst');
  const [aliases, setAliases] = useState(hostAliasesText(n.host_aliases));
  const [aliasError, setAliasError] = useState<string | undefined>();
  // A problem in one alias is named by its index (`network.host_aliases.1.ip`); they all go on the one text box.
  const aliasServer = a.rest([]).filter((p) => p.startsWith('network.host_aliases'));
  const aliasProblem = aliasError ?? (aliasServer.length ? aliasServer.map((p) => p.replace(/^network\.host_aliases\.?/, '')).join('; ') : undefined);
  const submit = () => {
    const parsed = parseHostAliases(aliases);
    if (!parsed) {
      setAliasError(t('workloads.forms.hostAliasesHint'));
      return;
    }
    setAliasError(undefined);
    a.submit({ network: { host_network: hostNetwork, dns_policy: dns, ...(parsed.length ? { host_aliases: parsed } : {}) } });
  };
  return (
    <ActionForm
      title={t('workloads.page.network')}
      pending={a.pending}
      applied={a.applied}
      problems={a.rest(['network.dns_policy', 'network.host_network']).filter((p) => !p.startsWith('network.host_aliases'))}
      onSubmit={submit}
    >
      <Checkbox id="host-network" label={t('workloads.forms.hostNetwork')} checked={hostNetwork} onChange={(e) => setHostNetwork(e.target.checked)} />
      <Field id="dns-policy" label={t('workloads.forms.dnsPolicy')} error={a.error('network.dns_policy')} className="max-w-sm">
        <Select {...described('dns-policy', a.error('network.dns_policy'))} value={dns} onChange={(e) => setDns(e.target.value as typeof dns)}>
          <option value="ClusterFirst">ClusterFirst</option>
          <option value="ClusterFirstWithHostNet">ClusterFirstWithHostNet</option>
        </Select>
      </Field>
      <Field id="host-aliases" label={t('workloads.forms.hostAliases')} hint={t('workloads.forms.hostAliasesHint')} error={aliasProblem}>
        <Textarea {...described('host-aliases', aliasProblem, true)} value={aliases} onChange={(e) => setAliases(e.target.value)} className="font-mono" />
      </Field>
    </ActionForm>
  );
}
