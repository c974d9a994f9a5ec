// The time zones a schedule may use, UTC first: computed on the server and handed to the
// forms (the browser's own list may differ, which would break hydration).
export function timeZoneOptions(): string[] {
  return ["UTC", ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC")];
}
