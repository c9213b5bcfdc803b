// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // A separate build folder lets a benchmark or a second test run build without touching `.next`.
  distDir: process.env.REGIMEN_DIST_DIR ?? '.next',
  reactStrictMode: true,
  // Native and Wasm packages that must stay outside the server bundle.
  serverExternalPackages: ['@node-rs/argon2', '@electric-sql/pglite', 'pg'],
};

module.exports = nextConfig;
