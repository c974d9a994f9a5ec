// Public face of the sandbox for the app's start command and tests.
export { startSandbox, type SandboxHandle, type SandboxOptions, type SandboxProjectSeed } from "./server";
export {
  SANDBOX_DEFAULT_PORT,
  SANDBOX_DEFAULT_STATE_FILE,
  SANDBOX_DEMO_API_KEY,
  SANDBOX_DEMO_PROJECT,
  type SandboxEndpoint,
} from "./constants";
export type { SandboxFaults, ScriptedFault } from "./faults";
export type { RateLimitConfig as SandboxRateLimits, RateLimitRule } from "./rate-limits";
export type { SandboxControl } from "./control";
export type { SandboxStats } from "./stats";
