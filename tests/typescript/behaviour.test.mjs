// Behaviour of the generated package against a real HTTP server on 127.0.0.1 (an ephemeral
// port): a response for every code of the catalog, malformed bodies, 429/503 with Retry-After,
// network failures and cancellation.
//
// Environment: PACKAGE_DIR (the generated package), CATALOG (the catalog it came from, parsed
// by catalog.mjs with smol-toml as the independent source of what each code must give).

import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import {
  catalog,
  defaultRetryable,
  packageDir,
  pkg,
  retryableOf,
  statusRetryable,
  statusTitleOf,
} from "./catalog.mjs";

const codes = Object.entries(catalog.codes);
const firstCode = (predicate) => codes.find(([, entry]) => predicate(entry));
/** The first code of the catalog with status 429 (the catalog of these tests has one). */
const rateLimitedCode = firstCode((e) => e.status === 429);

/** The class the shared API gives each status: independent of the package. */
function expectedClass(status) {
  const byStatus = {
    400: "BadRequestError",
    401: "AuthenticationError",
    403: "PermissionDeniedError",
    404: "NotFoundError",
    409: "ConflictError",
    422: "UnprocessableEntityError",
    429: "RateLimitError",
  };
  return byStatus[status] ?? (status >= 500 && status <= 599 ? "ServerError" : "ApiError");
}
const GUARDS = {
  BadRequestError: "isBadRequestError",
  AuthenticationError: "isAuthenticationError",
  PermissionDeniedError: "isPermissionDeniedError",
  NotFoundError: "isNotFoundError",
  ConflictError: "isConflictError",
  UnprocessableEntityError: "isUnprocessableEntityError",
  RateLimitError: "isRateLimitError",
  ServerError: "isServerError",
};

function envelope(code, extra = {}) {
  const entry = catalog.codes[code];
  return JSON.stringify({
    success: false,
    error: {
      code,
      message: `The server's message for ${code}`,
      details: { field: entry?.field ?? "some_field", issue: `What is wrong (${code})` },
    },
    meta: { request_id: `req_${code}`, timestamp: "2024-01-01T00:00:00Z" },
    ...extra,
  });
}

// ---------------------------------------------------------------------------------------------
// The server. Fixed routes, plus scripted sequences (/seq/NAME) that tests queue responses on;
// every request is recorded with its arrival time.

/** @type {Map<string, Array<{ status: number, headers?: Record<string, string>, body?: string }>>} */
const scripts = new Map();
/** @type {Map<string, number[]>} */
const arrivals = new Map();

function script(name, responses) {
  scripts.set(name, [...responses]);
  arrivals.set(name, []);
  return `${baseUrl}/seq/${name}`;
}

const FIXED = {
  "/html": { status: 502, headers: { "content-type": "text/html" }, body: "<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>" },
  "/empty": { status: 503, body: "" },
  "/invalid-json": { status: 500, headers: { "content-type": "application/json" }, body: '{"success": false, "error": {"code": "INTERNAL' },
  "/not-an-object": { status: 400, headers: { "content-type": "application/json" }, body: "[1, 2, 3]" },
  "/missing-fields": { status: 404, headers: { "content-type": "application/json" }, body: '{"success": false, "error": {}}' },
  "/wrong-types": {
    status: 400,
    headers: { "content-type": "application/json" },
    body: '{"error": {"code": 42, "message": ["no"], "details": "nope"}, "meta": {"request_id": 7}}',
  },
  "/unknown-code": {
    status: 429,
    headers: { "content-type": "application/json", "retry-after": "3" },
    body: '{"success": false, "error": {"code": "FROM_A_NEWER_SERVER", "message": "Something new"}, "meta": {"request_id": "req_new"}}',
  },
  "/teapot": { status: 418, body: "I'm a teapot" },
};

let server;
let baseUrl;

before(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url, "http://127.0.0.1");
    const path = url.pathname;
    if (path.startsWith("/code/")) {
      const code = decodeURIComponent(path.slice("/code/".length));
      const entry = catalog.codes[code];
      response.writeHead(entry ? entry.status : 500, { "content-type": "application/json" });
      response.end(envelope(code));
    } else if (path === "/truncated") {
      // Promises 500 bytes, sends 40 of them, then drops the connection.
      const body = envelope(codes[0][0]);
      response.writeHead(500, { "content-type": "application/json", "content-length": "500" });
      response.write(body.slice(0, 40), () => response.destroy());
    } else if (path === "/slow") {
      // Answers only after 5 s (tests abort long before); bounded so nothing hangs.
      setTimeout(() => response.end("late"), 5000).unref();
    } else if (path.startsWith("/seq/")) {
      const name = path.slice("/seq/".length);
      arrivals.get(name)?.push(performance.now());
      const next = scripts.get(name)?.shift() ?? { status: 599, body: "script exhausted" };
      response.writeHead(next.status, next.headers ?? {});
      response.end(next.body ?? "");
    } else if (path in FIXED) {
      const { status, headers, body } = FIXED[path];
      response.writeHead(status, headers ?? {});
      response.end(body);
    } else {
      response.writeHead(599);
      response.end("no such route");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${server.address().port}`;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

/** A failed response, as a client sees it. */
async function failure(path) {
  const response = await fetch(`${baseUrl}${path}`);
  assert.equal(response.ok, false, path);
  return pkg.errorFromResponse(response);
}

function assertClass(error, status) {
  const name = expectedClass(status);
  assert.ok(error instanceof Error && error instanceof pkg.ApiError, `${status} gives an ApiError`);
  assert.ok(error instanceof pkg[name], `${status} gives a ${name}`);
  assert.equal(error.name, name);
  assert.equal(pkg.isApiError(error), true);
  for (const [family, guard] of Object.entries(GUARDS)) {
    assert.equal(pkg[guard](error), family === name, `${guard} of a ${status}`);
    assert.equal(error instanceof pkg[family], family === name, `instanceof ${family} of a ${status}`);
  }
}

// ---------------------------------------------------------------------------------------------

describe("errorFromResponse", () => {
  test("gives every code of the catalog its class, code and fields", async () => {
    assert.equal(codes.length, pkg.ERROR_CODES.length);
    for (const [code, entry] of codes) {
      const error = await failure(`/code/${code}`);
      assertClass(error, entry.status);
      assert.equal(error.code, code);
      assert.equal(error.rawCode, code);
      assert.equal(error.status, entry.status);
      assert.equal(error.message, `The server's message for ${code}`);
      assert.deepEqual(error.details, { field: entry.field ?? "some_field", issue: `What is wrong (${code})` });
      assert.equal(error.requestId, `req_${code}`);
      assert.equal(error.timestamp, "2024-01-01T00:00:00Z");
      assert.equal(error.retryable, retryableOf(entry), code);
      assert.equal(error.retryAfterMs, null);
      assert.equal(error.body, envelope(code));
    }
  });

  test("an HTML page from a gateway gives a ServerError with the status and the page", async () => {
    const error = await failure("/html");
    assertClass(error, 502);
    assert.equal(error.code, null);
    assert.equal(error.rawCode, null);
    assert.equal(error.body, FIXED["/html"].body);
    assert.equal(error.retryable, true);
    assert.equal(error.message, statusTitleOf(502) ?? "HTTP status 502");
  });

  test("an empty body keeps the status", async () => {
    const error = await failure("/empty");
    assertClass(error, 503);
    assert.equal(error.body, "");
    assert.equal(error.code, null);
    assert.ok(error.message.length > 0);
  });

  test("invalid JSON keeps the raw text", async () => {
    const error = await failure("/invalid-json");
    assertClass(error, 500);
    assert.equal(error.body, FIXED["/invalid-json"].body);
    assert.equal(error.rawCode, null);
  });

  test("a body cut off mid-stream keeps what arrived", async () => {
    const error = await failure("/truncated");
    assertClass(error, 500);
    assert.equal(error.body, envelope(codes[0][0]).slice(0, 40));
    assert.equal(error.code, null);
  });

  test("JSON that is not the envelope, or has fields missing or of the wrong type", async () => {
    for (const [path, status] of [["/not-an-object", 400], ["/missing-fields", 404], ["/wrong-types", 400]]) {
      const error = await failure(path);
      assertClass(error, status);
      assert.equal(error.code, null, path);
      assert.equal(error.rawCode, null, path);
      assert.equal(error.details, null, path);
      assert.equal(error.requestId, null, path);
      assert.equal(error.body, FIXED[path].body, path);
    }
  });

  test("a code this version does not know keeps the raw code and the status's retryability", async () => {
    const error = await failure("/unknown-code");
    assertClass(error, 429);
    assert.equal(error.code, null);
    assert.equal(error.rawCode, "FROM_A_NEWER_SERVER");
    assert.equal(error.message, "Something new");
    assert.equal(error.requestId, "req_new");
    assert.equal(error.retryable, statusRetryable(429));
    assert.equal(error.retryAfterMs, 3000);
  });

  test("a status outside the families gives a plain ApiError", async () => {
    const error = await failure("/teapot");
    assertClass(error, 418);
    assert.equal(Object.getPrototypeOf(error), pkg.ApiError.prototype);
    assert.equal(error.body, "I'm a teapot");
  });

  test("never rejects, whatever it is given", async () => {
    const unreadable = { status: 500, headers: { get: () => { throw new Error("boom"); } }, text: () => Promise.reject(new Error("gone")) };
    for (const response of [null, undefined, {}, unreadable, { status: "x", headers: null, text: () => "sync" }]) {
      const error = await pkg.errorFromResponse(response);
      assert.ok(pkg.isApiError(error));
      assert.equal(typeof error.body, "string");
    }
    assert.equal((await pkg.errorFromResponse(unreadable)).status, 500);
  });

  test("errorFromBody and createApiError build the same errors without a response", () => {
    const [code, entry] = codes[0];
    const fromBody = pkg.errorFromBody(entry.status, envelope(code), new Headers({ "retry-after": "2" }));
    assertClass(fromBody, entry.status);
    assert.equal(fromBody.code, code);
    assert.equal(fromBody.retryAfterMs, 2000);
    const created = pkg.createApiError({ status: entry.status, code });
    assertClass(created, entry.status);
    assert.equal(created.message, entry.message, "the catalog's message by default");
    assert.equal(created.body, "");
    const plain = new pkg.ApiError({ status: 999 });
    assert.equal(plain.message, "HTTP status 999");
    assert.equal(plain.retryable, false);
  });
});

// ---------------------------------------------------------------------------------------------
// The decision table (README, "TypeScript"): the rows where the packages used to disagree.

describe("the decision from (status, headers, body)", () => {
  const [rateCode, rateEntry] = rateLimitedCode;
  const json = { "content-type": "application/json" };

  test("the class follows the status, not the code: a 503 carrying a 429 code is a ServerError", async () => {
    const url = script("code-of-another-status", [{ status: 503, headers: json, body: envelope(rateCode) }]);
    const error = await pkg.errorFromResponse(await fetch(url));
    assert.notEqual(rateEntry.status, 503);
    assertClass(error, 503);
    assert.equal(error.code, rateCode);
    assert.equal(error.retryable, retryableOf(rateEntry), "the code's retryability");
  });

  test("the request id comes from meta, else from the X-Request-Id header", async () => {
    const noMeta = JSON.stringify({ success: false, error: { code: rateCode, message: "slow down" } });
    const url = script("header-request-id", [
      { status: 429, headers: { ...json, "x-request-id": "  req_hdr " }, body: noMeta },
      { status: 429, headers: { ...json, "x-request-id": "req_hdr" }, body: envelope(rateCode) },
      { status: 429, headers: { ...json, "x-request-id": "  " }, body: noMeta },
    ]);
    assert.equal((await pkg.errorFromResponse(await fetch(url))).requestId, "req_hdr");
    assert.equal((await pkg.errorFromResponse(await fetch(url))).requestId, `req_${rateCode}`, "meta first");
    assert.equal((await pkg.errorFromResponse(await fetch(url))).requestId, null, "a blank header");
  });

  test("the message: the envelope's, {\"error\": \"...\"}, {\"message\": \"...\"}, the code's, the status title", async () => {
    const url = script("messages", [
      { status: 401, headers: json, body: '{"error":"Invalid token"}' },
      { status: 503, headers: json, body: '{"message":"Upstream overloaded"}' },
      { status: rateEntry.status, headers: json, body: JSON.stringify({ error: { code: rateCode } }) },
      { status: rateEntry.status, headers: json, body: JSON.stringify({ error: { code: rateCode, message: "" }, message: "top" }) },
      { status: 503, headers: json, body: '{"error":"","message":""}' },
      { status: 418, headers: json, body: "{}" },
    ]);
    const next = async () => pkg.errorFromResponse(await fetch(url));
    const invalidToken = await next();
    assertClass(invalidToken, 401);
    assert.equal(invalidToken.message, "Invalid token");
    assert.equal(invalidToken.code, null);
    assert.equal(invalidToken.rawCode, null);
    assert.equal((await next()).message, "Upstream overloaded");
    assert.equal((await next()).message, rateEntry.message, "an envelope without a message: the catalog's");
    assert.equal((await next()).message, "top", "an empty message is no message");
    assert.equal((await next()).message, statusTitleOf(503) ?? "HTTP status 503");
    assert.equal((await next()).message, statusTitleOf(418) ?? "HTTP status 418");
  });

  test("never retryable outside 400 to 599, whatever the code says", async () => {
    const retryable = codes.find(([, e]) => retryableOf(e));
    for (const status of [600, 399, 200]) {
      const error = pkg.errorFromParts(status, null, envelope(retryable[0]));
      assert.equal(error.code, retryable[0]);
      assert.equal(error.retryable, false, `${status}`);
      assert.equal(pkg.isRetryableStatus(status), false, `${status}`);
    }
    assertClass(pkg.errorFromParts(600, null, ""), 600);
  });

  test("details: field and issue when they are strings, null when details is not an object", () => {
    const body = (details) => JSON.stringify({ error: { code: rateCode, details } });
    assert.deepEqual(pkg.errorFromParts(429, null, body({ field: "f", issue: 3 })).details, { field: "f" });
    assert.deepEqual(pkg.errorFromParts(429, null, body({})).details, {});
    for (const details of ["nope", ["f"], null]) {
      assert.equal(pkg.errorFromParts(429, null, body(details)).details, null, JSON.stringify(details));
    }
  });

  test("keeps the response headers, names in lower case", async () => {
    const url = script("headers", [{ status: 503, headers: { "X-Trace": "t1", "Retry-After": "2" }, body: "" }]);
    const error = await pkg.errorFromResponse(await fetch(url));
    assert.equal(error.headers["x-trace"], "t1");
    assert.equal(error.headers["retry-after"], "2");
    assert.ok(Object.isFrozen(error.headers));
    const fromPairs = pkg.errorFromParts(429, [["X-Request-Id", "req_a"], ["Set-Cookie", "a"], ["set-cookie", "b"]], "");
    assert.deepEqual({ ...fromPairs.headers }, { "x-request-id": "req_a", "set-cookie": "a, b" });
    assert.equal(fromPairs.requestId, "req_a");
    const fromRecord = pkg.errorFromParts(429, { "Retry-After": "1", "X-Many": ["a", "b"] }, "");
    assert.equal(fromRecord.retryAfterMs, 1000);
    assert.equal(fromRecord.headers["x-many"], "a, b");
    assert.deepEqual(pkg.createApiError({ status: 500 }).headers, {});
  });

  test("reads at most 1 MiB of the body and drops the rest", async () => {
    const url = script("huge", [{ status: 500, headers: json, body: `{"error":{"code":"${rateCode}"},"pad":"${"x".repeat(10 * 1024 * 1024)}"}` }]);
    const error = await pkg.errorFromResponse(await fetch(url));
    assertClass(error, 500);
    assert.equal(error.body.length, 1024 * 1024);
    assert.equal(error.bodyTruncated, true);
    assert.equal(error.rawCode, null, "truncated JSON has no code");
    const parts = pkg.errorFromParts(500, null, new Uint8Array(1024 * 1024 + 1).fill(0x61));
    assert.equal(parts.body.length, 1024 * 1024);
    assert.equal(parts.bodyTruncated, true);
    const exact = pkg.errorFromParts(500, null, "a".repeat(1024 * 1024));
    assert.equal(exact.bodyTruncated, false);
    assert.equal((await failure("/html")).bodyTruncated, false);
  });

  test("prints its class, code, status and request id in String() and JSON.stringify()", () => {
    const [code, entry] = rateLimitedCode;
    const error = pkg.errorFromParts(entry.status, { "x-request-id": "req_log" }, JSON.stringify({ error: { code, message: "Slow down" } }));
    assert.equal(String(error), `${expectedClass(entry.status)}: ${code} (${entry.status}): Slow down [request req_log]`);
    assert.equal(`${pkg.errorFromParts(502, null, "<html>")}`, `ServerError: HTTP 502: ${statusTitleOf(502) ?? "HTTP status 502"}`);
    const logged = JSON.parse(JSON.stringify({ error }));
    assert.deepEqual(logged.error, {
      name: expectedClass(entry.status),
      code,
      rawCode: code,
      status: entry.status,
      message: "Slow down",
      requestId: "req_log",
      timestamp: null,
      details: null,
      retryable: retryableOf(entry),
      retryAfterMs: null,
    });
  });
});

describe("Retry-After", () => {
  // Sun, 06 Nov 1994 08:49:37 GMT, the example of RFC 9110 §5.6.7, and a moment before it.
  const date = Date.UTC(1994, 10, 6, 8, 49, 37);
  const now = date - 5000;

  test("delay-seconds, trimmed, up to a day", () => {
    assert.equal(pkg.parseRetryAfter("120", now), 120000);
    assert.equal(pkg.parseRetryAfter(" 0 ", now), 0);
    assert.equal(pkg.parseRetryAfter("86400", now), 86400000);
    assert.equal(pkg.parseRetryAfter("86401", now), null, "more than a day is absurd");
    assert.equal(pkg.parseRetryAfter("99999999999999999999999", now), null);
  });

  test("each of the three HTTP-date forms of RFC 9110", () => {
    for (const form of ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"]) {
      assert.equal(pkg.parseRetryAfter(form, now), 5000, form);
      assert.equal(pkg.parseRetryAfter(form, date + 1000), 0, `${form} in the past`);
      assert.equal(pkg.parseRetryAfter(form, date - 86_401_000), null, `${form} more than a day away`);
    }
    // RFC 850's two-digit year: more than 50 years ahead means the century before.
    const in2030 = Date.UTC(2030, 0, 1);
    assert.equal(pkg.parseRetryAfter("Wednesday, 01-Jan-31 00:00:00 GMT", in2030 - 1000), null, "2031 is more than a day away");
    assert.equal(pkg.parseRetryAfter("Tuesday, 31-Dec-30 23:59:59 GMT", Date.UTC(2030, 11, 31, 23, 59, 58)), 1000);
    // The weekday is a day name, not checked against the date (RFC 9110: be robust).
    assert.equal(pkg.parseRetryAfter("Mon, 06 Nov 1994 08:49:37 GMT", now), 5000, "wrong weekday");
  });

  test("anything else is ignored", () => {
    const bad = [
      null, undefined, "", "-5", "1.5", "+3", "1e3", "soon", "0x10", "١٢",
      "Xyz, 06 Nov 1994 08:49:37 GMT", // no day name
      "Sun, 6 Nov 1994 08:49:37 GMT", // one digit day
      "Sun, 06 Nov 1994 08:49:37 UTC",
      "Sun, 06 Nov 1994 24:00:00 GMT",
      "Thu, 30 Feb 1995 08:49:37 GMT",
      "sun, 06 nov 1994 08:49:37 gmt",
      "Sunday, 06-Nov-1994 08:49:37 GMT",
      "Sun Nov 6 08:49:37 1994",
      "1994-11-06T08:49:42Z",
    ];
    for (const value of bad) {
      assert.equal(pkg.parseRetryAfter(value, now), null, String(value));
    }
  });

  test("reaches the error from the header, whatever its form", async () => {
    const inFive = new Date(Math.ceil(Date.now() / 1000) * 1000 + 5000);
    const url = script("retry-after-forms", [
      { status: 503, headers: { "retry-after": inFive.toUTCString() }, body: "" },
      { status: 503, headers: { "retry-after": "-1" }, body: "" },
    ]);
    const dated = await pkg.errorFromResponse(await fetch(url));
    assert.ok(dated.retryAfterMs > 3000 && dated.retryAfterMs <= 6000, `${dated.retryAfterMs}`);
    assert.equal((await pkg.errorFromResponse(await fetch(url))).retryAfterMs, null);
  });
});

describe("guards", () => {
  test("hold for errors from another copy of the package, where instanceof fails", async () => {
    const dir = mkdtempSync(join(tmpdir(), "second-copy-"));
    try {
      cpSync(packageDir, dir, { recursive: true });
      const other = await import(pathToFileURL(join(dir, "index.js")).href);
      assert.notEqual(other.ApiError, pkg.ApiError);
      const [code, entry] = rateLimitedCode;
      const error = other.createApiError({ status: entry.status, code });
      assert.equal(error instanceof pkg.ApiError, false);
      assert.equal(pkg.isApiError(error), true);
      assert.equal(pkg.isRateLimitError(error), true);
      assert.equal(pkg.isServerError(error), false);
      assert.equal(pkg.isRetryable(error), retryableOf(entry));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("reject look-alikes and non-errors", () => {
    for (const value of [null, undefined, 42, "ApiError", new Error("x"), { status: 429, code: rateLimitedCode[0] }]) {
      assert.equal(pkg.isApiError(value), false);
      assert.equal(pkg.isRateLimitError(value), false);
    }
  });
});

describe("handleError", () => {
  const error = (code, status = 400) => pkg.createApiError({ status, code });

  test("with a handler for every code, calls the code's own handler, and unknown for new codes", () => {
    const handlers = Object.fromEntries(pkg.ERROR_CODES.map((code) => [code, (e) => `handled ${e.code}`]));
    handlers.unknown = (e) => `unknown ${e.rawCode}`;
    for (const [code, entry] of codes) {
      assert.equal(pkg.handleError(error(code, entry.status), handlers), `handled ${code}`);
    }
    assert.equal(pkg.handleError(error("BRAND_NEW"), handlers), "unknown BRAND_NEW");
  });

  test("with a default, calls it for every other code and for unknown codes", () => {
    const [first] = pkg.ERROR_CODES;
    const handlers = { [first]: () => "own", default: (e) => `default ${e.rawCode}` };
    assert.equal(pkg.handleError(error(first), handlers), "own");
    for (const code of pkg.ERROR_CODES.slice(1)) {
      assert.equal(pkg.handleError(error(code), handlers), `default ${code}`);
    }
    assert.equal(pkg.handleError(error("BRAND_NEW"), handlers), "default BRAND_NEW");
    assert.equal(pkg.handleError(error(null), { ...handlers, unknown: () => "unknown" }), "unknown");
  });

  test("throws a TypeError when no handler applies (only untyped callers can get there)", () => {
    assert.throws(() => pkg.handleError(error("BRAND_NEW"), {}), TypeError);
  });
});

// ---------------------------------------------------------------------------------------------

describe("a status without a code", () => {
  // The edges of the default rule (catalog.mjs): 429 and 500 to 599 are retryable, 399, 600 and
  // the other 4xx are not; only 500 to 599 are a ServerError.
  const edges = [399, 400, 428, 429, 430, 499, 500, 599, 600];

  test("is retryable by the status table, else only for 429 and 5xx (not 600, not 399)", () => {
    assert.deepEqual(edges.filter(defaultRetryable), [429, 500, 599]);
    for (const status of edges) {
      const expected = statusRetryable(status);
      assert.equal(pkg.isRetryableStatus(status), expected, `isRetryableStatus(${status})`);
      assert.equal(pkg.createApiError({ status }).retryable, expected, `an error of ${status}`);
      assert.equal(pkg.errorFromBody(status, "").retryable, expected, `a body of ${status}`);
    }
  });

  test("gets the class of its family, and 600 none", () => {
    for (const status of edges) {
      assertClass(pkg.createApiError({ status }), status);
    }
    const beyond = pkg.createApiError({ status: 600 });
    assert.equal(Object.getPrototypeOf(beyond), pkg.ApiError.prototype);
    assert.equal(pkg.isServerError(beyond), false);
  });
});

// ---------------------------------------------------------------------------------------------

describe("withRetry", () => {
  const retryableCode = firstCode((e) => retryableOf(e));
  const finalCode = firstCode((e) => !retryableOf(e));

  test("the catalog has a retryable code, a non-retryable one and a 429 one to test with", () => {
    assert.ok(retryableCode, "no retryable code");
    assert.ok(finalCode, "no non-retryable code");
    assert.ok(rateLimitedCode, "no code with status 429");
  });
  const errorResponse = ([code, entry], headers = {}) => ({
    status: entry.status,
    headers: { "content-type": "application/json", ...headers },
    body: envelope(code),
  });
  const ok = { status: 200, headers: { "content-type": "application/json" }, body: '{"ok": true}' };
  const call = (url, init) => async () => {
    const response = await fetch(url, init);
    if (!response.ok) throw await pkg.errorFromResponse(response);
    return response.json();
  };
  const gaps = (name) => arrivals.get(name).slice(1).map((t, i) => t - arrivals.get(name)[i]);

  test("retries retryable errors with exponential backoff and jitter, then succeeds", async () => {
    const url = script("backoff", [errorResponse(retryableCode), errorResponse(retryableCode), errorResponse(retryableCode), ok]);
    const events = [];
    const result = await pkg.withRetry(call(url), {
      maxAttempts: 5,
      baseDelayMs: 40,
      maxDelayMs: 1000,
      random: () => 0.5,
      onRetry: (event) => events.push(event),
    });
    assert.deepEqual(result, { ok: true });
    assert.equal(arrivals.get("backoff").length, 4);
    // 40, 80, 160 ms of backoff, each with equal jitter: half fixed, half random (0.5 here).
    assert.deepEqual(events.map((e) => [e.attempt, e.delayMs]), [[1, 30], [2, 60], [3, 120]]);
    assert.ok(events.every((e) => pkg.isApiError(e.error) && e.error.code === retryableCode[0]));
    gaps("backoff").forEach((gap, i) => assert.ok(gap >= events[i].delayMs - 2, `waited ${gap} ms for ${events[i].delayMs}`));
  });

  test("keeps each delay between half and all of the capped backoff", () => {
    const error = new TypeError("fetch failed");
    const options = { baseDelayMs: 100, maxDelayMs: 1000 };
    assert.equal(pkg.retryDelay(1, error, { ...options, random: () => 0 }), 50);
    assert.equal(pkg.retryDelay(3, error, { ...options, random: () => 0 }), 200);
    assert.equal(pkg.retryDelay(3, error, { ...options, random: () => 0.999999 }), 400);
    assert.equal(pkg.retryDelay(20, error, { ...options, random: () => 0.999999 }), 1000);
    for (let attempt = 1; attempt <= 8; attempt++) {
      const backoff = Math.min(1000, 100 * 2 ** (attempt - 1));
      for (let i = 0; i < 50; i++) {
        const delay = pkg.retryDelay(attempt, error, options);
        assert.ok(delay >= backoff / 2 && delay <= backoff, `${delay} for attempt ${attempt}`);
      }
    }
    assert.deepEqual({ ...pkg.DEFAULT_RETRY_OPTIONS }, { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 30000 });
    assert.equal(pkg.retryDelay(1, error, { random: () => 0 }), 250, "defaults: 500 ms base, as the Python package");
  });

  test("waits as long as Retry-After in seconds says", async () => {
    const url = script("retry-after-seconds", [errorResponse(retryableCode, { "retry-after": "1" }), ok]);
    const events = [];
    await pkg.withRetry(call(url), { baseDelayMs: 10, maxDelayMs: 5000, random: () => 0, onRetry: (e) => events.push(e) });
    assert.deepEqual(events.map((e) => e.delayMs), [1000]);
    assert.ok(gaps("retry-after-seconds")[0] >= 990);
  });

  test("waits until the HTTP date of Retry-After", async () => {
    const date = new Date(Date.now() + 2000).toUTCString();
    const url = script("retry-after-date", [{ status: 503, headers: { "retry-after": date }, body: "" }, ok]);
    const events = [];
    const onRetry = (event) => events.push({ ...event, untilDate: Date.parse(date) - Date.now() });
    await pkg.withRetry(call(url), { baseDelayMs: 10, maxDelayMs: 5000, random: () => 0, onRetry });
    assert.equal(events.length, 1);
    // The date has whole seconds, up to 2 s away; the delay is the time left until it.
    const [{ delayMs, untilDate }] = events;
    assert.ok(delayMs > 0 && delayMs <= 2000, `${delayMs}`);
    assert.ok(Math.abs(delayMs - untilDate) <= 50, `${delayMs} ms for ${untilDate} ms until the date`);
    assert.ok(gaps("retry-after-date")[0] >= delayMs - 2);
  });

  test("parses Retry-After as delay-seconds or HTTP date, and nothing else", () => {
    const now = Date.parse("Wed, 21 Oct 2015 07:28:00 GMT");
    assert.equal(pkg.parseRetryAfter("120", now), 120000);
    assert.equal(pkg.parseRetryAfter(" 0 ", now), 0);
    assert.equal(pkg.parseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now), 30000);
    assert.equal(pkg.parseRetryAfter("Wed, 21 Oct 2015 07:27:00 GMT", now), 0, "a past date");
    for (const bad of [null, undefined, "", "-5", "1.5", "soon", "Wed, 99 Foo 2015 07:28:30 GMT"]) {
      assert.equal(pkg.parseRetryAfter(bad, now), null, String(bad));
    }
  });

  test("throws at once when Retry-After asks for longer than maxDelayMs, never retrying early", async () => {
    const url = script("retry-after-capped", [{ status: 503, headers: { "retry-after": "3600" }, body: "" }, ok]);
    const events = [];
    await assert.rejects(
      pkg.withRetry(call(url), { baseDelayMs: 10, maxDelayMs: 50, onRetry: (e) => events.push(e) }),
      (error) => pkg.isServerError(error) && error.retryAfterMs === 3600000,
    );
    assert.equal(arrivals.get("retry-after-capped").length, 1);
    assert.deepEqual(events, []);
  });

  test("Retry-After replaces the backoff exactly, shorter or longer", () => {
    const error = (retryAfterMs) => pkg.createApiError({ status: 503, retryAfterMs });
    const options = { baseDelayMs: 1000, maxDelayMs: 30000, random: () => 0.999999 };
    assert.equal(pkg.retryDelay(3, error(200), options), 200, "shorter than the backoff");
    assert.equal(pkg.retryDelay(1, error(20000), options), 20000, "longer than the backoff");
    assert.equal(pkg.retryDelay(3, error(null), options), 4000, "no Retry-After: the backoff");
  });

  test("does not retry what the catalog marks non-retryable", async () => {
    const url = script("final", [errorResponse(finalCode), ok]);
    let retries = 0;
    await assert.rejects(pkg.withRetry(call(url), { baseDelayMs: 1, onRetry: () => retries++ }), (error) => {
      assertClass(error, finalCode[1].status);
      return error.code === finalCode[0];
    });
    assert.equal(arrivals.get("final").length, 1);
    assert.equal(retries, 0);
    assert.equal(pkg.isRetryable(new Error("a bug")), false);
    assert.equal(pkg.isRetryable(new TypeError("fetch failed")), true);
    assert.equal(pkg.isRetryable(new TypeError("x is not a function")), false);
  });

  test("gives up after maxAttempts with the last error", async () => {
    const url = script("exhausted", [{ status: 503, body: "1" }, { status: 503, body: "2" }, { status: 503, body: "3" }, ok]);
    const events = [];
    await assert.rejects(
      pkg.withRetry(call(url), { maxAttempts: 3, baseDelayMs: 1, onRetry: (e) => events.push(e) }),
      (error) => pkg.isServerError(error) && error.body === "3",
    );
    assert.equal(arrivals.get("exhausted").length, 3);
    assert.deepEqual(events.map((e) => e.attempt), [1, 2]);
  });

  test("retries network failures", async () => {
    const closed = createServer();
    await new Promise((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${closed.address().port}/`;
    await new Promise((resolve) => closed.close(resolve));
    let attempts = 0;
    await assert.rejects(
      pkg.withRetry(() => { attempts++; return fetch(url); }, { maxAttempts: 3, baseDelayMs: 1 }),
      TypeError,
    );
    assert.equal(attempts, 3);
  });

  test("does not retry a TypeError from a bug inside fn", async () => {
    let attempts = 0;
    const bug = () => {
      attempts++;
      return Promise.resolve().then(() => null.property);
    };
    await assert.rejects(pkg.withRetry(bug, { maxAttempts: 3, baseDelayMs: 1 }), TypeError);
    assert.equal(attempts, 1);
    for (const message of ["x is not a function", "Cannot read properties of null (reading 'a')", "Failed to parse URL from nowhere"]) {
      assert.equal(pkg.isNetworkError(new TypeError(message)), false, message);
      assert.equal(pkg.isRetryable(new TypeError(message)), false, message);
    }
  });

  test("tells the network failures of fetch from other errors", async () => {
    const closed = createServer();
    await new Promise((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${closed.address().port}/`;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await fetch(url).then(() => null, (error) => error);
    assert.equal(pkg.isNetworkError(refused), true, String(refused));
    const cut = await fetch(`${baseUrl}/truncated`).then((r) => r.text()).then(() => null, (error) => error);
    assert.equal(pkg.isNetworkError(cut), true, `a body cut off mid-read: ${String(cut)}`);
    // Browsers' and Deno's messages for the same failure.
    for (const message of ["Failed to fetch", "NetworkError when attempting to fetch resource.", "Load failed", "error sending request for url (http://127.0.0.1:1/)"]) {
      assert.equal(pkg.isNetworkError(new TypeError(message)), true, message);
    }
    const aborted = await fetch(`${baseUrl}/slow`, { signal: AbortSignal.timeout(20) }).then(() => null, (error) => error);
    assert.equal(pkg.isNetworkError(aborted), false, "a timeout the caller asked for");
    for (const other of [new Error("fetch failed"), "fetch failed", null, pkg.createApiError({ status: 503 })]) {
      assert.equal(pkg.isNetworkError(other), false, String(other));
    }
  });

  test("retryIf decides for anything thrown, within maxAttempts", async () => {
    // A non-retryable code retried because retryIf says so.
    const url = script("retry-if-yes", [errorResponse(finalCode), errorResponse(finalCode), ok]);
    const seen = [];
    const result = await pkg.withRetry(call(url), {
      baseDelayMs: 1,
      retryIf: (error) => {
        seen.push(error);
        return pkg.isApiError(error) && error.code === finalCode[0];
      },
    });
    assert.deepEqual(result, { ok: true });
    assert.equal(arrivals.get("retry-if-yes").length, 3);
    assert.equal(seen.length, 2);
    // A retryable code not retried because retryIf says no.
    const refused = script("retry-if-no", [errorResponse(retryableCode), ok]);
    await assert.rejects(pkg.withRetry(call(refused), { baseDelayMs: 1, retryIf: () => false }), (e) => e.code === retryableCode[0]);
    assert.equal(arrivals.get("retry-if-no").length, 1);
    // Any value: a bug's TypeError retried on request, still bounded by maxAttempts.
    let attempts = 0;
    await assert.rejects(
      pkg.withRetry(async () => { attempts++; throw new TypeError("x is not a function"); }, { maxAttempts: 4, baseDelayMs: 1, retryIf: (e) => e instanceof TypeError }),
      TypeError,
    );
    assert.equal(attempts, 4);
  });

  test("an abort during a wait rejects at once with the reason", async () => {
    const url = script("abort-wait", [errorResponse(retryableCode), ok]);
    const controller = new AbortController();
    const reason = new Error("user cancelled");
    const started = performance.now();
    const retrying = pkg.withRetry(call(url), {
      baseDelayMs: 60000,
      maxDelayMs: 60000,
      signal: controller.signal,
      onRetry: () => setTimeout(() => controller.abort(reason), 20),
    });
    await assert.rejects(retrying, (error) => error === reason);
    assert.ok(performance.now() - started < 2000);
    assert.equal(arrivals.get("abort-wait").length, 1);
  });

  test("an aborted signal stops before the first attempt", async () => {
    const controller = new AbortController();
    controller.abort("stop");
    let called = false;
    await assert.rejects(pkg.withRetry(async () => { called = true; }, { signal: controller.signal }), (e) => e === "stop");
    assert.equal(called, false);
  });

  test("a request aborted in flight is not retried", async () => {
    const controller = new AbortController();
    let attempts = 0;
    setTimeout(() => controller.abort(new Error("timeout")), 50);
    await assert.rejects(
      pkg.withRetry(() => { attempts++; return fetch(`${baseUrl}/slow`, { signal: controller.signal }); }, { signal: controller.signal, baseDelayMs: 1 }),
      (error) => error.message === "timeout",
    );
    assert.equal(attempts, 1);
  });

  test("rejects a maxAttempts that is not a positive integer", async () => {
    for (const maxAttempts of [0, -1, 1.5, Number.NaN]) {
      await assert.rejects(pkg.withRetry(async () => 1, { maxAttempts }), RangeError);
    }
  });
});

test("the package exports exactly these names", () => {
  const exported = [
    "ApiError", "AuthenticationError", "BadRequestError", "CATEGORIES", "ConflictError",
    "ConnectionError", "isConnectionError", "toConnectionError", "withTypedErrors",
    "DEFAULT_RETRY_OPTIONS", "ERROR_CODES", "ERROR_CODE_INFO", "ErrorCode", "NotFoundError",
    "PermissionDeniedError", "RETIRED_CODES", "RateLimitError", "STATUSES", "ServerError",
    "UnprocessableEntityError",
    "createApiError", "errorFromBody", "errorFromParts", "errorFromResponse", "handleError", "isApiError",
    "isAuthenticationError", "isBadRequestError", "isConflictError", "isErrorCode", "isNetworkError", "isNotFoundError",
    "isPermissionDeniedError", "isRateLimitError", "isRetryable", "isRetryableStatus", "isServerError",
    "isUnprocessableEntityError", "parseRetryAfter", "retiredCode", "retryDelay", "statusTitle",
    "withRetry",
  ];
  // CATEGORIES, ErrorCode, ERROR_CODE_INFO, STATUSES, RETIRED_CODES and retiredCode are checked
  // by metadata.test.mjs.
  assert.deepEqual(Object.keys(pkg).sort(), [...exported].sort());
});
