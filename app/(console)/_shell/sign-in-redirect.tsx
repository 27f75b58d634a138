'use client';

import { useEffect } from 'react';

/** Sends the browser to /login, remembering where it was going. */
export function SignInRedirect() {
  useEffect(() => {
    const here = window.location.pathname + window.location.search;
    window.location.replace(`/login?next=${encodeURIComponent(here)}`);
  }, []);
  return null;
}
