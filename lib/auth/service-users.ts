/**
 * Names of Pier's built-in service identities: users that no person signs in
 * as. The cluster adapter reaches Pier's own simulated clusters as
 * `pier-system` (lib/cluster/adapter/identity.ts).
 */
export const SYSTEM_USER = 'pier-system';
