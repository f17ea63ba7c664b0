// The package's deprecated codes are surfaced where TypeScript users look: the language service
// (what editors, `tsc`-based linters and `ts.getPreEmitDiagnostics` callers ask) reports every
// use of `ErrorCode.X` of a deprecated code as deprecated (suggestion 6385, or 6387 for a
// signature), and no use of any other code. Expectations come from the catalog.
//
// Environment: PACKAGE_DIR (the generated package), CATALOG (the catalog it came from).

import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import ts from "typescript";
import { catalog, packageDir } from "./catalog.mjs";

const DEPRECATED = new Set([6385, 6387]);

/** Suggestion diagnostics of `source`, a module beside the package that imports it as `./pkg`. */
function suggestions(source) {
  const root = dirname(packageDir);
  const probe = join(root, "deprecation-probe.ts");
  const options = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
  };
  const host = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [probe],
    getScriptVersion: () => "1",
    getScriptSnapshot: (file) => {
      if (file === probe) return ts.ScriptSnapshot.fromString(source);
      return existsSync(file) ? ts.ScriptSnapshot.fromString(readFileSync(file, "utf8")) : undefined;
    },
    getCurrentDirectory: () => root,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (file) => file === probe || ts.sys.fileExists(file),
    readFile: (file) => (file === probe ? source : ts.sys.readFile(file)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());
  const errors = service.getSemanticDiagnostics(probe);
  assert.deepEqual(
    errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")),
    [],
    "the probe compiles",
  );
  return service.getSuggestionDiagnostics(probe);
}

test("every use of a deprecated code is reported as deprecated, and no other", () => {
  const codes = Object.keys(catalog.codes);
  const lines = [`import { ErrorCode, ERROR_CODE_INFO } from "./${packageDir.split(/[\\/]/).pop()}/index.js";`];
  codes.forEach((code, i) => lines.push(`export const use${i} = ErrorCode.${code};`));
  const source = `${lines.join("\n")}\n`;
  const flagged = suggestions(source)
    .filter((d) => DEPRECATED.has(d.code))
    .map((d) => source.slice(d.start, d.start + d.length));
  const expected = codes.filter((code) => catalog.codes[code].deprecated !== undefined);
  assert.deepEqual(flagged.sort(), expected.sort());
});

test("a deprecated code's replacement and note are in its deprecation, at run time too", async () => {
  const pkg = await import(new URL(`file://${join(packageDir, "index.js")}`).href);
  for (const [code, entry] of Object.entries(catalog.codes)) {
    const info = pkg.ERROR_CODE_INFO[code];
    if (entry.deprecated === undefined) {
      assert.equal(info.deprecated, null, code);
    } else {
      assert.equal(info.deprecated.since, entry.deprecated.since, code);
      assert.equal(info.deprecated.replacedBy, entry.deprecated.replaced_by ?? null, code);
    }
  }
});
