import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Two projects, one convention: `*.test.ts` are unit tests (pure logic, no servers),
// `*.int.test.ts` are integration tests (real PostgreSQL started by the global setup,
// the Iterable sandbox on a free port).
const root = fileURLToPath(new URL(".", import.meta.url));
const shared = {
  resolve: { alias: { "@": root } },
};
const exclude = ["node_modules/**", ".next/**", ".data/**", "e2e/**"];

export default defineConfig({
  test: {
    projects: [
      {
        ...shared,
        test: {
          name: "unit",
          environment: "node",
          include: ["**/*.test.ts"],
          exclude: [...exclude, "**/*.int.test.ts"],
        },
      },
      {
        ...shared,
        test: {
          name: "integration",
          environment: "node",
          include: ["**/*.int.test.ts"],
          exclude,
          globalSetup: ["./lib/testing/global-setup.ts"],
          // One database for the whole run: files run one after another so that
          // tests which reset tables do not race each other.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
