import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getViewer } from '../(console)/_server/viewer';
import { safeNext } from './safe-next';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = safeNext((await searchParams).next);
  if (await getViewer()) redirect(next);
  return <SignInForm next={next} />;
}
