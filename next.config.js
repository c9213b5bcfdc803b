// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // A separate build folder lets a benchmark or a second test run build without touching `.next`.
  distDir: process.env.REGIMEN_DIST_DIR ?? '.next',
  reactStrictMode: true,
  // Every page's metadata is static (titles), so it goes in the <head> of the first response instead of being
  // streamed after the body: the same HTML sooner, and a render pass less per request (README, Benchmark).
  htmlLimitedBots: /.*/,
  // Native and Wasm packages that must stay outside the server bundle.
  serverExternalPackages: ['@node-rs/argon2', '@electric-sql/pglite', 'pg', 'sharp', '@react-pdf/renderer', 'busboy', 'file-type', '@aws-sdk/client-s3', '@aws-sdk/lib-storage'],
};

module.exports = nextConfig;
