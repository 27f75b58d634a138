/** @type {import('next').NextConfig} */
const nextConfig = {
  // The dialects' paths end in "/" (ECNS) or not (ote, IEF, NetEase); clients
  // must reach a handler either way, never a 308 redirect.
  skipTrailingSlashRedirect: true,
  // Native and WASM packages are loaded from node_modules at run time.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', '@node-rs/argon2'],
  poweredByHeader: false,
};

module.exports = nextConfig;
