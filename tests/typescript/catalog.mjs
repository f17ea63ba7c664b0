// What the tests hold the generated package to, read independently of it: the catalog it came
// from (parsed with smol-toml), the rules of the catalog format resolved here, and the package
// itself, loaded once for every test file.
//
// Environment: PACKAGE_DIR (the generated package), CATALOG (the catalog it came from).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "smol-toml";

export const packageDir = process.env.PACKAGE_DIR;
const catalogPath = process.env.CATALOG;
assert.ok(packageDir && catalogPath, "PACKAGE_DIR and CATALOG must be set");

/** The catalog, as parsed TOML. */
export const catalog = parse(readFileSync(catalogPath, "utf8"));
/** The generated package's index module. */
export const pkg = await import(pathToFileURL(join(packageDir, "index.js")).href);
/** The generated package's package.json. */
export const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));

/**
 * The catalog format's default retryability of a status whose row does not say (or that has no
 * row): 429 and 5xx, nothing else. The one statement of the rule in these tests.
 */
export function defaultRetryable(status) {
  return status === 429 || (status >= 500 && status <= 599);
}

/** The catalog's retryability of a status: its row's setting, else the default. */
export function statusRetryable(status) {
  const row = catalog.statuses[String(status)];
  if (row?.retryable !== undefined) return row.retryable;
  return defaultRetryable(status);
}

/** The package's property name of a catalog key: camelCase (`docs_url` → `docsUrl`). */
export function propertyName(key) {
  return key.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
}

/** The catalog's retryability of a code's entry: its own setting, else its status's. */
export function retryableOf(entry) {
  return entry.retryable ?? statusRetryable(entry.status);
}

/** The catalog's title of a status, or `null` when its table has none. */
export function statusTitleOf(status) {
  return catalog.statuses[String(status)]?.title ?? null;
}
