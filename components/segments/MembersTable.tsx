// A page of profiles (segment members): customer id (linked to the profile), name, email, country.
import Link from "next/link";
import type { Translate } from "@/lib/i18n/messages";
import type { ProfileSummary } from "@/lib/segments/preview";

const text = (value: unknown) => (value === undefined || value === null ? "" : String(value));

export function MembersTable({ members, t }: { members: ProfileSummary[]; t: Translate }) {
  if (members.length === 0) return <p className="card text-sm">{t("segments.noMembers")}</p>;
  return (
    <div className="card overflow-x-auto p-0">
      <table className="data-table" data-testid="members-table">
        <thead>
          <tr>
            <th scope="col">{t("profiles.customerId")}</th>
            <th scope="col">{t("profiles.name")}</th>
            <th scope="col">{t("profiles.email")}</th>
            <th scope="col">{t("profiles.country")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {members.map((profile) => (
            <tr key={profile.id}>
              <td className="font-mono"><Link className="text-brand-700 underline" href={`/profiles/${encodeURIComponent(profile.customerId)}`}>{profile.customerId}</Link></td>
              <td>{`${text(profile.attributes.first_name)} ${text(profile.attributes.last_name)}`.trim()}</td>
              <td>{text(profile.attributes.email)}</td>
              <td>{text(profile.attributes.country)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
