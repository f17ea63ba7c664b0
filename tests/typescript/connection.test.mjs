// What a request that gets no response becomes in Node: `withTypedErrors(fetch)` and
// `toConnectionError` turn the `TypeError` of `fetch` into the package's `ConnectionError`
// (the `TypeError` kept as `cause`), which the default retry rule retries; an error response
// becomes its `ApiError`; an abort stays an abort. The same checks run in headless Chromium,
// with a CORS refusal too (tests/conformance/clients/typescript/client.mjs, `runChecks`).
//
// Environment: PACKAGE_DIR (the generated package), CATALOG (the catalog it came from).

import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, describe, test } from "node:test";
import { catalog, pkg } from "./catalog.mjs";

/** The first code of the catalog with status 429, and one that is not retryable. */
const [rateLimited] = Object.entries(catalog.codes).find(([, e]) => e.status === 429);

let server;
let baseUrl;
let closedUrl;

before(async () => {
  server = createServer((request, response) => {
    if (request.url === "/limited") {
      response.writeHead(429, { "content-type": "application/json", "retry-after": "3" });
      response.end(JSON.stringify({ success: false, error: { code: rateLimited, message: "slow down" } }));
    } else if (request.url === "/slow") {
      setTimeout(() => response.end("late"), 300);
    } else {
      response.end('{"ok":true}');
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${server.address().port}`;
  const closed = createServer();
  await new Promise((resolve) => closed.listen(0, "127.0.0.1", resolve));
  closedUrl = `http://127.0.0.1:${closed.address().port}/closed`;
  await new Promise((resolve) => closed.close(resolve));
});

after(() => {
  server.closeAllConnections();
  server.close();
});

describe("withTypedErrors", () => {
  test("a refused connection rejects with a ConnectionError wrapping the TypeError of fetch", async () => {
    const apiFetch = pkg.withTypedErrors(fetch);
    const error = await apiFetch(closedUrl).then(() => null, (caught) => caught);
    assert.ok(error instanceof pkg.ConnectionError, String(error));
    assert.ok(pkg.isConnectionError(error));
    assert.equal(pkg.isApiError(error), false);
    assert.ok(error.cause instanceof TypeError);
    assert.equal(pkg.isNetworkError(error.cause), true);
    assert.equal(error.url, closedUrl);
    assert.equal(error.name, "ConnectionError");
    assert.equal(error.retryable, true);
    assert.match(String(error), new RegExp(`^ConnectionError: no response from ${closedUrl}: fetch failed`));
  });

  test("an error response rejects with its ApiError, a success resolves to the response", async () => {
    const apiFetch = pkg.withTypedErrors(fetch);
    const error = await apiFetch(`${baseUrl}/limited`).then(() => null, (caught) => caught);
    assert.ok(pkg.isRateLimitError(error), String(error));
    assert.equal(error.code, rateLimited);
    assert.equal(error.retryAfterMs, 3000);
    const response = await apiFetch(new URL(`${baseUrl}/ok`));
    assert.deepEqual(await response.json(), { ok: true });
  });

  test("an abort stays the abort the caller asked for", async () => {
    const apiFetch = pkg.withTypedErrors(fetch);
    const error = await apiFetch(`${baseUrl}/slow`, { signal: AbortSignal.timeout(20) }).then(
      () => null,
      (caught) => caught,
    );
    assert.equal(error?.name, "TimeoutError");
    assert.equal(pkg.isConnectionError(error), false);
  });
});

describe("toConnectionError", () => {
  test("wraps network failures only, naming the URL of a string, a URL or a Request", () => {
    const failed = new TypeError("Failed to fetch");
    for (const [request, url] of [
      ["http://127.0.0.1:1/a", "http://127.0.0.1:1/a"],
      [new URL("http://127.0.0.1:1/b"), "http://127.0.0.1:1/b"],
      [new Request("http://127.0.0.1:1/c"), "http://127.0.0.1:1/c"],
      [undefined, null],
    ]) {
      const error = pkg.toConnectionError(failed, request);
      assert.ok(error instanceof pkg.ConnectionError);
      assert.equal(error.cause, failed);
      assert.equal(error.url, url);
    }
    for (const other of [new TypeError("x is not a function"), new Error("fetch failed"), pkg.createApiError({ status: 503 }), null]) {
      assert.equal(pkg.toConnectionError(other, "http://127.0.0.1:1/"), other);
    }
  });

  test("isConnectionError knows a ConnectionError of another copy of the package by its brand", () => {
    const brand = Symbol.for(`${catalog.catalog.name}/ConnectionError`);
    assert.equal(pkg.isConnectionError({ [brand]: true }), true);
    assert.equal(pkg.isConnectionError(new Error("no response")), false);
  });
});

describe("the retry rule applied to connection errors", () => {
  test("a ConnectionError is retryable, with backoff, up to maxAttempts", async () => {
    const apiFetch = pkg.withTypedErrors(fetch);
    const delays = [];
    let attempts = 0;
    const error = await pkg
      .withRetry(
        () => {
          attempts++;
          return apiFetch(closedUrl);
        },
        { maxAttempts: 3, baseDelayMs: 4, random: () => 1, onRetry: ({ delayMs }) => delays.push(delayMs) },
      )
      .then(() => null, (caught) => caught);
    assert.equal(pkg.isRetryable(error), true);
    assert.ok(pkg.isConnectionError(error), String(error));
    assert.equal(attempts, 3);
    assert.deepEqual(delays, [4, 8], "exponential backoff: no Retry-After without a response");
  });

  test("a connection that recovers succeeds", async () => {
    let attempts = 0;
    const result = await pkg.withRetry(
      async (attempt) => {
        attempts = attempt;
        if (attempt === 1) {
          throw new pkg.ConnectionError({ cause: new TypeError("fetch failed"), url: closedUrl });
        }
        return "ok";
      },
      { baseDelayMs: 1 },
    );
    assert.equal(result, "ok");
    assert.equal(attempts, 2);
  });
});
