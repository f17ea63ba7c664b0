// The package is tree-shakable and loads from CommonJS: a bundle of `import { ErrorCode }`
// (esbuild, pinned) holds the codes but none of the per-code metadata table (messages,
// descriptions) nor the error classes, and `require()` of the package works on the Node that
// runs the tests (the floor `engines` states: require(esm) needs 20.19 or 22.12).
//
// Environment: PACKAGE_DIR (the generated package), CATALOG (the catalog it came from).

import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { join } from "node:path";
import { test } from "node:test";
import { build } from "esbuild";
import { catalog, manifest, packageDir } from "./catalog.mjs";

/** The minified bundle of a module that imports `names` from the package and uses them. */
async function bundle(names) {
  const entry = join(packageDir, "index.js");
  const contents = `import { ${names.join(", ")} } from ${JSON.stringify(entry)};\nconsole.log(${names.join(", ")});\n`;
  const result = await build({
    stdin: { contents, resolveDir: packageDir, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0].text;
}

test("a bundle of `import { ErrorCode }` holds the codes and nothing of the tables it does not use", async () => {
  const only = await bundle(["ErrorCode"]);
  const codes = Object.keys(catalog.codes);
  for (const code of codes) {
    assert.ok(only.includes(code), `${code} is in the bundle`);
  }
  for (const [code, entry] of Object.entries(catalog.codes)) {
    assert.ok(!only.includes(entry.message), `the message of ${code} is left out`);
  }
  for (const [id, category] of Object.entries(catalog.categories)) {
    assert.ok(!only.includes(category.title), `the title of category ${id} is left out`);
  }
  assert.ok(!only.includes("ApiError"), "the error classes are left out");
  // And the whole package is much larger: the difference is the metadata and the classes.
  const everything = await bundle(["ERROR_CODE_INFO", "errorFromResponse", "withRetry"]);
  for (const entry of Object.values(catalog.codes)) {
    assert.ok(everything.includes(entry.message.slice(0, 8)));
  }
  assert.ok(
    only.length * 3 < everything.length,
    `import { ErrorCode } bundles ${only.length} B, the package ${everything.length} B`,
  );
});

test("CommonJS code can require() the package on this Node, within the floor engines states", () => {
  const require = createRequire(import.meta.url);
  const fromCjs = require(join(packageDir, "index.js"));
  const first = Object.keys(catalog.codes)[0];
  assert.equal(fromCjs.ErrorCode[first], first);
  // The running Node satisfies the range of `engines` (`^A.B.C` and `>=A.B.C` alternatives).
  const version = process.versions.node.split(".").map(Number);
  const atLeast = (floor) => {
    for (let i = 0; i < 3; i++) if (version[i] !== floor[i]) return version[i] > floor[i];
    return true;
  };
  const satisfied = manifest.engines.node.split("||").some((part) => {
    const [, op, floor] = /^\s*(\^|>=)(\d+\.\d+\.\d+)\s*$/.exec(part) ?? assert.fail(part);
    const parts = floor.split(".").map(Number);
    return atLeast(parts) && (op === ">=" || version[0] === parts[0]);
  });
  assert.ok(satisfied, `Node ${process.versions.node} is within ${manifest.engines.node}`);
});
