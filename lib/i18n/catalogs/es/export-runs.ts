// Español: progreso en vivo, gráfico de ejecuciones y programación propia de una exportación.
import type { exportRuns as en } from "../en/export-runs";

export const exportRuns: Record<keyof typeof en, string> = {
  "exports.rate": "{rate} filas/s",
  "exports.rate.none": "Ritmo aún desconocido",
  "exports.retries": "Reintentos (429, 5xx, tiempos de espera): {retries}",
  "exports.chart.title": "Últimas {count} ejecuciones: añadidos, quitados y rechazados",
  "exports.chart.run": "{time}: {added} añadidos, {removed} quitados, {rejected} rechazados",
  "exports.chart.added": "Añadidos",
  "exports.chart.removed": "Quitados",
  "exports.chart.rejected": "Rechazados",
  "exports.history.rejected": "{rejected} rechazados",
  "exports.ownSchedule.daily": "Cada día a las {times} ({zone})",
  "exports.ownSchedule.weekly": "{days} a las {times} ({zone})",
  "exports.ownSchedule.next": "próxima ejecución {time}",
  "exports.ownSchedule.off": "ninguna ejecución prevista",
  "exports.form.scheduleLegend": "Cuándo se ejecuta",
  "exports.form.scheduleSystem": "En cada actualización del sistema",
  "exports.form.scheduleOwn": "Con su propia programación",
  "exports.form.scheduleSystemHint": "La actualización del sistema (Administración › Sistema › Programación) recalcula los segmentos y después ejecuta esta exportación.",
  "refresh.runs": "Ejecuciones iniciadas",
  "refresh.segmentsDone": "Segmentos actualizados: {count}",
  "refresh.noRuns": "Ninguna ejecución de exportación",
  "refresh.runLine": "{name}: {status}",
};
