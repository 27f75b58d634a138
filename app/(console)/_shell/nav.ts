import type { IconName } from '@/components/icons';
import type { MessageKey } from '@/lib/i18n';

export interface NavItem {
  href: string;
  label: MessageKey;
  icon: IconName;
}

/** The project areas, in the order a release travels: image → app → deployment → what runs. */
export const projectNav: NavItem[] = [
  { href: '/', label: 'nav.overview', icon: 'overview' },
  { href: '/images', label: 'nav.images', icon: 'images' },
  { href: '/apps', label: 'nav.applications', icon: 'applications' },
  { href: '/deployments', label: 'nav.deployments', icon: 'deployments' },
  { href: '/audit', label: 'nav.auditQueue', icon: 'auditQueue' },
  { href: '/workloads', label: 'nav.workloads', icon: 'workloads' },
  { href: '/pods', label: 'nav.pods', icon: 'pods' },
  { href: '/namespaces', label: 'nav.namespaces', icon: 'namespaces' },
  { href: '/config', label: 'nav.config', icon: 'config' },
  { href: '/storage', label: 'nav.storage', icon: 'storage' },
  { href: '/clusters', label: 'nav.clusters', icon: 'clusters' },
];

export const adminNav: NavItem[] = [
  { href: '/admin/departments', label: 'nav.departments', icon: 'departments' },
  { href: '/admin/projects', label: 'nav.projects', icon: 'projects' },
  { href: '/admin/users', label: 'nav.users', icon: 'users' },
  { href: '/admin/audit-log', label: 'nav.auditLog', icon: 'auditLog' },
];

export function isActive(pathname: string, href: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}
