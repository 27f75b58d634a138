import Link from 'next/link';

/** Applications / <name> / <version>: each step but the last a link. */
export function AppCrumbs({ label, steps }: { label: string; steps: { label: string; href?: string }[] }) {
  return (
    <nav aria-label={label} className="mb-4 text-sm text-slate-600 dark:text-slate-400">
      {steps.map((s, i) => (
        <span key={i}>
          {i > 0 ? <span aria-hidden> / </span> : null}
          {s.href ? <Link href={s.href} className="text-sky-700 hover:underline dark:text-sky-400">{s.label}</Link> : <span>{s.label}</span>}
        </span>
      ))}
    </nav>
  );
}
