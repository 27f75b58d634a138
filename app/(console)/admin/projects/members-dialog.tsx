'use client';

import { useState } from 'react';
import { useProjectMembership, type Project } from '@/lib/client/use-projects';
import { MAX_PAGE_SIZE } from '@/lib/dialects/pier/org';
import { useUsers } from '@/lib/client/use-users';
import { useT } from '@/lib/i18n/react';
import { Button } from '@/components/ui/button';
import { Select } from '@/components/ui/field';
import { QueryState, useErrorText } from '@/components/ui/query-state';
import { Notice } from '@/components/ui/states';
import { Badge } from '@/components/ui/table';

/** Developers and visitors of the project's department: who is in, and who can be added. */
export function MembersPanel({ project }: { project: Project }) {
  const t = useT();
  const errorText = useErrorText();
  // The department's first MAX_PAGE_SIZE users; the panel says so when there are more.
  const users = useUsers({ departmentId: project.departmentId, pageSize: MAX_PAGE_SIZE });
  const cut = users.data && users.data.total > users.data.items.length ? users.data : null;
  const { add, remove } = useProjectMembership(project.id);
  const [picked, setPicked] = useState('');
  const eligible = (users.data?.items ?? []).filter((u) => u.role === 'developer' || u.role === 'visitor');
  const members = eligible.filter((u) => u.projects.some((p) => p.id === project.id));
  const candidates = eligible.filter((u) => !members.includes(u));
  const selected = candidates.some((u) => u.id === picked) ? picked : '';
  const failure = add.error ?? remove.error;

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600 dark:text-slate-400">{t('projects.membersHint', { department: project.departmentName })}</p>
      {failure ? <Notice>{errorText(failure)}</Notice> : null}
      {cut ? <p className="text-sm text-amber-700 dark:text-amber-400">{t('projects.moreUsers', { shown: cut.items.length, total: cut.total })}</p> : null}
      <QueryState query={users}>
        {members.length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">{t('projects.noMembers')}</p>
        ) : (
          <ul aria-label={t('projects.members')} className="divide-y divide-slate-100 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
            {members.map((u) => (
              <li key={u.id} className="flex items-center justify-between gap-3 px-3 py-2">
                <div className="min-w-0">
                  <p className="truncate text-sm font-medium text-slate-900 dark:text-slate-100">{u.name}</p>
                  <p className="truncate text-xs text-slate-500 dark:text-slate-400">{u.displayName || u.email || '\u00a0'}</p>
                </div>
                <div className="flex shrink-0 items-center gap-2">
                  <Badge tone={u.role === 'developer' ? 'sky' : 'slate'}>{t(`roles.${u.role}`)}</Badge>
                  <Button size="sm" variant="ghost" aria-label={t('projects.removeMember', { name: u.name })} disabled={remove.isPending} onClick={() => remove.mutate(u.id)}>
                    {t('projects.remove')}
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        )}
        <form
          className="flex items-end gap-2 border-t border-slate-200 pt-4 dark:border-slate-800"
          onSubmit={(e) => {
            e.preventDefault();
            if (selected) add.mutate(selected, { onSuccess: () => setPicked('') });
          }}
        >
          <div className="min-w-0 flex-1 space-y-1.5">
            <label htmlFor="member-user" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
              {t('projects.memberUser')}
            </label>
            <Select id="member-user" value={selected} onChange={(e) => setPicked(e.target.value)} disabled={candidates.length === 0}>
              <option value="">{candidates.length ? t('projects.chooseUser') : t('projects.noCandidates')}</option>
              {candidates.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} ({t(`roles.${u.role}`)})
                </option>
              ))}
            </Select>
          </div>
          <Button type="submit" variant="primary" disabled={!selected || add.isPending}>
            {t('projects.addMember')}
          </Button>
        </form>
      </QueryState>
    </div>
  );
}
