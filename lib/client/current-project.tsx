'use client';

import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import { PROJECT_COOKIE } from './project-cookie';
import { useProjects, type Project } from './use-projects';


interface CurrentProject {
  /** The chosen project, or the first one the caller may see; null when there is none. */
  project: Project | null;
  projects: Project[];
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
  const { data, isLoading } = useProjects();
  const projects = data ?? [];
  // A remembered project that is gone or no longer visible falls back to the first.
  const project = projects.find((p) => p.id === ctx.chosen) ?? projects[0] ?? null;
  return { project, projects, isLoading, choose: ctx.choose };
}
