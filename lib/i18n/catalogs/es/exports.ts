// Español, el dominio de exportaciones. Mismas claves que en/exports.ts.
import type { exports as en } from "../en/exports";

export const exports: Record<keyof typeof en, string> = {
  "exports.run.error.connection": "No se puede usar la conexión de la exportación: {detail}",
  "exports.run.error.detached": "Esta exportación no tiene conexión, así que no se ejecutó.",
  "exports.run.error.badKey": "Iterable rechazó la clave de API: es incorrecta, se revocó o pertenece al otro centro de datos. Se conserva lo que Iterable ya confirmó.",
  "exports.run.error.forbidden": "Iterable rechazó la petición: la clave de API no puede escribir listas. Se conserva lo que Iterable ya confirmó.",
  "exports.run.error.unavailable": "No se pudo contactar con Iterable o siguió rechazando tras varios intentos. Se conserva lo que Iterable ya confirmó; vuelva a ejecutarla más tarde.",
  "exports.run.error.iterable": "Iterable rechazó la ejecución. Se conserva lo que Iterable ya confirmó.",
  "exports.error.notFound": "Esta exportación ya no existe.",
  "exports.error.nameTaken": "Ya hay otra exportación con este nombre.",
  "exports.error.noSegments": "Elija al menos un segmento.",
  "exports.error.segmentNotFound": "Uno de los segmentos elegidos ya no existe.",
  "exports.error.runNotFound": "Esta ejecución ya no existe.",
  "exports.error.notAwaitingConfirmation": "Esta ejecución no está esperando una confirmación.",
  "exports.error.detached": "Esta exportación no tiene conexión: asigne una antes de ejecutarla.",
};
