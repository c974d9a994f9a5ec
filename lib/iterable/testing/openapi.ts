import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import spec from "./iterable-openapi.json";

// Validates request bodies and responses against the definitions of Iterable's published
// OpenAPI document (Swagger 2.0, vendored verbatim from @iterable/api's repository as
// iterable-openapi.json). Swagger 2.0 definitions are JSON Schema draft-4 plus a few extra
// keywords (example, discriminator, readOnly), so they compile with Ajv once those are allowed.
//
// Two deliberate adjustments:
// - Strict shapes: every object schema with `properties` gets additionalProperties:false, so a
//   misspelt field (say `channelUnsubcribe`) fails instead of passing silently.
// - `format: int32` is checked as "integer" only: the document labels ListDetails.createdAt
//   int32 while describing it as epoch milliseconds, which no int32 can hold after 1970-01-25.

type Json = Record<string, unknown>;

function tighten(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tighten);
  if (!node || typeof node !== "object") return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) out[key] = tighten(value);
  if (out.type === "object" && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

export interface OpenApiValidator {
  /** Errors as readable strings; empty when `value` matches `#/definitions/<name>`. */
  errors(definition: string, value: unknown): string[];
}

export function createOpenApiValidator(): OpenApiValidator {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isSafeInteger(n) });
  ajv.addSchema({ $id: "iterable", definitions: tighten((spec as { definitions: Json }).definitions) });
  const cache = new Map<string, ValidateFunction>();
  return {
    errors(definition, value) {
      let validate = cache.get(definition);
      if (!validate) {
        validate = ajv.getSchema(`iterable#/definitions/${definition}`);
        if (!validate) throw new Error(`no definition ${definition} in iterable-openapi.json`);
        cache.set(definition, validate);
      }
      if (validate(value)) return [];
      return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "invalid"}`);
    },
  };
}

/** The response schema an operation documents for a status, as a definition name. */
export function responseDefinition(path: string, method: string, status: number): string | undefined {
  const paths = (spec as { paths: Record<string, Record<string, { responses: Record<string, { schema?: { $ref?: string; type?: string } }> }>> }).paths;
  const schema = paths[path]?.[method.toLowerCase()]?.responses[String(status)]?.schema;
  return schema?.$ref?.replace("#/definitions/", "") ?? schema?.type;
}
