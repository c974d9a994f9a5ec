// Integration-test helpers for the exports actions: a form as the browser posts it (a field
// given several values appears several times) and a connection row without a real key, for
// tests about permissions and sharing that never reach Iterable.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";

export function formOf(values: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) for (const v of [value].flat()) data.append(key, v);
  return data;
}

export async function insertPlaceholderConnection(shared: boolean): Promise<string> {
  const suffix = randomUUID().slice(0, 8);
  const connection = await db().connection.create({
    data: {
      type: "ITERABLE", displayName: `Conn ${suffix}`, nameKey: `conn ${suffix}`, region: "SANDBOX",
      sharing: shared ? "ADMINISTRATORS_AND_CONTRIBUTORS" : "ADMINISTRATORS",
      apiKeyCiphertext: "placeholder", apiKeyMasterKeyId: "placeholder", apiKeyLast4: "0000",
      checkStatus: "CONNECTED", checkedAt: new Date(), privacyNoticeVersion: "test", privacyAcceptedAt: new Date(),
    },
  });
  return connection.id;
}
