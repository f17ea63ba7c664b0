// The package against the conformance vectors (generated/conformance/vectors.json, expanded by
// `cargo xtask test` into target/conformance/vectors.json, the file VECTORS names), without a
// server: each vector's response handed to `errorFromParts`, the decision read back by the
// conformance client's own `decisionOf` and compared with the vector's expectation. The same
// vectors go over real HTTP in the conformance step of `cargo xtask test`.
//
// Environment: PACKAGE_DIR and CATALOG (catalog.mjs), VECTORS (the vectors file) and
// CONFORMANCE_CLIENT (tests/conformance/clients/typescript/client.mjs).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { catalog, pkg } from "./catalog.mjs";

const vectorsPath = process.env.VECTORS;
const clientPath = process.env.CONFORMANCE_CLIENT;
assert.ok(vectorsPath && clientPath, "VECTORS and CONFORMANCE_CLIENT must be set");
const { decisionOf } = await import(pathToFileURL(clientPath).href);
const file = JSON.parse(readFileSync(vectorsPath, "utf8"));

const LONG_WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** An HTTP date in one of the three forms of RFC 9110 §5.6.7, written independently. */
function httpDate(ms, form) {
  const imf = new Date(ms).toUTCString(); // "Sun, 06 Nov 1994 08:49:37 GMT"
  const [, weekday, day, month, year, time] = /^(\w{3}), (\d{2}) (\w{3}) (\d{4}) ([\d:]{8}) GMT$/.exec(imf);
  switch (form) {
    case "imf":
      return imf;
    case "rfc850":
      return `${LONG_WEEKDAYS[new Date(ms).getUTCDay()]}, ${day}-${month}-${year.slice(2)} ${time} GMT`;
    case "asctime":
      return `${weekday} ${month} ${String(Number(day)).padStart(2, " ")} ${time} ${year}`;
    default:
      throw new Error(`unknown date form ${form}`);
  }
}

/** The parts of a vector's response, as the server sends them at `now`. */
function partsOf(response, now) {
  const headers = [...(response.headers ?? [])];
  const date = response.retry_after_date;
  if (date) {
    headers.push(["retry-after", httpDate(now + date.offset_seconds * 1000, date.form)]);
  }
  const repeat = response.body_repeat;
  const body = repeat
    ? `${repeat.prefix ?? ""}${repeat.text.repeat(repeat.times)}${repeat.suffix ?? ""}`
    : (response.body ?? "");
  return { status: response.status, headers, body };
}

test("the vectors come from this catalog and cover every code", () => {
  assert.deepEqual(file.catalog, { name: catalog.catalog.name, version: catalog.catalog.version });
  const named = new Set(file.vectors.map((v) => v.name));
  assert.equal(named.size, file.vectors.length, "vector names are unique");
  for (const code of Object.keys(catalog.codes)) {
    assert.ok(file.vectors.some((v) => v.expected.raw_code === code), `a vector for ${code}`);
  }
});

test("errorFromParts gives every vector's expected decision", () => {
  const failures = [];
  // Whole seconds, as HTTP dates have them: the expected wait is then exact.
  const now = Math.floor(Date.now() / 1000) * 1000;
  for (const vector of file.vectors) {
    const { status, headers, body } = partsOf(vector.response, now);
    const actual = decisionOf(pkg, pkg.errorFromParts(status, headers, body, { now }));
    const { retry_after_tolerance_ms: tolerance = 0, ...expected } = vector.expected;
    for (const [member, want] of Object.entries(expected)) {
      const got = actual[member];
      const close =
        member === "retry_after_ms" && typeof want === "number" && typeof got === "number"
          ? Math.abs(got - want) <= tolerance
          : false;
      if (!close && !isDeepStrictEqual(got, want)) {
        failures.push(`${vector.name}: ${member}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
      }
    }
  }
  assert.deepEqual(failures, [], `${failures.length} disagreements with the vectors`);
});
