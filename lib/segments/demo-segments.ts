// Demo segments over the demo profiles (lib/profiles/demo-profiles.ts), created on an empty
// database and refreshed at once. Dates are relative to the demo data's fixed anchor
// (2026-11-01), so the same seed always gives the same members.
import { withConnection } from "@/lib/db/bulk";
import { db } from "@/lib/db/client";
import { refreshAllDynamicSegments } from "./refresh";
import type { Condition, Group, Operator } from "./rules";
import { saveDynamicSegment } from "./segments";
import { saveStaticSegment } from "./static-segments";

const condition = (attribute: string, operator: Operator, ...values: string[]): Condition => ({ type: "condition", attribute, operator, values });

export const DEMO_SEGMENTS: { name: string; description: string; rules: Group }[] = [
  {
    name: "High lifetime value",
    description: "Lifetime value above 10,000 EUR",
    rules: { type: "group", combinator: "and", children: [condition("lifetime_value", "greater_than", "10000")] },
  },
  {
    name: "Lapsed 90 days",
    description: "No purchase in the 90 days before the demo data's anchor date (2026-11-01)",
    rules: { type: "group", combinator: "and", children: [condition("last_purchase_date", "before", "2026-08-03")] },
  },
  {
    name: "Spain gold tier",
    description: "Gold loyalty tier in Spain, opted in to marketing",
    rules: { type: "group", combinator: "and", children: [condition("country", "equals", "ES"), condition("loyalty_tier", "equals", "gold"), condition("marketing_opt_in", "is_true")] },
  },
  {
    name: "Platinum or big spenders in Mexico",
    description: "Mexico, and platinum tier or lifetime value above 5,000 EUR",
    rules: {
      type: "group", combinator: "and",
      children: [condition("country", "equals", "MX"), { type: "group", combinator: "or", children: [condition("loyalty_tier", "equals", "platinum"), condition("lifetime_value", "greater_than", "5000")] }],
    },
  },
];

/** Creates and refreshes the demo segments when there are none (and there are profiles). */
export async function seedDemoSegments(): Promise<number> {
  if ((await db().segment.count()) > 0 || (await db().profile.count({ take: 1 })) === 0) return 0;
  for (const segment of DEMO_SEGMENTS) await saveDynamicSegment(null, { ...segment });
  // The static VIP list: the 50 highest lifetime values, and one id that is not a customer.
  const { rows } = await withConnection((client) =>
    client.query<{ customer_id: string }>(`SELECT customer_id FROM profiles WHERE jsonb_typeof(attributes->'lifetime_value') = 'number'
      ORDER BY (attributes->>'lifetime_value')::numeric DESC, id LIMIT 50`));
  await saveStaticSegment(null, {
    name: "VIP list",
    description: "Uploaded list of VIP customer ids",
    matchBy: "customer_id",
    list: [...rows.map((row) => row.customer_id), "C-NOT-A-CUSTOMER"].join("\n"),
  });
  await refreshAllDynamicSegments();
  return DEMO_SEGMENTS.length + 1;
}
