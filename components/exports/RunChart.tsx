// A small chart of the export's recent runs: added, removed and rejected per run, oldest on the
// left. Plain SVG (no chart library); screen readers get the same figures as a list, and every
// bar group carries a <title> for pointer users.
import type { Translate } from "@/lib/i18n/messages";

export type ChartRun = { id: string; at: Date; status: string; added: number; removed: number; rejected: number };

const SERIES = [
  { key: "added", color: "#15803d" },
  { key: "removed", color: "#b45309" },
  { key: "rejected", color: "#b91c1c" },
] as const;

const HEIGHT = 120;
const BAR = 10;
const GAP = 2;
const GROUP = SERIES.length * (BAR + GAP) + 14;

export function RunChart({ runs, t, locale }: { runs: ChartRun[]; t: Translate; locale: string }) {
  if (runs.length === 0) return null;
  const numbers = new Intl.NumberFormat(locale);
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short" });
  const max = Math.max(1, ...runs.flatMap((run) => [run.added, run.removed, run.rejected]));
  const width = runs.length * GROUP;
  const describe = (run: ChartRun) =>
    t("exports.chart.run", {
      time: dates.format(run.at), added: numbers.format(run.added), removed: numbers.format(run.removed), rejected: numbers.format(run.rejected),
    });
  return (
    <figure className="card space-y-2" aria-labelledby="run-chart-title" data-testid="run-chart">
      <figcaption id="run-chart-title" className="font-semibold">{t("exports.chart.title", { count: runs.length })}</figcaption>
      <ul className="flex flex-wrap gap-4 text-xs" aria-hidden="true">
        {SERIES.map((series) => (
          <li key={series.key} className="flex items-center gap-1">
            <span className="inline-block h-3 w-3 rounded-sm" style={{ background: series.color }} />
            {t(`exports.chart.${series.key}`)}
          </li>
        ))}
      </ul>
      <div className="overflow-x-auto">
        <svg width={width} height={HEIGHT + 2} viewBox={`0 0 ${width} ${HEIGHT + 2}`} aria-hidden="true" focusable="false">
          <line x1={0} x2={width} y1={HEIGHT + 1} y2={HEIGHT + 1} stroke="#94a3b8" />
          {runs.map((run, index) => (
            <g key={run.id} transform={`translate(${index * GROUP + 7}, 0)`}>
              <title>{describe(run)}</title>
              {SERIES.map((series, position) => {
                const value = run[series.key];
                // A zero still shows as a hairline so an empty run is visible.
                const height = value === 0 ? 1 : Math.max(2, Math.round((value / max) * HEIGHT));
                return <rect key={series.key} x={position * (BAR + GAP)} y={HEIGHT + 1 - height} width={BAR} height={height} fill={series.color} />;
              })}
            </g>
          ))}
        </svg>
      </div>
      <ol className="sr-only" data-testid="run-chart-figures">
        {runs.map((run) => <li key={run.id}>{describe(run)}</li>)}
      </ol>
    </figure>
  );
}
