// JSON Schema of the formats, generated from the zod schemas, so that anyone
// can validate a kader or inputs document with their own tools. The schemas
// describe a document as written (numbers or decimal strings, defaults
// optional); the relations between parts (spec section 5) are checked only by
// `parseKader`/`parseInputs`.
import { z } from "zod";
import { inputsSchema } from "./inputs";
import { kaderSchema } from "./kader";
import { resultSchema } from "./result";

const options = { io: "input", unrepresentable: "any", target: "draft-2020-12" } as const;

function withTitle(schema: Record<string, unknown>, id: string, title: string): Record<string, unknown> {
  // zod names the recursive condition `__schema0`; give it its name.
  const named = JSON.parse(JSON.stringify(schema).replaceAll("__schema0", "condition")) as Record<string, unknown>;
  const { $schema, ...rest } = named;
  return { $schema, $id: `urn:zorginkoop:${id}`, title, ...rest };
}

export function kaderJsonSchema(): Record<string, unknown> {
  return withTitle(z.toJSONSchema(kaderSchema, options), "kader:v1", "Zorginkoop inkoopkader (zorginkoop.kader/v1)");
}

export function inputsJsonSchema(): Record<string, unknown> {
  return withTitle(z.toJSONSchema(inputsSchema, options), "inputs:v1", "Zorginkoop inputs (zorginkoop.inputs/v1)");
}

export function resultJsonSchema(): Record<string, unknown> {
  return withTitle(z.toJSONSchema(resultSchema, { ...options, io: "output" }), "result:v1", "Zorginkoop result (zorginkoop.result/v1)");
}
