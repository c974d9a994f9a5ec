import type { Metadata } from "next";
import Link from "next/link";
import { RecountButton } from "@/components/profiles/RecountButton";
import { PageHeader } from "@/components/ui/PageHeader";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { getLocale, getTranslator } from "@/lib/i18n/server";
import { listAttributes } from "@/lib/profiles/attribute-catalog";
import { attributeCountRunning } from "@/lib/profiles/attribute-counts";
import { countProfiles } from "@/lib/profiles/profiles";
import { recountAttributesAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())("profiles.attributes") };
}

export default async function AttributeCatalogPage() {
  const user = await requirePagePermission("profiles:view");
  const [t, locale, attributes, running, total] = await Promise.all([getTranslator(), getLocale(), listAttributes(), attributeCountRunning(), countProfiles()]);
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  const numbers = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  return (
    <>
      <PageHeader title={t("profiles.attributes")} description={t("profiles.catalog.how")}
        actions={<Link href="/profiles" className="btn-secondary">{t("profiles.back")}</Link>} />
      <div className="card overflow-x-auto p-0">
        <table className="data-table" data-testid="attributes-table">
          <thead>
            <tr>
              <th scope="col">{t("profiles.attributeName")}</th>
              <th scope="col">{t("profiles.attributeType")}</th>
              <th scope="col">{t("profiles.catalog.description")}</th>
              <th scope="col" className="text-right">{t("profiles.catalog.withValue")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {attributes.map((attribute) => (
              <tr key={attribute.name} data-testid={`attribute-row-${attribute.name}`}>
                <td className="font-mono">{attribute.name}</td>
                <td>{t(`attributeType.${attribute.type}`)}</td>
                <td>{attribute.description}</td>
                <td className="text-right tabular-nums">
                  {attribute.valueCount === null ? t("profiles.catalog.notCounted") : (
                    <>
                      {numbers.format(attribute.valueCount)}
                      {total > 0 && <span className="ml-1 text-xs text-slate-600">({percent.format(attribute.valueCount / total)})</span>}
                      {attribute.countedAt && <span className="block text-xs text-slate-600">{t("profiles.catalog.countedAt", { time: dates.format(attribute.countedAt) })}</span>}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {can(user.role, "profiles:import") && <div className="mt-4"><RecountButton action={recountAttributesAction} running={running} /></div>}
    </>
  );
}
