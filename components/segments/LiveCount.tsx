"use client";
// "This rule matches N profiles" while the rule is edited: asks the server (debounced, so typing
// does not send a count per keystroke), only for a rule that is complete.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import type { RulePreview } from "@/lib/segments/preview";
import type { Group } from "@/lib/segments/rules";

const DEBOUNCE_MS = 400;

async function fetchPreview(rules: Group, signal: AbortSignal): Promise<RulePreview> {
  const response = await fetch("/api/segments/preview", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ rules }), signal });
  if (!response.ok) throw new Error(`preview ${response.status}`);
  return response.json() as Promise<RulePreview>;
}

export function LiveCount({ rules, complete }: { rules: Group; complete: boolean }) {
  const { t } = useI18n();
  const serialized = JSON.stringify(rules);
  const [debounced, setDebounced] = useState(serialized);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(serialized), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [serialized]);
  const query = useQuery({
    queryKey: ["segment-preview", debounced],
    queryFn: ({ signal }) => fetchPreview(JSON.parse(debounced) as Group, signal),
    enabled: complete && debounced === serialized,
    staleTime: 30_000,
    retry: false,
  });
  let text: string;
  if (!complete) text = t("segments.count.incomplete");
  else if (query.isError) text = t("segments.count.failed");
  else if (query.data && debounced === serialized && !query.isFetching) text = t("segments.count.matches", { count: query.data.count });
  else text = t("segments.count.counting");
  return (
    <div className="rounded-md border border-brand-100 bg-brand-50 p-3 text-sm" aria-live="polite" data-testid="live-count">
      <p className="font-medium">{text}</p>
      {complete && query.data && query.data.sample.length > 0 && (
        <p className="mt-1 text-xs text-slate-700">
          {t("segments.count.sample")}: <span className="font-mono">{query.data.sample.map((profile) => profile.customerId).join(", ")}</span>
        </p>
      )}
    </div>
  );
}
