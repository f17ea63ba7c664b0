// The TypeScript conformance client: `fetch` against the conformance server on 127.0.0.1, and
// the generated package as shipped. In Node (Node 20's own `fetch`, the package imported from
// `--package DIR`):
//
//   node client.mjs --base-url http://127.0.0.1:PORT --vectors target/conformance/vectors.json \
//     --package generated/typescript
//
// `--vectors` is the expanded file (generated/conformance/vectors.json with every per-code row
// written out), which `cargo xtask test` writes before it runs the clients.
//
// and in a browser, where the page of tests/conformance/clients/browser imports this module (it
// imports nothing of Node's at its top) and runs the same `runVectors` and `runChecks` through
// the browser's `fetch`, from another origin than the server's.
//
// For every vector: one GET of /vectors/<name>, `errorFromResponse`, and one JSON line with the
// decision. Then the retry scenarios of the vectors file, `withRetry` with the scenario's
// `max_attempts` and an `AbortSignal`, one line each with the calls the server counted and the
// time taken. Then the checks of what a request that gets no response becomes (one line each,
// `passed` true or false). The harness (`cargo xtask test`, conformance step) compares the
// lines with the vectors' expectations; `decisionOf` is also what the package's node tests
// compare `errorFromParts` with, vector by vector, without a server.

/** The name of this client in the harness's reports. */
export const CLIENT = "typescript-fetch";

/** The longest any one request may take, so that a stuck server cannot hang the run. */
const REQUEST_TIMEOUT_MS = 30_000;

/** The longest a retry scenario may take, waits included. */
const SCENARIO_TIMEOUT_MS = 60_000;

/**
 * The decision an `ApiError` of the package stands for, in the vectors' terms.
 *
 * @param {Record<string, any>} pkg The package's index module.
 * @param {any} error An `ApiError`.
 */
export function decisionOf(pkg, error) {
  const { code, details } = error;
  return {
    family_class: error.constructor.name,
    own_class: code !== null && pkg.ERROR_CODE_INFO[code].status === error.status,
    code,
    raw_code: error.rawCode,
    message: error.message,
    request_id: error.requestId,
    timestamp: error.timestamp,
    details:
      details === null ? null : { field: details.field ?? null, issue: details.issue ?? null },
    retryable: error.retryable,
    retry_after_ms: error.retryAfterMs,
  };
}

/** A GET of `url` that gives up after {@link REQUEST_TIMEOUT_MS}. */
function get(url) {
  return fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
}

/**
 * Every vector, then every retry scenario, against the server at `baseUrl`; `print` receives one
 * line (an object) per vector and per scenario.
 *
 * @param {object} run
 * @param {Record<string, any>} run.pkg The package's index module.
 * @param {any} run.document The vectors file, parsed.
 * @param {string} run.baseUrl The server, without a trailing `/`.
 * @param {string} run.session A name no other run uses (the server counts calls per session).
 * @param {(line: object) => void | Promise<void>} run.print Reports a line.
 */
export async function runVectors({ pkg, document, baseUrl, session, print }) {
  for (const vector of document.vectors) {
    try {
      const response = await get(`${baseUrl}/vectors/${vector.name}`);
      const error = await pkg.errorFromResponse(response);
      await print({ vector: vector.name, decision: decisionOf(pkg, error) });
    } catch (failure) {
      await print({ vector: vector.name, failure: String(failure) });
    }
  }

  for (const { name: scenario, max_attempts: maxAttempts } of document.scenarios) {
    const started = performance.now();
    let outcome = "ok";
    try {
      await pkg.withRetry(
        async () => {
          const response = await get(`${baseUrl}/retry/${scenario}/${session}`);
          if (!response.ok) {
            throw await pkg.errorFromResponse(response);
          }
          return response.json();
        },
        { maxAttempts, signal: AbortSignal.timeout(SCENARIO_TIMEOUT_MS) },
      );
    } catch {
      outcome = "error";
    }
    const elapsedMs = Math.round(performance.now() - started);
    const { calls } = await (await get(`${baseUrl}/retry-log/${scenario}/${session}`)).json();
    await print({ scenario, calls, elapsed_ms: elapsedMs, outcome });
  }
}

/**
 * The checks of requests that get no response, and of aborting a retry, each reported as
 * `{check, passed, detail}`:
 *
 * - `connection/closed-port`: `withTypedErrors(fetch)` to a port nothing listens on rejects with
 *   the package's `ConnectionError` (the `TypeError` of `fetch` as `cause`), which the default
 *   retry rule retries: `withRetry` makes every attempt and rejects with it;
 * - `connection/cors-refused` (when `corsRefusedUrl` is given: in a browser, a server that sends
 *   no CORS headers): the same for a response the browser does not let the page read;
 * - `retry/abort-during-wait`: aborting `withRetry`'s signal during the wait `Retry-After` asks
 *   for (the `never` scenario) rejects at once with the signal's reason, after one call.
 *
 * @param {object} run
 * @param {Record<string, any>} run.pkg The package's index module.
 * @param {string} run.baseUrl The conformance server, without a trailing `/`.
 * @param {string} run.session A name no other run uses.
 * @param {string} run.closedUrl A URL of 127.0.0.1 on a port nothing listens on.
 * @param {string | undefined} [run.corsRefusedUrl] A URL whose server sends no CORS headers.
 * @param {(line: object) => void | Promise<void>} run.print Reports a line.
 */
export async function runChecks({ pkg, baseUrl, session, closedUrl, corsRefusedUrl, print }) {
  const check = async (name, body) => {
    let detail;
    let passed = false;
    try {
      detail = await body();
      passed = true;
    } catch (failure) {
      detail = String(failure?.stack ?? failure);
    }
    await print({ check: name, passed, detail });
  };
  const refused = async (url) => {
    const apiFetch = pkg.withTypedErrors(fetch);
    const attempts = [];
    const maxAttempts = 2;
    let error;
    try {
      await pkg.withRetry(
        (attempt) => {
          attempts.push(attempt);
          return apiFetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
        },
        { maxAttempts, baseDelayMs: 10 },
      );
    } catch (caught) {
      error = caught;
    }
    const is = (fact, what) => {
      if (!fact) {
        throw new Error(`${what}; got ${error?.stack ?? error}`);
      }
    };
    is(error instanceof pkg.ConnectionError, "rejects with the package's ConnectionError");
    is(pkg.isConnectionError(error), "isConnectionError accepts it");
    is(error.cause instanceof TypeError, "its cause is the TypeError of fetch");
    is(error.url === url, `it names the URL ${url}`);
    is(error.retryable === true && pkg.isRetryable(error), "it is retryable");
    is(attempts.length === maxAttempts, `withRetry made ${maxAttempts} attempts`);
    is(!pkg.isApiError(error), "it is no ApiError");
    return `${error.name}: ${error.message} (cause: ${error.cause.name}: ${error.cause.message}), ${attempts.length} attempts`;
  };
  await check("connection/closed-port", () => refused(closedUrl));
  if (corsRefusedUrl !== undefined) {
    await check("connection/cors-refused", () => refused(corsRefusedUrl));
  }
  await check("retry/abort-during-wait", async () => {
    const controller = new AbortController();
    const reason = new Error("aborted by the check");
    const aborted = `${session}-abort`;
    let abortedAt = 0;
    let waitMs = 0;
    let error;
    try {
      await pkg.withRetry(
        async () => {
          const response = await get(`${baseUrl}/retry/never/${aborted}`);
          throw await pkg.errorFromResponse(response);
        },
        {
          maxAttempts: 3,
          signal: controller.signal,
          onRetry: ({ delayMs }) => {
            waitMs = delayMs;
            setTimeout(() => {
              abortedAt = performance.now();
              controller.abort(reason);
            }, 20);
          },
        },
      );
    } catch (caught) {
      error = caught;
    }
    const afterAbortMs = performance.now() - abortedAt;
    const { calls } = await (await get(`${baseUrl}/retry-log/never/${aborted}`)).json();
    if (error !== reason || calls !== 1 || abortedAt === 0 || afterAbortMs >= waitMs) {
      throw new Error(
        `expected the abort reason after 1 call, within the ${waitMs} ms wait; got ${error} after ${calls} calls, ${Math.round(afterAbortMs)} ms after the abort`,
      );
    }
    return `rejected with the abort reason ${Math.round(afterAbortMs)} ms after the abort, during a ${waitMs} ms wait, after ${calls} call`;
  });
}

/** `--name value` arguments. */
function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (!name?.startsWith("--") || value === undefined) {
      throw new Error(`usage: client.mjs --base-url URL --vectors PATH --package DIR (at ${name})`);
    }
    args[name.slice(2)] = value;
  }
  for (const required of ["base-url", "vectors", "package"]) {
    if (args[required] === undefined) {
      throw new Error(`client.mjs: --${required} is required`);
    }
  }
  return args;
}

/** A URL of 127.0.0.1 on a port that was free a moment ago and is closed now. */
async function closedPortUrl() {
  const { createServer } = await import("node:net");
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/closed`;
}

async function main() {
  const { readFileSync } = await import("node:fs");
  const { join, resolve } = await import("node:path");
  const { pathToFileURL } = await import("node:url");
  const args = parseArgs(process.argv.slice(2));
  const baseUrl = args["base-url"].replace(/\/$/, "");
  const document = JSON.parse(readFileSync(args.vectors, "utf8"));
  const pkg = await import(pathToFileURL(join(resolve(args.package), "index.js")).href);
  const print = (line) => {
    process.stdout.write(`${JSON.stringify({ client: CLIENT, ...line })}\n`);
  };
  const session = `ts-${process.pid}-${Date.now()}`;
  await runVectors({ pkg, document, baseUrl, session, print });
  const closedUrl = await closedPortUrl();
  await runChecks({ pkg, baseUrl, session, closedUrl, print });
}

if (typeof process === "object" && process.argv?.[1] !== undefined) {
  const { pathToFileURL } = await import("node:url");
  if (import.meta.url === pathToFileURL(process.argv[1]).href) {
    main().catch((error) => {
      process.stderr.write(`client.mjs: ${error?.stack ?? error}\n`);
      process.exit(1);
    });
  }
}
