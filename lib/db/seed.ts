// The demo data: one user per role, the attribute catalog, N synthetic profiles, and demo
// segments (refreshed) with the catalog's value counts.
import { countAttributeValues } from "@/lib/profiles/attribute-counts";
import { seedDemoProfiles } from "@/lib/profiles/demo-profiles";
import { seedDemoSegments } from "@/lib/segments/demo-segments";
import { seedDemoUsers } from "@/lib/users/demo-users";

export async function seedDemoData(options: { profiles: number; log?: (line: string) => void }) {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const users = await seedDemoUsers();
  if (users.length > 0) log(`demo users created: ${users.join(", ")}`);
  const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
  let phase = Date.now();
  const { inserted } = await seedDemoProfiles(options.profiles, (done) => log(`profiles: ${done.toLocaleString("en")} / ${options.profiles.toLocaleString("en")}`));
  log(`profiles ready in ${seconds(phase)}`);
  phase = Date.now();
  const segments = await seedDemoSegments();
  if (segments > 0) log(`demo segments created and refreshed: ${segments} in ${seconds(phase)}`);
  phase = Date.now();
  if (inserted > 0 || segments > 0) {
    await countAttributeValues();
    log(`attribute value counts in ${seconds(phase)}`);
  }
  log(`seed done in ${((Date.now() - started) / 1000).toFixed(1)} s (${inserted.toLocaleString("en")} new profiles)`);
}
