// English, the exports domain (engine messages; the exports UI adds its own keys here).
export const exports = {
  "exports.run.error.connection": "The export's connection cannot be used: {detail}",
  "exports.run.error.detached": "This export has no connection, so it did not run.",
  "exports.run.error.badKey": "Iterable refused the API key: it is wrong, was revoked, or belongs to the other data center. What Iterable acknowledged before is kept.",
  "exports.run.error.forbidden": "Iterable refused the request: the API key may not write lists. What Iterable acknowledged before is kept.",
  "exports.run.error.unavailable": "Iterable could not be reached or kept refusing after several attempts. What Iterable acknowledged before is kept; run it again later.",
  "exports.run.error.iterable": "Iterable refused the run. What Iterable acknowledged before is kept.",
  "exports.error.notFound": "This export no longer exists.",
  "exports.error.nameTaken": "Another export already has this name.",
  "exports.error.noSegments": "Choose at least one segment.",
  "exports.error.segmentNotFound": "One of the chosen segments no longer exists.",
  "exports.error.runNotFound": "This run no longer exists.",
  "exports.error.notAwaitingConfirmation": "This run is not waiting for a confirmation.",
  "exports.error.detached": "This export has no connection: attach one before running it.",
} as const;
