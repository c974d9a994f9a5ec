// Test setup wipes tables: refuse any database that is not on this machine.
export function assertLocalDatabase(url: string) {
  const host = new URL(url).hostname;
  if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(host)) {
    throw new Error(`Refusing to run destructive test setup against ${host}: tests use a local database only`);
  }
}
