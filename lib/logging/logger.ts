// One logger for servers, workers and scripts. Secret-looking fields are redacted wherever they
// appear, as a second line of defence: code must not log secrets in the first place.
import pino from "pino";
import { settings } from "@/lib/config/env";

const REDACT = [
  "password", "*.password", "passwordHash", "*.passwordHash", "apiKey", "*.apiKey",
  "secret", "*.secret", "token", "*.token", "headers.authorization", "headers.cookie", "*.headers['api-key']",
];

export const logger = pino(
  {
    level: settings().LOG_LEVEL,
    redact: { paths: REDACT, censor: "[redacted]" },
    base: { app: "ferry" },
  },
  pino.destination({ dest: settings().FERRY_LOG_STDERR === "1" ? 2 : 1, sync: true }),
);
