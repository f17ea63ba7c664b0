// The TypeScript package in a real browser: headless Chromium (the system's, /usr/bin/chromium;
// nothing downloads a browser) opens page.html from a static server on 127.0.0.1 (another port,
// so another origin, than the conformance server), and the page runs the TypeScript client's
// vectors, retry scenarios and checks through the browser's `fetch`. This driver prints the
// lines the page reports, as client `typescript-browser`, like any other client:
//
//   node driver.mjs --base-url http://127.0.0.1:PORT --vectors target/conformance/vectors.json \
//     --package generated/typescript [--chromium /usr/bin/chromium]
//
// It serves, on one listener: the page (`/`, `/page.mjs`), the TypeScript client (`/client.mjs`,
// from ../typescript), the package's files as shipped (`/pkg/<file>`), the vectors
// (`/vectors.json`), and takes the page's reports (`POST /report`, one line each; `POST /done`).
// A second listener answers without any CORS header (the page's CORS-refused origin), and a
// third port is bound and closed again (the page's closed port). Chromium gets a fresh profile
// and may resolve no host but 127.0.0.1; it is killed (its process group) when the page is done
// or after PAGE_TIMEOUT_MS, and its output is shown only when something went wrong.

import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The longest the page may take, every vector and retry scenario included. */
const PAGE_TIMEOUT_MS = 90_000;

/** Chromium's flags: headless, no sandbox (CI runs as root), nothing talks to the network. */
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
];

const here = dirname(fileURLToPath(import.meta.url));

/** `--name value` arguments. */
function parseArgs(argv) {
  const args = { chromium: "/usr/bin/chromium" };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (!name?.startsWith("--") || value === undefined) {
      throw new Error(
        `usage: driver.mjs --base-url URL --vectors PATH --package DIR [--chromium PATH] (at ${name})`,
      );
    }
    args[name.slice(2)] = value;
  }
  for (const required of ["base-url", "vectors", "package"]) {
    if (args[required] === undefined) {
      throw new Error(`driver.mjs: --${required} is required`);
    }
  }
  return args;
}

const TYPES = {
  ".html": "text/html",
  ".mjs": "text/javascript",
  ".js": "text/javascript",
  ".json": "application/json",
};

function typeOf(path) {
  const dot = path.lastIndexOf(".");
  return TYPES[path.slice(dot)] ?? "application/octet-stream";
}

/** Listens on 127.0.0.1, an ephemeral port; resolves to the server and its origin. */
async function listen(handler) {
  const server = createServer(handler);
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const baseUrl = args["base-url"].replace(/\/$/, "");
  const packageDir = resolve(args.package);
  try {
    statSync(args.chromium);
  } catch {
    throw new Error(
      `no Chromium at ${args.chromium}: install Debian's package (apt-get install chromium); cargo xtask test does when it runs as root`,
    );
  }

  /** The files the page may load, by path. */
  const files = new Map([
    ["/", join(here, "page.html")],
    ["/page.mjs", join(here, "page.mjs")],
    ["/client.mjs", join(here, "..", "typescript", "client.mjs")],
    ["/vectors.json", resolve(args.vectors)],
  ]);
  const lines = [];
  let finish;
  const finished = new Promise((done) => {
    finish = done;
  });

  const page = await listen((request, response) => {
    const path = new URL(request.url, "http://127.0.0.1").pathname;
    if (request.method === "POST") {
      let body = "";
      request.setEncoding("utf8");
      request.on("data", (chunk) => {
        body += chunk;
      });
      request.on("end", () => {
        if (path === "/report") {
          lines.push(body);
        } else if (path === "/done") {
          finish("done");
        }
        response.writeHead(204).end();
      });
      return;
    }
    let file = files.get(path);
    // The package exactly as shipped: any file of its directory, no subdirectory, no `..`.
    if (file === undefined && path.startsWith("/pkg/") && basename(path) === path.slice(5)) {
      file = join(packageDir, path.slice(5));
    }
    try {
      const body = readFileSync(file ?? "");
      const headers = { "content-type": typeOf(file), "cache-control": "no-store" };
      response.writeHead(200, headers).end(body);
    } catch {
      response.writeHead(404, { "content-type": "text/plain" }).end(`not found: ${path}`);
    }
  });
  // A server whose responses no other origin may read: no Access-Control-Allow-Origin.
  const refusing = await listen((request, response) => {
    response.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
  });
  const closed = await listen(() => {});
  await new Promise((done) => closed.server.close(done));

  const query = new URLSearchParams({
    api: baseUrl,
    refusing: `${refusing.origin}/refused`,
    closed: `${closed.origin}/closed`,
  });
  const profile = mkdtempSync(join(tmpdir(), "conformance-chromium-"));
  const chromium = spawn(
    args.chromium,
    [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, `${page.origin}/?${query}`],
    { detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const keep = (chunk) => {
    output = (output + chunk).slice(-20_000);
  };
  chromium.stdout.on("data", keep);
  chromium.stderr.on("data", keep);
  const exited = new Promise((done) => {
    chromium.on("exit", (code, signal) => done({ code, signal }));
  });
  chromium.on("error", (error) => finish(`cannot start ${args.chromium}: ${error.message}`));
  exited.then(({ code, signal }) => {
    finish(`Chromium exited (${signal ?? code}) before the page was done`);
  });
  const timer = setTimeout(() => {
    finish(`the page was not done after ${PAGE_TIMEOUT_MS / 1000} s`);
  }, PAGE_TIMEOUT_MS);

  const outcome = await finished;
  clearTimeout(timer);
  if (chromium.exitCode === null && chromium.signalCode === null) {
    try {
      process.kill(-chromium.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
    await exited;
  }
  page.server.close();
  refusing.server.close();
  rmSync(profile, { recursive: true, force: true });

  const fatal = lines.map((line) => JSON.parse(line)).find((line) => "fatal" in line);
  for (const line of lines) {
    process.stdout.write(`${line}\n`);
  }
  if (outcome !== "done" || fatal !== undefined) {
    process.stderr.write(`driver.mjs: Chromium said:\n${output}\n`);
    throw new Error(fatal?.fatal ?? outcome);
  }
}

main().catch((error) => {
  process.stderr.write(`driver.mjs: ${error?.stack ?? error}\n`);
  process.exit(1);
});
