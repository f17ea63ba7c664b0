// Runs generated OpenAPI documents through the tools API authors feed them to, pinned in this
// folder's package-lock.json (`cargo xtask test --only docs` installs them with `npm ci`):
//
// - @apidevtools/swagger-parser validates each document;
// - Redocly's linter (`redocly lint`, recommended rules, see redocly.yaml) reports no error and
//   no warning;
// - openapi-typescript turns each into a .d.ts in which every status keeps its own type: the
//   `error.code` of each response is exactly the codes its catalog gives that status, and
//   `LenientErrorCode` accepts any string. `tsc --strict` checks those assertions.
//
// Usage: node check-openapi.mjs EXPECTATIONS_JSON   (exits non-zero, naming the failure)
//
// EXPECTATIONS_JSON, written by `cargo xtask test` from each catalog (not from the documents),
// lists the documents to check with what their catalog says: `[{"document": PATH, "license":
// SPDX or null, "codes": {"Error400": [CODE, ...], ...}}]`. A catalog without a license is
// linted without Redocly's `info-license` rule.

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import SwaggerParser from "@apidevtools/swagger-parser";
import openapiTS, { astToString } from "openapi-typescript";

const here = dirname(fileURLToPath(import.meta.url));
const bin = (name) => join(here, "node_modules", ".bin", name);
if (process.argv.length !== 3) {
  console.error("usage: node check-openapi.mjs EXPECTATIONS_JSON");
  process.exit(2);
}
const expectations = JSON.parse(readFileSync(process.argv[2], "utf8"));

const work = mkdtempSync(join(tmpdir(), "openapi-check-"));
const checks = [];
let failed = false;
try {
  const config = join(here, "redocly.yaml");
  const unlicensed = join(work, "redocly-unlicensed.yaml");
  // redocly.yaml with one rule changed: Redocly's own `extends` of a local file.
  writeFileSync(
    unlicensed,
    `extends:\n  - ${JSON.stringify(config)}\nrules:\n  info-license: off\n`,
  );
  for (const [index, expected] of expectations.entries()) {
    const file = expected.document;
    const document = JSON.parse(readFileSync(file, "utf8"));

    // The license the catalog declares, as OpenAPI 3.1 states an SPDX expression.
    const license = document.info.license?.identifier ?? null;
    if (license !== expected.license) {
      throw new Error(`${file}: info.license.identifier is ${license}, not ${expected.license}`);
    }

    // swagger-parser: throws on an invalid document.
    await SwaggerParser.validate(structuredClone(document));
    console.log(`swagger-parser: ${file} is valid`);

    // Redocly: JSON report, no problem allowed.
    let report;
    try {
      report = execFileSync(
        bin("redocly"),
        ["lint", file, "--config", expected.license === null ? unlicensed : config, "--format=json"],
        { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
      );
    } catch (error) {
      report = error.stdout;
    }
    const { totals, problems } = JSON.parse(report);
    if (totals.errors !== 0 || totals.warnings !== 0) {
      for (const problem of problems) {
        console.error(`redocly ${problem.severity} ${problem.ruleId}: ${problem.message}`);
      }
      throw new Error(
        `redocly lint: ${file}: ${totals.errors} errors, ${totals.warnings} warnings`,
      );
    }
    console.log(`redocly lint: ${file}: no error, no warning`);

    // openapi-typescript: a .d.ts, and assertions about it for tsc.
    const types = astToString(await openapiTS(pathToFileURL(file)));
    const dir = join(work, String(index));
    mkdirSync(dir);
    writeFileSync(join(dir, "openapi.d.ts"), types);
    const responses = Object.entries(document.components.responses);
    const names = responses.map(([name]) => name).join(", ");
    if (names !== Object.keys(expected.codes).join(", ")) {
      throw new Error(`${file}: responses ${names}, not ${Object.keys(expected.codes).join(", ")}`);
    }
    const literal = (codes) => codes.map((code) => JSON.stringify(code)).join(" | ");
    const lines = [
      'import type { components } from "./openapi.js";',
      "",
      "type Equal<A, B> =",
      "  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;",
      'type CodeOf<R extends keyof components["responses"]> =',
      '  components["responses"][R]["content"]["application/json"]["error"]["code"];',
      "",
    ];
    for (const [name] of responses) {
      const codes = expected.codes[name];
      lines.push(
        `export const ${name}: Equal<CodeOf<${JSON.stringify(name)}>, ${literal(codes)}> = true;`,
      );
    }
    lines.push(
      'export const lenientTakesAnyString: string extends components["schemas"]["LenientErrorCode"] ? true : false = true;',
      'export const strictIsClosed: string extends components["schemas"]["ErrorCode"] ? false : true = true;',
      "",
    );
    writeFileSync(join(dir, "check.ts"), lines.join("\n"));
    checks.push(join(dir, "check.ts"));
    console.log(`openapi-typescript: ${file}: types of ${responses.length} responses written`);
  }

  execFileSync(
    bin("tsc"),
    [
      "--strict",
      "--noEmit",
      "--target",
      "es2022",
      "--module",
      "nodenext",
      "--moduleResolution",
      "nodenext",
      ...checks,
    ],
    { stdio: "inherit" },
  );
  console.log("tsc --strict: every status keeps its own type in openapi-typescript's output");
} catch (error) {
  console.error(`error: ${error.message}`);
  failed = true;
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
