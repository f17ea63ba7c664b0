// Asserts that a TypeScript project FAILS to compile, with every expected text in tsc's output.
// Usage: node expect-compile-error.mjs <tsconfig.json> <expected text>...
// (cargo xtask test runs it on a consumer with one `case` removed from its exhaustive switch.)

import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const [project, ...expected] = process.argv.slice(2);
if (project === undefined || expected.length === 0) {
  console.error("usage: node expect-compile-error.mjs <tsconfig.json> <expected text>...");
  process.exit(2);
}
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const run = spawnSync(process.execPath, [tsc, "--pretty", "false", "-p", project], {
  encoding: "utf8",
  timeout: 120_000,
});
const output = `${run.stdout ?? ""}${run.stderr ?? ""}`;
if (run.status === 0) {
  console.error(`expected ${project} not to compile, but tsc succeeded`);
  process.exit(1);
}
const missing = expected.filter((text) => !output.includes(text));
if (run.status !== 2 || missing.length > 0) {
  console.error(`tsc exited with ${run.status}; missing from its output: ${JSON.stringify(missing)}`);
  console.error(output);
  process.exit(1);
}
console.log(`as expected, ${project} does not compile:\n${output.trim()}`);
