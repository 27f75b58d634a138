import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { PROJECT_COOKIE } from '@/lib/client/project-cookie';
import { PATH_HEADER } from '@/lib/http/credentials';
import type { Me } from '@/lib/client/use-me';
import { ConsoleShell } from './_shell/console-shell';
import { SignInRedirect } from './_shell/sign-in-redirect';
import { getViewer } from './_server/viewer';

/** Every signed-in page: no session, no console. */
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer();
  if (!viewer) {
    // Layouts are not told the path; Pier's server names it (lib/tooling/serve.ts). Without it (next dev), the browser redirects.
    const path = (await headers()).get(PATH_HEADER);
    if (path) redirect(`/login?next=${encodeURIComponent(path)}`);
    return <SignInRedirect />;
  }
  const project = (await cookies()).get(PROJECT_COOKIE)?.value ?? null;
  return (
    <ConsoleShell me={viewer as Me} initialProject={project}>
      {children}
    </ConsoleShell>
  );
}
