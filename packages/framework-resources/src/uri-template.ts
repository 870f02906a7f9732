// Parses and compiles a URI template ("/things/{id:int}/{rest:path}") into matchable segments; knows nothing of requests or routing order.
import type { Converter, ConverterArguments, ConverterFactory } from "./converters.js";
import { ResourceError } from "./errors.js";

/** One field captured from a segment: its parameter name and its converter, if any. */
export interface TemplateField {
  name: string;
  convert: Converter | undefined;
}

/** One compiled template segment (the text between two "/"). */
export type TemplateSegment =
  /** Literal text, compared exactly. */
  | { kind: "static"; source: string; text: string }
  /** A whole-segment field, `{id}` or `{id:int}`. */
  | { kind: "field"; source: string; field: TemplateField }
  /** Literal text mixed with fields, `{name}.{ext}` or `v{version:int}`, matched by one precompiled pattern. */
  | { kind: "compound"; source: string; pattern: RegExp; fields: readonly TemplateField[] }
  /** `{rest:path}`: the rest of the path, slashes included; only as the last segment. */
  | { kind: "path"; source: string; name: string };

/** A compiled template. */
export interface CompiledTemplate {
  template: string;
  segments: readonly TemplateSegment[];
  /** Parameter names in capture order. */
  fieldNames: readonly string[];
}

const FIELD_PATTERN = /\{([^{}]*)\}/g;
const FIELD_BODY_PATTERN = /^([A-Za-z_$][\w$]*)(?::([A-Za-z_][\w-]*)(?:\((.*)\))?)?$/;
const ARGUMENT_PATTERN = /^\s*([A-Za-z_]\w*)\s*=\s*(.*?)\s*$/;
const REGEX_SPECIAL_PATTERN = /[.*+?^${}()|[\]\\]/g;

function invalid(template: string, reason: string): ResourceError {
  return new ResourceError("ERR_RESOURCE_INVALID_TEMPLATE", `invalid URI template ${JSON.stringify(template)}: ${reason}`);
}

function parseArguments(template: string, text: string | undefined): ConverterArguments {
  const args: Record<string, string> = {};
  if (text === undefined || text.trim() === "") return args;
  for (const part of text.split(",")) {
    const match = ARGUMENT_PATTERN.exec(part);
    if (match === null) throw invalid(template, `converter arguments are name=value pairs, got ${JSON.stringify(part.trim())}`);
    args[match[1] as string] = match[2] as string;
  }
  return args;
}

interface ParsedField {
  name: string;
  converter: string | undefined;
  args: ConverterArguments;
}

function parseField(template: string, body: string): ParsedField {
  const match = FIELD_BODY_PATTERN.exec(body);
  if (match === null) throw invalid(template, `a field is {name} or {name:converter} or {name:converter(arg=value)}, got {${body}}`);
  return { name: match[1] as string, converter: match[2], args: parseArguments(template, match[3]) };
}

function makeConverter(template: string, field: ParsedField, converters: ReadonlyMap<string, ConverterFactory>): Converter | undefined {
  if (field.converter === undefined) return undefined;
  const factory = converters.get(field.converter);
  if (factory === undefined) {
    throw new ResourceError("ERR_RESOURCE_UNKNOWN_CONVERTER", `URI template ${JSON.stringify(template)}: unknown converter "${field.converter}" (known: path, ${[...converters.keys()].join(", ")})`);
  }
  return factory(field.args);
}

function compileSegment(template: string, source: string, isLast: boolean, converters: ReadonlyMap<string, ConverterFactory>): TemplateSegment {
  const bodies = [...source.matchAll(FIELD_PATTERN)];
  const literal = source.replace(FIELD_PATTERN, "");
  if (literal.includes("{") || literal.includes("}")) throw invalid(template, `unbalanced braces in segment ${JSON.stringify(source)}`);
  if (bodies.length === 0) return { kind: "static", source, text: source };
  const fields = bodies.map((match) => parseField(template, match[1] as string));
  const whole = bodies.length === 1 && (bodies[0] as RegExpExecArray)[0] === source;
  const first = fields[0] as ParsedField;
  if (fields.some((field) => field.converter === "path")) {
    if (!whole || !isLast) throw invalid(template, "a {name:path} field must be the whole last segment");
    if (Object.keys(first.args).length > 0) throw invalid(template, "the path converter takes no arguments");
    return { kind: "path", source, name: first.name };
  }
  if (whole) return { kind: "field", source, field: { name: first.name, convert: makeConverter(template, first, converters) } };
  // Literal parts are escaped once here; each field captures lazily so the literal after it anchors the split.
  let pattern = "^";
  let last = 0;
  for (const match of bodies) {
    pattern += source.slice(last, match.index).replace(REGEX_SPECIAL_PATTERN, "\\$&") + "(.+?)";
    last = match.index + match[0].length;
  }
  pattern += source.slice(last).replace(REGEX_SPECIAL_PATTERN, "\\$&") + "$";
  return {
    kind: "compound",
    source,
    pattern: new RegExp(pattern, "s"),
    fields: fields.map((field) => ({ name: field.name, convert: makeConverter(template, field, converters) })),
  };
}

/**
 * Compiles a template. Rules (Falcon's): it starts with "/"; a field is `{name}`, `{name:converter}` or
 * `{name:converter(arg=value, …)}`; a segment may mix literal text and fields; `{name:path}` takes the rest
 * of the path and must be the whole last segment; a field name appears once. Throws a ResourceError
 * (ERR_RESOURCE_INVALID_TEMPLATE, ERR_RESOURCE_UNKNOWN_CONVERTER) so mistakes fail at startup.
 */
export function compileTemplate(template: string, converters: ReadonlyMap<string, ConverterFactory>): CompiledTemplate {
  if (typeof template !== "string" || !template.startsWith("/")) throw invalid(String(template), 'it must start with "/"');
  if (template.includes("?") || template.includes("#")) throw invalid(template, "it matches the path only; no query or fragment");
  const sources = template.slice(1).split("/");
  const segments = sources.map((source, index) => compileSegment(template, source, index === sources.length - 1, converters));
  const fieldNames: string[] = [];
  for (const segment of segments) {
    const names = segment.kind === "field" ? [segment.field.name] : segment.kind === "compound" ? segment.fields.map((field) => field.name) : segment.kind === "path" ? [segment.name] : [];
    for (const name of names) {
      if (fieldNames.includes(name)) throw invalid(template, `field "${name}" appears twice`);
      fieldNames.push(name);
    }
  }
  return { template, segments, fieldNames };
}
