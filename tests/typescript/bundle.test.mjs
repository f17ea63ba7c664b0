// The package bundles for the browser: esbuild (pinned in package.json) bundles its entry with
// `--platform=browser`, which fails on any import of a Node built-in, and every input of the
// bundle is a file of the package; the bundle, loaded as a module, has the package's exports.
// A file that imports a Node built-in fails the same build, so the check can fail.
//
// Environment: PACKAGE_DIR (the generated package), CATALOG (the catalog it came from).

import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { test } from "node:test";
import { build } from "esbuild";
import { packageDir, pkg } from "./catalog.mjs";

const browser = (entryPoint) =>
  build({
    entryPoints: [entryPoint],
    bundle: true,
    platform: "browser",
    format: "esm",
    write: false,
    metafile: true,
    logLevel: "silent",
  });

test("the package bundles for the browser with no Node built-in and keeps its exports", async () => {
  const result = await browser(join(packageDir, "index.js"));
  assert.deepEqual(result.errors, []);
  const inputs = Object.keys(result.metafile.inputs);
  assert.ok(inputs.length > 1, `inputs: ${inputs}`);
  for (const input of inputs) {
    const path = relative(resolve(packageDir), resolve(input));
    assert.ok(!path.startsWith("..") && !input.startsWith("node:"), `an input outside the package: ${input}`);
  }
  const code = result.outputFiles[0].text;
  const bundled = await import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`);
  assert.deepEqual(Object.keys(bundled).sort(), Object.keys(pkg).sort());
  assert.equal(typeof bundled.withTypedErrors, "function");
});

test("a module importing a Node built-in fails the same browser build", async () => {
  const dir = mkdtempSync(join(tmpdir(), "bundle-check-"));
  try {
    const entry = join(dir, "entry.js");
    writeFileSync(entry, 'import { readFileSync } from "node:fs";\nexport const read = readFileSync;\n');
    await assert.rejects(browser(entry), /node:fs/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
