/**
 * Where "deploy this version" goes: the deployment request page of the
 * deployments area, which takes the application and version to preselect.
 */
export function deployHref(appName: string, version: string): string {
  return `/deployments/new?app=${encodeURIComponent(appName)}&version=${encodeURIComponent(version)}`;
}
