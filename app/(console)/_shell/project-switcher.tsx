'use client';

import { useCurrentProject } from '@/lib/client/current-project';
import { useT } from '@/lib/i18n/react';

/** Which project the console shows; the choice is kept in the pier_project cookie. */
export function ProjectSwitcher() {
  const t = useT();
  const current = useCurrentProject();
  const { project, isLoading, choose, total } = current;
  // A chosen project past the listed ones (the list stops at the API's largest page) is still offered.
  const projects = project && !current.projects.some((p) => p.id === project.id) ? [project, ...current.projects] : current.projects;
  const cut = total > current.projects.length;
  // Projects of several departments (system admins) are grouped by department.
  const departments = [...new Set(projects.map((p) => p.departmentName))];
  return (
    <div className="flex min-w-0 items-center gap-2">
      <label htmlFor="project-switcher" className="text-sm font-medium text-slate-600 dark:text-slate-400">
        {t('shell.project')}
      </label>
      <select
        id="project-switcher"
        value={project?.id ?? ''}
        disabled={isLoading || projects.length === 0}
        onChange={(e) => choose(e.target.value)}
        className="h-9 max-w-[14rem] min-w-[8rem] truncate rounded-md border border-slate-300 bg-white px-2.5 text-sm font-medium text-slate-900 shadow-sm focus:border-sky-600 focus:ring-2 focus:ring-sky-600/25 focus:outline-none disabled:text-slate-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        {projects.length === 0 ? <option value="">{isLoading ? t('common.loading') : t('shell.noProjects')}</option> : null}
        {departments.length > 1
          ? departments.map((d) => (
              <optgroup key={d} label={d}>
                {projects
                  .filter((p) => p.departmentName === d)
                  .map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
              </optgroup>
            ))
          : projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
      </select>
      {cut ? (
        <span className="text-xs whitespace-nowrap text-slate-500 dark:text-slate-400" title={t('shell.moreProjectsHint')}>
          {t('shell.moreProjects', { shown: current.projects.length, total })}
        </span>
      ) : null}
    </div>
  );
}
