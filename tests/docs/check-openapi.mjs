// Runs generated OpenAPI documents through the tools API authors feed them to, pinned in this
// folder's package-lock.json (`cargo xtask test --only docs` installs them with `npm ci`):
//
// - @apidevtools/swagger-parser validates each document;
// - Redocly's linter (`redocly lint`, recommended rules, see redocly.yaml) reports no error and
//   no warning;
// - openapi-typescript turns each into a .d.ts in which every status keeps its own type: the
//   `error.code` of each response is exactly the codes the document lists for that status, and
//   `LenientErrorCode` accepts any string. `tsc --strict` checks those assertions.
//
// Usage: node check-openapi.mjs OPENAPI_JSON...   (exits non-zero, naming the failure)

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import SwaggerParser from "@apidevtools/swagger-parser";
import openapiTS, { astToString } from "openapi-typescript";

const here = dirname(fileURLToPath(import.meta.url));
const bin = (name) => join(here, "node_modules", ".bin", name);
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node check-openapi.mjs OPENAPI_JSON...");
  process.exit(2);
}

/** The codes of a response, as the names of its examples (one per code): what its schema must
 * allow, read from another part of the document than the schema. */
function responseCodes(response) {
  return Object.keys(response.content["application/json"].examples ?? {});
}

const work = mkdtempSync(join(tmpdir(), "openapi-check-"));
const checks = [];
let failed = false;
try {
  for (const [index, file] of files.entries()) {
    const document = JSON.parse(readFileSync(file, "utf8"));

    // swagger-parser: throws on an invalid document.
    await SwaggerParser.validate(structuredClone(document));
    console.log(`swagger-parser: ${file} is valid`);

    // Redocly: JSON report, no problem allowed.
    let report;
    try {
      report = execFileSync(
        bin("redocly"),
        ["lint", file, "--config", join(here, "redocly.yaml"), "--format=json"],
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
    if (responses.length === 0) {
      throw new Error(`${file} has no response`);
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
    for (const [name, response] of responses) {
      const codes = responseCodes(response);
      if (codes.length === 0) {
        throw new Error(`${file}: response ${name} has no example`);
      }
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
