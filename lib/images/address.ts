import { catalogBackend } from './registry-link';

/** The registry host users pull from (PIER_REGISTRY_PULL_HOST), as pull commands and ote's `imageAddress` show it. */
export function registryAddress(): string {
  return catalogBackend().pullHost();
}

export function imageAddress(workspace: string, repository: string): string {
  return `${registryAddress()}/${workspace}/${repository}`;
}

export function pullCommand(workspace: string, repository: string, tag: string): string {
  return `docker pull ${imageAddress(workspace, repository)}:${tag}`;
}
