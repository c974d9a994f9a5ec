// Where a connection's key is sent: Iterable's US or EU data center, or an explicit base URL
// (the local sandbox). Server-only: the hosts can be overridden in the environment.
import { settings } from "@/lib/config/env";
import type { IterableRegion } from "@/lib/iterable";
import type { RegionName } from "./schemas";

export function iterableEndpoint(region: RegionName, baseUrl: string | null | undefined): IterableRegion {
  const config = settings();
  if (region === "US") return config.FERRY_ITERABLE_US_URL ? { baseUrl: config.FERRY_ITERABLE_US_URL } : "us";
  if (region === "EU") return config.FERRY_ITERABLE_EU_URL ? { baseUrl: config.FERRY_ITERABLE_EU_URL } : "eu";
  if (!baseUrl) throw new Error("a sandbox connection needs a base URL");
  return { baseUrl };
}

/** The wizard's default for "Local sandbox": the one `npm start` runs. */
export function defaultSandboxUrl(): string {
  const config = settings();
  return config.FERRY_SANDBOX_URL ?? `http://127.0.0.1:${config.FERRY_SANDBOX_PORT || 4010}`;
}
