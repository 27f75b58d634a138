'use client';

import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import { MAX_PAGE_SIZE } from '@/lib/dialects/pier/org';
import { PROJECT_COOKIE } from './project-cookie';
import { useProject, useProjects, type Project } from './use-projects';


interface CurrentProject {
  /** The chosen project, or the first one the caller may see; null when there is none. */
  project: Project | null;
  /** The first MAX_PAGE_SIZE projects the caller may see, by department then name. */
  projects: Project[];
  /** How many projects the caller may see; more than `projects.length` when the list is cut. */
  total: number;
  isLoading: boolean;
  choose: (id: string) => void;
}

const Ctx = createContext<{ chosen: string | null; choose: (id: string) => void } | null>(null);

export function CurrentProjectProvider({ initial, children }: { initial: string | null; children: React.ReactNode }) {
  const [chosen, setChosen] = useState(initial);
  const choose = useCallback((id: string) => {
    document.cookie = `${PROJECT_COOKIE}=${encodeURIComponent(id)}; Path=/; Max-Age=31536000; SameSite=Lax`;
    setChosen(id);
  }, []);
  const value = useMemo(() => ({ chosen, choose }), [chosen, choose]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useCurrentProject(): CurrentProject {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useCurrentProject outside CurrentProjectProvider');
  const { data, isLoading } = useProjects({ pageSize: MAX_PAGE_SIZE });
  const projects = data?.items ?? [];
  const total = data?.total ?? 0;
  const listed = projects.find((p) => p.id === ctx.chosen);
  // A remembered project past the first page is asked for by id.
  const beyond = useProject(ctx.chosen, !!data && !listed && total > projects.length);
  // A remembered project that is gone or no longer visible falls back to the first.
  const project = listed ?? beyond.data ?? (beyond.isLoading ? null : projects[0]) ?? null;
  return { project, projects, total, isLoading: isLoading || beyond.isLoading, choose: ctx.choose };
}
