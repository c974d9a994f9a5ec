// Expected errors carry a message key (translated for the user) and optionally the form field
// they belong to. Anything else is a bug: logged with context, shown as a generic message.
import type { MessageKey } from "@/lib/i18n/messages";

export type MessageParams = Record<string, string | number>;

export class ExpectedError extends Error {
  constructor(
    readonly messageKey: MessageKey,
    readonly options: { field?: string; params?: MessageParams; status?: number } = {},
  ) {
    super(messageKey);
    this.name = "ExpectedError";
  }
}

export class NotAllowedError extends ExpectedError {
  constructor() {
    super("errors.notAllowed", { status: 403 });
    this.name = "NotAllowedError";
  }
}

export class NotSignedInError extends ExpectedError {
  constructor() {
    super("errors.notSignedIn", { status: 401 });
    this.name = "NotSignedInError";
  }
}
