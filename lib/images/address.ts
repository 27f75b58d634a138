/**
 * The registry host users pull from, as it appears in pull commands and in
 * ote's `imageAddress`: PIER_REGISTRY_ADDRESS or PIER_REGISTRY_PULL_HOST, else the host of
 * PIER_REGISTRY_URL, else this Pier's own host and port.
 */
export function registryAddress(env: Record<string, string | undefined> = process.env): string {
  if (env.PIER_REGISTRY_ADDRESS) return env.PIER_REGISTRY_ADDRESS;
  if (env.PIER_REGISTRY_PULL_HOST) return env.PIER_REGISTRY_PULL_HOST;
  if (env.PIER_REGISTRY_URL) {
    try {
      return new URL(env.PIER_REGISTRY_URL).host;
    } catch {
      // fall through to Pier's own address
    }
  }
  return `${env.PIER_HOST && env.PIER_HOST !== '0.0.0.0' ? env.PIER_HOST : 'localhost'}:${env.PORT || '3000'}`;
}

export function imageAddress(workspace: string, repository: string): string {
  return `${registryAddress()}/${workspace}/${repository}`;
}

export function pullCommand(workspace: string, repository: string, tag: string): string {
  return `docker pull ${imageAddress(workspace, repository)}:${tag}`;
}
