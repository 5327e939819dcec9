// Derives sdk/data/openclaw-redaction.json from an installed OpenClaw: the
// config paths its own redaction hides (schema-registered sensitive fields,
// bundled channels' and plugins' hints), its path heuristics, its URL rules,
// and the schema facts Pincer needs to tell a value that cannot be a secret
// (enum members, number and boolean fields). Facts only: path patterns,
// names and the patterns' sources. Run through scripts/derive-redaction.sh.
//
//   node derive-redaction.mjs DIST_DIR VERSION > openclaw-redaction.json
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [dist, version] = process.argv.slice(2);
if (!dist || !version) {
  console.error("usage: derive-redaction.mjs DIST_DIR VERSION");
  process.exit(2);
}

function fail(message) {
  console.error(`derive-redaction: ${message}`);
  process.exit(1);
}

/** The one dist module whose text matches `marker`. */
function moduleWith(marker) {
  const hits = fs
    .readdirSync(dist)
    .filter((name) => name.endsWith(".mjs"))
    .filter((name) => fs.readFileSync(path.join(dist, name), "utf8").includes(marker));
  if (hits.length !== 1) fail(`expected one module with ${marker}, found ${hits.length}`);
  const file = path.join(dist, hits[0]);
  return { file, text: fs.readFileSync(file, "utf8") };
}

/** Evaluates the literal assigned to `const NAME = ...;` in `text`. */
function constant(text, name) {
  const start = text.indexOf(`const ${name} = `);
  if (start < 0) fail(`no constant ${name}`);
  const from = start + `const ${name} = `.length;
  const end = text.indexOf(";\n", from);
  const literal = text.slice(from, end).replace("/* @__PURE__ */ ", "");
  return new Function(`return (${literal});`)();
}

/** The exported binding of `module` whose local name is `local`. */
async function exported(mod, local) {
  const names = /export \{([^}]*)\}/.exec(mod.text)?.[1] ?? "";
  const alias = names
    .split(",")
    .map((pair) => pair.trim().split(/\s+as\s+/))
    .find(([name]) => name === local)?.[1];
  if (!alias) fail(`${local} is not exported by ${mod.file}`);
  const loaded = await import(pathToFileURL(mod.file).href);
  return loaded[alias];
}

// Path heuristics (sensitive-paths).
const paths = moduleWith("const SENSITIVE_PATTERNS = [");
const keyPatterns = constant(paths.text, "SENSITIVE_PATTERNS").map((re) => {
  if (re.flags !== "i") fail(`unexpected flags ${re.flags} on /${re.source}/`);
  return re.source;
});
const keyAllowedSuffixes = constant(paths.text, "SENSITIVE_KEY_WHITELIST_SUFFIXES");
const pathContains = [...paths.text.matchAll(/lowerPath\.includes\("([^"]+)"\)/g)].map((m) => m[1]);
if (pathContains.length === 0) fail("no path-contains rule");
const isSensitiveConfigPath = await exported(paths, "isSensitiveConfigPath");

// Whole-object paths (redact-snapshot).
const snapshot = moduleWith("function isWholeObjectSensitivePath(");
const whole = /function isWholeObjectSensitivePath\(path\) \{([\s\S]*?)\n\}/.exec(snapshot.text)?.[1] ?? "";
const wholeObjectSuffixes = [...whole.matchAll(/endsWith\("([^"]+)"\)/g)].map((m) => m[1]);
if (wholeObjectSuffixes.length === 0) fail("no whole-object rule");

// URL rules (redact-sensitive-url).
const urls = moduleWith("function isSensitiveUrlConfigPath(");
const urlQueryParams = [...constant(urls.text, "SENSITIVE_URL_QUERY_PARAM_NAMES")];
const tokenParam = constant(urls.text, "SUFFIXED_OR_SCOPED_TOKEN_QUERY_PARAM_RE");
const body = /function isSensitiveUrlConfigPath\(path\) \{([\s\S]*?)\n\}/.exec(urls.text)?.[1] ?? "";
const urlPathSuffixes = [...body.matchAll(/path\.endsWith\("([^"]+)"\)/g)].map((m) => m[1]);
const urlPathPatterns = [...body.matchAll(/return (\/.*\/[a-z]*)\.test\(path\)/g)].map(
  (m) => new Function(`return ${m[1]};`)().source,
);
if (urlPathSuffixes.length === 0 || urlPathPatterns.length === 0) fail("no URL path rules");
const isSensitiveUrlConfigPath = await exported(urls, "isSensitiveUrlConfigPath");

// The schema and its hints, with the bundled channels and plugins.
const schemaModule = moduleWith("function buildConfigSchemaCore(");
const buildConfigSchemaCore = await exported(schemaModule, "buildConfigSchemaCore");
const extensions = path.join(dist, "extensions");
const plugins = fs
  .readdirSync(extensions)
  .map((name) => path.join(extensions, name, "openclaw.plugin.json"))
  .filter((file) => fs.existsSync(file))
  .map((file) => JSON.parse(fs.readFileSync(file, "utf8")))
  .filter((manifest) => typeof manifest.id === "string")
  .map((manifest) => ({
    id: manifest.id,
    name: manifest.name,
    description: manifest.description,
    configSchema: manifest.configSchema,
    configUiHints: manifest.uiHints,
    configSecretInputPaths: manifest.configContracts?.secretInputs?.paths?.map((entry) => entry.path),
  }));
const core = buildConfigSchemaCore({ plugins, cache: false });
const hints = core.uiHints;
const sorted = (list) => [...new Set(list)].sort();
const sensitivePaths = sorted(Object.keys(hints).filter((p) => hints[p]?.sensitive === true));
const nonSensitivePaths = sorted(Object.keys(hints).filter((p) => hints[p]?.sensitive === false));
const urlSecretPaths = sorted(
  Object.keys(hints).filter((p) => (hints[p]?.tags ?? []).some((t) => String(t).toLowerCase() === "url-secret")),
);
if (sensitivePaths.length < 50) fail(`only ${sensitivePaths.length} sensitive paths`);

// Enum members and number/boolean fields, by path (`*` any key, `[]` an item).
const enums = {};
const scalars = {};
function resolve(node, seen) {
  if (node && typeof node.$ref === "string" && node.$ref.startsWith("#/")) {
    if (seen.has(node.$ref)) return undefined;
    seen.add(node.$ref);
    return node.$ref
      .slice(2)
      .split("/")
      .reduce((at, key) => at?.[key.replaceAll("~1", "/").replaceAll("~0", "~")], core.schema);
  }
  return node;
}
function walk(raw, at, seen, depth) {
  const node = resolve(raw, new Set(seen));
  if (!node || typeof node !== "object" || depth > 64) return;
  const values = [];
  if (Array.isArray(node.enum)) values.push(...node.enum.filter((v) => typeof v === "string"));
  if (typeof node.const === "string") values.push(node.const);
  if (values.length) enums[at] = sorted([...(enums[at] ?? []), ...values]);
  const types = [node.type].flat().filter((t) => ["number", "integer", "boolean"].includes(t));
  if (types.length) scalars[at] = sorted([...(scalars[at] ?? []), ...types]);
  const join = (key) => (at ? `${at}.${key}` : key);
  for (const [key, child] of Object.entries(node.properties ?? {})) walk(child, join(key), seen, depth + 1);
  if (node.additionalProperties && typeof node.additionalProperties === "object")
    walk(node.additionalProperties, join("*"), seen, depth + 1);
  for (const child of Object.values(node.patternProperties ?? {})) walk(child, join("*"), seen, depth + 1);
  for (const child of [node.items].flat()) if (child) walk(child, `${at}[]`, seen, depth + 1);
  for (const keyword of ["anyOf", "oneOf", "allOf"])
    for (const branch of node[keyword] ?? []) walk(branch, at, seen, depth + 1);
}
walk(core.schema, "", new Set(), 0);

// The derived rules must judge every hinted path as OpenClaw's own code does.
const keyRegexes = keyPatterns.map((source) => new RegExp(source, "i"));
const urlRegexes = urlPathPatterns.map((source) => new RegExp(source));
for (const p of Object.keys(hints)) {
  const lower = p.toLowerCase();
  const ours =
    pathContains.some((part) => lower.includes(part)) ||
    (!keyAllowedSuffixes.some((suffix) => lower.endsWith(suffix)) && keyRegexes.some((re) => re.test(p)));
  if (ours !== isSensitiveConfigPath(p)) fail(`the path rule disagrees with OpenClaw on ${p}`);
  const url = urlPathSuffixes.some((suffix) => p.endsWith(suffix)) || urlRegexes.some((re) => re.test(p));
  if (url !== isSensitiveUrlConfigPath(p)) fail(`the URL rule disagrees with OpenClaw on ${p}`);
}

const sortedObject = (object) => Object.fromEntries(Object.keys(object).sort().map((k) => [k, object[k]]));
process.stdout.write(
  `${JSON.stringify(
    {
      openclaw: version,
      generatedBy: "scripts/derive-redaction.sh",
      sensitivePaths,
      nonSensitivePaths,
      urlSecretPaths,
      urlPathSuffixes,
      urlPathPatterns,
      keyPatterns,
      keyAllowedSuffixes,
      pathContains,
      wholeObjectSuffixes,
      urlQueryParams: sorted(urlQueryParams),
      urlTokenParamPattern: tokenParam.source,
      enums: sortedObject(enums),
      scalars: sortedObject(scalars),
    },
    null,
    1,
  )}\n`,
);
