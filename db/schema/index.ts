export * from './departments';
export * from './projects';
export * from './users';
export * from './memberships';
export * from './tokens';
export * from './login-failures';
export * from './audit-log';
