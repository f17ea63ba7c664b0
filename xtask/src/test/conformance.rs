//! Steps of the conformance group, run after every package's own steps (the Python venv and the
//! npm packages exist by then): build the loopback server and the Rust client
//! (`tests/conformance/server`, on the generated crate), then `cargo xtask conformance`, which
//! starts the server, runs every client of every package against every vector of
//! `generated/conformance/vectors.json` (its per-code rows written out by [`expanded_vectors`]
//! into `target/conformance/vectors.json`, the file the server and the clients read) and the
//! retry scenarios, and fails on any disagreement, naming the catalog, the vector (or scenario),
//! the client and the member (and, where the texts print alike, the code points that differ).
//!
//! The seed's strings are plain ASCII, so the same run follows on a fixture catalog whose strings
//! are hostile ([`FIXTURE`], `tests/fixtures/valid/hostile.toml`): a copy of the server crate is
//! built on the fixture's generated crate (its binaries named `conformance-server-hostile` and
//! `conformance-client-rust-hostile`, in `target/packages` beside the seed's), and `cargo xtask
//! conformance --catalog … --generated …` runs every client on the fixture's packages, as
//! generated for the other groups, against the vectors generated from it (expanded into
//! `target/conformance/hostile/vectors.json`). The broken-client self-tests below run on the
//! seed only: they test the comparison, which is the same for every catalog.
//!
//! It also shows once that the comparison catches a broken client: the Rust client run with
//! `--ignore-retry-after` (it retries at once) must fail the `recover` and `never` scenarios.
//!
//! The TypeScript package also runs in headless Chromium (`typescript-browser`,
//! `tests/conformance/clients/browser`): Debian's `chromium` is installed first when
//! `/usr/bin/chromium` is missing. The page is served from another origin than the server, so it
//! reads `Retry-After` and `X-Request-Id` only through the crate's `expose_error_headers`; a
//! second server without it (`--no-expose-headers`) must make the browser client disagree on
//! exactly those, or the test does not test them.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::{Context, Step};

/// The longest a client may run (every vector plus the retry scenarios take a few seconds).
const CLIENT_TIMEOUT: Duration = Duration::from_secs(180);

/// Debian's Chromium, which the browser client drives (installed by [`ensure_chromium`]).
const CHROMIUM: &str = "/usr/bin/chromium";

/// The browser client's name in reports.
const BROWSER_CLIENT: &str = "typescript-browser";

/// The checks (lines `{"check": …, "passed": …}`) a client must report, by client: what a
/// request that gets no response becomes (`ConnectionError`, retried), and aborting a retry.
fn required_checks(client: &str) -> &'static [&'static str] {
    match client {
        "typescript-fetch" => &["connection/closed-port", "retry/abort-during-wait"],
        BROWSER_CLIENT => &[
            "connection/closed-port",
            "connection/cors-refused",
            "retry/abort-during-wait",
        ],
        _ => &[],
    }
}

/// What the browser client must get wrong without `Access-Control-Expose-Headers`: the members
/// read from the headers it can no longer see, and the waits `Retry-After` would have asked for.
const HIDDEN_HEADER_MEMBERS: &[&str] = &["request_id", "retry_after_ms", "elapsed_ms"];

/// The Python HTTP stacks the Python client is run with.
const PYTHON_STACKS: &[&str] = &[
    "requests",
    "httpx",
    "httpx-async",
    "httpx-stream",
    "aiohttp",
];

pub(crate) fn steps(context: &Context) -> Result<Vec<Step>, String> {
    let root = context.root.as_path();
    let manifest = server_dir(root).join("Cargo.toml");
    let manifest = manifest.to_string_lossy().into_owned();
    let mut run = super::cargo();
    run.current_dir(root).args(["xtask", "conformance"]);
    let mut steps = vec![
        Step::cargo(
            "conformance: build the loopback server and the Rust client",
            root,
            &["build", "--manifest-path", &manifest, "--locked"],
            &[("CARGO_TARGET_DIR", context.packages_target.as_os_str())],
        ),
        Step::cargo(
            "conformance: the crate's server side in axum (request ids, Retry-After, WWW-Authenticate, headers exposed to browser pages)",
            root,
            &["test", "--manifest-path", &manifest, "--locked"],
            &[("CARGO_TARGET_DIR", context.packages_target.as_os_str())],
        ),
        Step::new(
            "conformance: every client of every package agrees with every vector (TypeScript in Node and in headless Chromium, which is installed if missing)",
            run,
        ),
    ];
    steps.extend(fixture_steps(context)?);
    Ok(steps)
}

/// The valid fixture the conformance run also covers, besides `catalog.toml`: the one whose
/// strings are the most hostile. Its messages hold right-to-left Hebrew and Arabic, emoji with
/// joiners, a combining accent, zero-width characters and a BOM, quotes, backslashes, every
/// language's placeholders and a 10 KB line; its field path holds a quote and a backslash, and
/// its example request id (in every `full` vector) a zero-width space, a quote and a backslash.
/// `escaping.toml` holds fewer of them in its messages (only U+2028 and Cyrillic and CJK text
/// are its own).
pub(crate) const FIXTURE: &str = "hostile";

/// The steps of the run on [`FIXTURE`]: a copy of the server crate on the fixture's generated
/// crate (its binaries renamed `conformance-server-<fixture>` and
/// `conformance-client-rust-<fixture>`, built in `target/packages` beside the seed's), then
/// `cargo xtask conformance --catalog … --generated …` on the fixture's packages as generated
/// for the other groups' steps.
fn fixture_steps(context: &Context) -> Result<Vec<Step>, String> {
    let root = context.root.as_path();
    let fixture = context
        .fixtures
        .iter()
        .find(|fixture| fixture.name == FIXTURE)
        .ok_or_else(|| {
            format!("the conformance run also covers tests/fixtures/valid/{FIXTURE}.toml, which is missing")
        })?;
    let server = context.scratch_dir(&format!("conformance-server-{FIXTURE}"))?;
    super::copy_consumer(&server_dir(root), &server, &fixture.out.join("rust"))?;
    rename_binaries(&server.join("Cargo.toml"), FIXTURE)?;
    let manifest = server.join("Cargo.toml").to_string_lossy().into_owned();
    let mut run = super::cargo();
    run.current_dir(root)
        .args(["xtask", "conformance", "--catalog"])
        .arg(&fixture.label)
        .arg("--generated")
        .arg(&fixture.out);
    let label = &fixture.label;
    Ok(vec![
        // Not `--locked`: the copy's lock file names the seed's crate; Cargo swaps in the
        // fixture's and keeps every other version of the committed lock.
        Step::cargo(
            format!(
                "conformance on {label}: build the loopback server and the Rust client on its crate"
            ),
            root,
            &["build", "--quiet", "--manifest-path", &manifest],
            &[("CARGO_TARGET_DIR", context.packages_target.as_os_str())],
        ),
        Step::new(
            format!(
                "conformance on {label}: every client of its packages agrees with every vector of its own (its strings in messages, fields and request ids; TypeScript in Node and in headless Chromium)"
            ),
            run,
        ),
    ])
}

/// Renames the package and the binaries of a copied server crate's manifest to
/// `conformance-server-<suffix>` and `conformance-client-rust-<suffix>`, so that they do not
/// overwrite the seed's in `target/packages/debug`.
fn rename_binaries(manifest: &Path, suffix: &str) -> Result<(), String> {
    let mut text = std::fs::read_to_string(manifest)
        .map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
    for name in [SERVER_BIN, CLIENT_BIN] {
        let line = format!("name = \"{name}\"");
        if !text.contains(&line) {
            return Err(format!("{} lacks `{line}`", manifest.display()));
        }
        text = text.replace(&line, &format!("name = \"{name}-{suffix}\""));
    }
    std::fs::write(manifest, text).map_err(|e| format!("cannot write {}: {e}", manifest.display()))
}

/// The server's binary, as `tests/conformance/server/Cargo.toml` names it.
const SERVER_BIN: &str = "conformance-server";

/// The Rust client's binary, as `tests/conformance/server/Cargo.toml` names it.
const CLIENT_BIN: &str = "conformance-client-rust";

/// `generated/conformance/vectors.json` with its per-code rows written out as the vectors they
/// stand for (`codegen::emit::conformance::expand`), as the server and every client read it:
/// `target/conformance/vectors.json`, written through a temporary file and renamed into place;
/// returns its path.
pub(crate) fn expanded_vectors(root: &Path) -> Result<PathBuf, String> {
    let source = root
        .join("generated")
        .join("conformance")
        .join("vectors.json");
    expand_vectors(&source, &root.join("target").join("conformance"))
}

/// A generated `vectors.json` (`source`) expanded into `dir/vectors.json`, written through a
/// temporary file and renamed into place; returns its path.
fn expand_vectors(source: &Path, dir: &Path) -> Result<PathBuf, String> {
    let text = std::fs::read_to_string(source)
        .map_err(|e| format!("cannot read {}: {e}", source.display()))?;
    let expanded = codegen::emit::conformance::expand(&text).map_err(|e| {
        format!(
            "{}: {e} (run `cargo xtask gen` to write it again)",
            source.display()
        )
    })?;
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let path = dir.join("vectors.json");
    let temp = dir.join(format!("vectors.json.{}.tmp", std::process::id()));
    std::fs::write(&temp, expanded)
        .and_then(|()| std::fs::rename(&temp, &path))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}

fn server_dir(root: &Path) -> PathBuf {
    root.join("tests").join("conformance").join("server")
}

/// One client program to run against the server.
struct Client {
    /// Its name in failures.
    name: String,
    /// The file that must exist for it to run (the program or its script).
    file: PathBuf,
    command: Command,
}

/// A catalog other than `catalog.toml` for `cargo xtask conformance --catalog FILE --generated
/// DIR`: its packages as `cargo xtask gen --catalog FILE --out DIR` wrote them, and its server
/// and Rust client built on `DIR/rust` as `conformance-server-<stem>` and
/// `conformance-client-rust-<stem>` in `target/packages/debug` (`<stem>`: FILE's name without
/// `.toml`; the step before builds them).
pub struct CatalogUnderTest {
    /// The catalog file, as reports name it.
    pub catalog: PathBuf,
    /// Where every target was generated from it.
    pub generated: PathBuf,
}

/// The packages of one catalog that a run puts to the test.
struct Packages {
    /// The catalog, as reports name it.
    label: String,
    /// Its `vectors.json` as generated.
    source: PathBuf,
    /// The same, expanded: the file the server and the clients read.
    vectors: PathBuf,
    server: PathBuf,
    rust_client: PathBuf,
    /// The TypeScript package's directory (`index.js`).
    typescript: PathBuf,
    /// The Python package's import name, and the directory to put on `PYTHONPATH` for it
    /// (`None`: the package installed in the venv).
    python: Option<(String, PathBuf)>,
    /// Whether these are the seed's packages: only their run shows the comparison catches a
    /// broken client.
    seed: bool,
}

impl Packages {
    /// `generated/`, the server and the client built on it.
    fn seed(root: &Path) -> Result<Packages, String> {
        let bin = root.join("target").join("packages").join("debug");
        let generated = root.join("generated");
        Ok(Packages {
            label: "catalog.toml".to_owned(),
            source: generated.join("conformance").join("vectors.json"),
            vectors: expanded_vectors(root)?,
            server: bin.join(SERVER_BIN),
            rust_client: bin.join(CLIENT_BIN),
            typescript: generated.join("typescript"),
            python: None,
            seed: true,
        })
    }

    /// Those of [`CatalogUnderTest`]; the expanded vectors go to
    /// `target/conformance/<stem>/vectors.json`.
    fn of(root: &Path, under_test: &CatalogUnderTest) -> Result<Packages, String> {
        let catalog = super::load_catalog(&under_test.catalog)?;
        let stem = under_test
            .catalog
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .ok_or_else(|| format!("{} names no file", under_test.catalog.display()))?;
        let bin = root.join("target").join("packages").join("debug");
        let generated = &under_test.generated;
        let source = generated.join("conformance").join("vectors.json");
        let vectors = expand_vectors(
            &source,
            &root.join("target").join("conformance").join(&stem),
        )?;
        Ok(Packages {
            label: under_test.catalog.display().to_string(),
            source,
            vectors,
            server: bin.join(format!("{SERVER_BIN}-{stem}")),
            rust_client: bin.join(format!("{CLIENT_BIN}-{stem}")),
            typescript: generated.join("typescript"),
            python: Some((
                codegen::names::python::package_name(&catalog.name),
                generated.join("python").join("src"),
            )),
            seed: false,
        })
    }
}

/// `cargo xtask conformance [--catalog FILE --generated DIR]`: the server, every client, the
/// comparison, on the packages of `catalog.toml` or of `under_test`. Needs the server and the
/// Rust client built in `target/packages` (the step before) and the Python venv (the `python`
/// group).
pub fn run(root: &Path, under_test: Option<&CatalogUnderTest>) -> Result<(), String> {
    let packages = match under_test {
        None => Packages::seed(root)?,
        Some(under_test) => Packages::of(root, under_test)?,
    };
    let vectors = &packages.vectors;
    let text = std::fs::read_to_string(vectors)
        .map_err(|e| format!("cannot read {}: {e}", vectors.display()))?;
    let document: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", vectors.display()))?;
    ensure_chromium()?;
    let mut server = Server::start(&packages.server, vectors, &[])?;
    println!(
        "conformance server on the crate of {} at {}",
        packages.label, server.url
    );

    let mut failures = Vec::new();
    let mut ran = 0;
    for client in clients(root, &packages, &server.url) {
        if !client.file.exists() {
            failures.push(format!(
                "client {} is missing: {} does not exist",
                client.name,
                client.file.display()
            ));
            continue;
        }
        ran += 1;
        let started = Instant::now();
        match run_client(client.command, &client.name) {
            Ok(output) => {
                let mut found = compare(&document, &client.name, &output);
                found.extend(compare_checks(
                    required_checks(&client.name),
                    &client.name,
                    &output,
                ));
                println!(
                    "{}: {} in {:.1} s",
                    client.name,
                    if found.is_empty() {
                        "agrees with every vector and scenario".to_owned()
                    } else {
                        format!("{} disagreements", found.len())
                    },
                    started.elapsed().as_secs_f64()
                );
                failures.extend(found);
            }
            Err(message) => failures.push(message),
        }
    }

    if packages.seed {
        // The test of the test: a client that ignores Retry-After must be caught.
        let mut broken = Command::new(&packages.rust_client);
        broken
            .arg("--base-url")
            .arg(&server.url)
            .arg("--vectors")
            .arg(vectors)
            .arg("--ignore-retry-after");
        let caught = run_client(broken, "rust-reqwest (ignoring Retry-After)")
            .map(|output| compare(&document, "rust-reqwest", &output))?;
        if caught.iter().any(|f| f.contains("elapsed_ms")) {
            println!(
                "a Rust client that ignores Retry-After is caught: {}",
                caught.join("; ")
            );
        } else {
            failures.push(
                "a Rust client that ignores Retry-After was not caught: the comparison is broken"
                    .to_owned(),
            );
        }
    }
    server.stop();

    if packages.seed {
        // The test of the browser test: without the expose header the page must miss both
        // headers.
        match hidden_headers_are_caught(root, &document, &packages) {
            Ok(summary) => println!("{summary}"),
            Err(message) => failures.push(message),
        }
    }

    if failures.is_empty() {
        println!(
            "{ran} clients agree with every vector of {}",
            packages.label
        );
        return Ok(());
    }
    let shown = failures.len().min(60);
    let mut message = format!(
        "{} disagreements on the packages of {} with {} ({} expanded):\n",
        failures.len(),
        packages.label,
        vectors.display(),
        packages
            .source
            .strip_prefix(root)
            .unwrap_or(&packages.source)
            .display()
    );
    for failure in &failures[..shown] {
        message.push_str(&format!("  - {}: {failure}\n", packages.label));
    }
    if shown < failures.len() {
        message.push_str(&format!("  … and {} more\n", failures.len() - shown));
    }
    Err(message)
}

fn clients(root: &Path, packages: &Packages, url: &str) -> Vec<Client> {
    let vectors = &packages.vectors;
    let common = |command: &mut Command| {
        command
            .arg("--base-url")
            .arg(url)
            .arg("--vectors")
            .arg(vectors);
    };
    let mut out = Vec::new();
    let mut command = Command::new(&packages.rust_client);
    common(&mut command);
    out.push(Client {
        name: "rust-reqwest".to_owned(),
        file: packages.rust_client.clone(),
        command,
    });

    let clients_dir = root.join("tests").join("conformance").join("clients");
    let script = clients_dir.join("typescript").join("client.mjs");
    let mut command = Command::new("node");
    command.arg(&script);
    common(&mut command);
    command.arg("--package").arg(&packages.typescript);
    out.push(Client {
        name: "typescript-fetch".to_owned(),
        file: script,
        command,
    });

    let (file, command) = browser_client(root, url, vectors, &packages.typescript);
    out.push(Client {
        name: BROWSER_CLIENT.to_owned(),
        file,
        command,
    });

    let script = clients_dir.join("python").join("client.py");
    let python = root
        .join("target")
        .join("python-venv")
        .join("bin")
        .join("python");
    for stack in PYTHON_STACKS {
        let mut command = Command::new(&python);
        command.arg(&script).arg("--stack").arg(stack);
        common(&mut command);
        if let Some((name, path)) = &packages.python {
            command
                .arg("--package")
                .arg(name)
                .env("PYTHONPATH", path)
                .env("PYTHONDONTWRITEBYTECODE", "1");
        }
        out.push(Client {
            name: format!("python-{stack}"),
            file: script.clone(),
            command,
        });
    }
    out
}

/// The browser client's driver (`tests/conformance/clients/browser/driver.mjs`) and the command
/// that runs it on the TypeScript package in `package` against the server at `url`.
fn browser_client(root: &Path, url: &str, vectors: &Path, package: &Path) -> (PathBuf, Command) {
    let driver = root
        .join("tests")
        .join("conformance")
        .join("clients")
        .join("browser")
        .join("driver.mjs");
    let mut command = Command::new("node");
    command
        .arg(&driver)
        .arg("--base-url")
        .arg(url)
        .arg("--vectors")
        .arg(vectors)
        .arg("--package")
        .arg(package)
        .arg("--chromium")
        .arg(CHROMIUM);
    (driver, command)
}

/// Runs the browser client against a server started with `--no-expose-headers` and checks that
/// it disagrees, on `request_id` and `retry_after_ms` at least and on nothing but
/// [`HIDDEN_HEADER_MEMBERS`]: the page reads both headers only because the server exposes them.
fn hidden_headers_are_caught(
    root: &Path,
    document: &Value,
    packages: &Packages,
) -> Result<String, String> {
    let vectors = &packages.vectors;
    let mut server = Server::start(&packages.server, vectors, &["--no-expose-headers"])?;
    let (_, command) = browser_client(root, &server.url, vectors, &packages.typescript);
    let name = format!("{BROWSER_CLIENT} (no Access-Control-Expose-Headers)");
    let output = run_client(command, &name);
    server.stop();
    let found = compare(document, BROWSER_CLIENT, &output?);
    judge_hidden_headers(&found)
}

/// The verdict on the browser client's disagreements without the expose header (see
/// [`hidden_headers_are_caught`]).
fn judge_hidden_headers(found: &[String]) -> Result<String, String> {
    let member_of = |failure: &str| {
        failure
            .split(", member ")
            .nth(1)
            .and_then(|rest| rest.split(':').next())
            .map(str::to_owned)
    };
    let unexpected: Vec<&String> = found
        .iter()
        .filter(|f| !member_of(f).is_some_and(|m| HIDDEN_HEADER_MEMBERS.contains(&m.as_str())))
        .collect();
    if !unexpected.is_empty() {
        return Err(format!(
            "without Access-Control-Expose-Headers the browser client should only miss the headers' members, but: {unexpected:?}"
        ));
    }
    let missed = |member: &str| {
        found
            .iter()
            .filter(|f| member_of(f).as_deref() == Some(member))
            .count()
    };
    let (request_ids, retry_afters) = (missed("request_id"), missed("retry_after_ms"));
    if request_ids == 0 || retry_afters == 0 {
        return Err(format!(
            "without Access-Control-Expose-Headers the browser client still agreed on every request_id ({request_ids} disagreements) or retry_after_ms ({retry_afters}): the browser test does not show that the page reads X-Request-Id and Retry-After cross-origin"
        ));
    }
    Ok(format!(
        "without Access-Control-Expose-Headers the page cannot read X-Request-Id and Retry-After, and the comparison fails as it should: {request_ids} request_id and {retry_afters} retry_after_ms disagreements ({} in all)",
        found.len()
    ))
}

/// Installs Debian's `chromium` package when [`CHROMIUM`] is missing: as root with `apt-get`,
/// else through `sudo -n`; else fails saying how to install it.
fn ensure_chromium() -> Result<(), String> {
    if Path::new(CHROMIUM).exists() {
        return Ok(());
    }
    let install = "apt-get install -y --no-install-recommends chromium";
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0");
    let sudo = !root
        && Command::new("sudo")
            .args(["-n", "true"])
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
    if !root && !sudo {
        return Err(format!(
            "the browser client needs Chromium at {CHROMIUM}, which is missing, and this user can neither install it (not root) nor use sudo without a password: run `sudo {install}` (Debian or Ubuntu), then run the tests again"
        ));
    }
    println!(
        "{CHROMIUM} is missing: installing Debian's chromium package for the browser client (a minute or two)"
    );
    for args in [
        &["apt-get", "update", "-qq"][..],
        &[
            "apt-get",
            "install",
            "-y",
            "-qq",
            "--no-install-recommends",
            "chromium",
        ],
    ] {
        let mut command = if sudo {
            let mut command = Command::new("sudo");
            command.arg("-n").args(args);
            command
        } else {
            let mut command = Command::new(args[0]);
            command.args(&args[1..]);
            command
        };
        command.env("DEBIAN_FRONTEND", "noninteractive");
        println!(
            "    $ {}{}",
            if sudo { "sudo -n " } else { "" },
            args.join(" ")
        );
        let status = command.status().map_err(|e| {
            format!(
                "cannot run {} to install Chromium (is this Debian?): {e}",
                args[0]
            )
        })?;
        if !status.success() {
            return Err(format!(
                "`{}` failed ({status}): the browser client needs Debian's chromium package at {CHROMIUM}",
                args.join(" ")
            ));
        }
    }
    if !Path::new(CHROMIUM).exists() {
        return Err(format!(
            "the chromium package is installed but {CHROMIUM} is still missing"
        ));
    }
    Ok(())
}

/// The running server: stopped (its stdin closed, then killed if it lingers) when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(program: &Path, vectors: &Path, flags: &[&str]) -> Result<Server, String> {
        let mut child = Command::new(program)
            .arg("--vectors")
            .arg(vectors)
            .args(flags)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| {
                format!(
                    "cannot start {} (built by the step before): {e}",
                    program.display()
                )
            })?;
        let stdout = child.stdout.take().ok_or("no stdout of the server")?;
        let (send, receive) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = send.send(line);
        });
        let line = receive
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_default();
        let mut server = Server {
            child,
            url: String::new(),
        };
        match line.trim().strip_prefix("listening on ") {
            Some(url) if url.starts_with("http://127.0.0.1:") => {
                server.url = url.to_owned();
                Ok(server)
            }
            _ => {
                server.stop();
                Err(format!(
                    "the conformance server did not say where it listens (got {line:?})"
                ))
            }
        }
    }

    fn stop(&mut self) {
        drop(self.child.stdin.take());
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.stop();
        }
    }
}

/// Runs a client to its end (at most [`CLIENT_TIMEOUT`]) and returns its stdout; stderr goes
/// to the terminal.
fn run_client(mut command: Command, name: &str) -> Result<String, String> {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("client {name}: cannot start {command:?}: {e}"))?;
    let mut stdout = child.stdout.take().ok_or("no stdout")?;
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        let _ = send.send(text);
    });
    let deadline = Instant::now() + CLIENT_TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "client {name}: still running after {} s, killed",
                CLIENT_TIMEOUT.as_secs()
            ));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let output = receive
        .recv_timeout(Duration::from_secs(10))
        .map_err(|_| format!("client {name}: its output never ended"))?;
    if !status.success() {
        return Err(format!("client {name}: exited with {status}"));
    }
    Ok(output)
}

/// Every disagreement between a client's output (JSON lines) and the vectors' expectations,
/// each naming the vector or scenario, the client and the member. A vector or scenario the
/// client did not report is a disagreement too.
pub(crate) fn compare(document: &Value, client: &str, output: &str) -> Vec<String> {
    let mut failures = Vec::new();
    let mut decisions = std::collections::HashMap::new();
    let mut scenarios = std::collections::HashMap::new();
    for line in output.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(value) = serde_json::from_str::<Value>(line) else {
            failures.push(format!("client {client}: a line that is not JSON: {line}"));
            continue;
        };
        if value.get("check").is_some() {
            // Checks are compare_checks' business.
        } else if let Some(vector) = value["vector"].as_str() {
            decisions.insert(vector.to_owned(), value["decision"].clone());
        } else if let Some(scenario) = value["scenario"].as_str() {
            scenarios.insert(scenario.to_owned(), value);
        } else {
            failures.push(format!(
                "client {client}: a line with neither vector nor scenario: {line}"
            ));
        }
    }
    for vector in document["vectors"].as_array().into_iter().flatten() {
        let name = vector["name"].as_str().unwrap_or_default();
        let Some(decision) = decisions.get(name) else {
            failures.push(format!("vector {name}, client {client}: not reported"));
            continue;
        };
        let expected = &vector["expected"];
        let tolerance = expected["retry_after_tolerance_ms"].as_f64().unwrap_or(0.0);
        for (member, want) in expected.as_object().into_iter().flatten() {
            if member == "retry_after_tolerance_ms" {
                continue;
            }
            let Some(got) = decision.get(member) else {
                failures.push(format!(
                    "vector {name}, client {client}, member {member}: missing (expected {want})"
                ));
                continue;
            };
            let agrees = match (member.as_str(), want.as_f64(), got.as_f64()) {
                ("retry_after_ms", Some(want), Some(got)) => (want - got).abs() <= tolerance,
                _ => want == got,
            };
            if !agrees {
                failures.push(format!(
                    "vector {name}, client {client}, member {member}: expected {want}, got {got}{}",
                    hidden_difference(want, got).unwrap_or_default()
                ));
            }
        }
    }
    for scenario in document["scenarios"].as_array().into_iter().flatten() {
        let name = scenario["name"].as_str().unwrap_or_default();
        let Some(report) = scenarios.get(name) else {
            failures.push(format!("scenario {name}, client {client}: not reported"));
            continue;
        };
        let expected = &scenario["expected"];
        for member in ["calls", "outcome"] {
            if report[member] != expected[member] {
                failures.push(format!(
                    "scenario {name}, client {client}, member {member}: expected {}, got {}",
                    expected[member], report[member]
                ));
            }
        }
        let min = expected["min_elapsed_ms"].as_f64().unwrap_or(0.0);
        match report["elapsed_ms"].as_f64() {
            Some(elapsed) if elapsed >= min => {}
            _ => failures.push(format!(
                "scenario {name}, client {client}, member elapsed_ms: expected at least {min} (the waits Retry-After asks for), got {}",
                report["elapsed_ms"]
            )),
        }
    }
    failures
}

/// Where the JSON texts of two values first differ, when a reader could not see it there: the
/// code points, when either is not a visible ASCII character (a zero-width space, a BOM, a
/// combining accent against its composed form: texts that print alike).
fn hidden_difference(want: &Value, got: &Value) -> Option<String> {
    let (want, got) = (want.to_string(), got.to_string());
    let position = want
        .chars()
        .zip(got.chars())
        .position(|(w, g)| w != g)
        .unwrap_or_else(|| want.chars().count().min(got.chars().count()));
    let (w, g) = (want.chars().nth(position), got.chars().nth(position));
    let hidden = |c: Option<char>| c.is_some_and(|c| !c.is_ascii_graphic());
    if !hidden(w) && !hidden(g) {
        return None;
    }
    let show = |c: Option<char>| c.map_or("the end".to_owned(), |c| format!("U+{:04X}", c as u32));
    Some(format!(
        " (they first differ at character {position} of their JSON: expected {}, got {})",
        show(w),
        show(g)
    ))
}

/// Every required check the client did not report as passed, and every check it reported as
/// failed, naming the check, the client and what the client said.
pub(crate) fn compare_checks(required: &[&str], client: &str, output: &str) -> Vec<String> {
    let reported: Vec<Value> = output
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|value| value.get("check").is_some())
        .collect();
    let mut failures = Vec::new();
    for check in &reported {
        if check["passed"] != true {
            failures.push(format!(
                "check {}, client {client}: failed: {}",
                check["check"].as_str().unwrap_or("?"),
                check["detail"].as_str().unwrap_or_default()
            ));
        }
    }
    for name in required {
        if !reported.iter().any(|check| check["check"] == *name) {
            failures.push(format!("check {name}, client {client}: not reported"));
        }
    }
    failures
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn document() -> Value {
        json!({
            "vectors": [{
                "name": "code/RATE_LIMIT_EXCEEDED/full",
                "expected": {
                    "code": "RATE_LIMIT_EXCEEDED", "retryable": true,
                    "retry_after_ms": 10000, "retry_after_tolerance_ms": 3000,
                },
            }],
            "scenarios": [{
                "name": "recover",
                "expected": { "calls": 3, "outcome": "ok", "min_elapsed_ms": 2000 },
            }],
        })
    }

    #[test]
    fn a_client_that_agrees_passes_within_the_tolerance() {
        let output = r#"{"client":"c","vector":"code/RATE_LIMIT_EXCEEDED/full","decision":{"code":"RATE_LIMIT_EXCEEDED","retryable":true,"retry_after_ms":8200}}
{"client":"c","scenario":"recover","calls":3,"elapsed_ms":2010,"outcome":"ok"}"#;
        assert_eq!(compare(&document(), "c", output), Vec::<String>::new());
    }

    #[test]
    fn a_client_that_ignores_retry_after_is_caught_by_vector_client_and_member() {
        let output = r#"{"client":"c","vector":"code/RATE_LIMIT_EXCEEDED/full","decision":{"code":"RATE_LIMIT_EXCEEDED","retryable":true,"retry_after_ms":null}}
{"client":"c","scenario":"recover","calls":3,"elapsed_ms":12,"outcome":"ok"}"#;
        assert_eq!(
            compare(&document(), "c", output),
            [
                "vector code/RATE_LIMIT_EXCEEDED/full, client c, member retry_after_ms: expected 10000, got null",
                "scenario recover, client c, member elapsed_ms: expected at least 2000 (the waits Retry-After asks for), got 12",
            ]
        );
    }

    #[test]
    fn a_difference_that_prints_alike_is_spelled_out_in_code_points() {
        let document = json!({ "vectors": [{
            "name": "code/RIGHT_TO_LEFT/full",
            "expected": { "message": "שגיאה e\u{301}", "request_id": "req_\u{200B}\"1\"" },
        }] });
        let output = r#"{"client":"c","vector":"code/RIGHT_TO_LEFT/full","decision":{"message":"שגיאה é","request_id":"req_\"1\""}}"#;
        assert_eq!(
            compare(&document, "c", output),
            [
                "vector code/RIGHT_TO_LEFT/full, client c, member message: expected \"שגיאה e\u{301}\", got \"שגיאה é\" (they first differ at character 7 of their JSON: expected U+0065, got U+00E9)",
                "vector code/RIGHT_TO_LEFT/full, client c, member request_id: expected \"req_\u{200B}\\\"1\\\"\", got \"req_\\\"1\\\"\" (they first differ at character 5 of their JSON: expected U+200B, got U+005C)",
            ]
        );
        let visible = hidden_difference(&json!("abc"), &json!("abd"));
        assert_eq!(visible, None, "a visible difference needs no code points");
    }

    #[test]
    fn missing_reports_and_members_fail() {
        let output =
            r#"{"client":"c","scenario":"recover","calls":1,"elapsed_ms":2500,"outcome":"error"}"#;
        let failures = compare(&document(), "c", output);
        assert_eq!(failures.len(), 3, "{failures:?}");
        assert!(
            failures[0].contains("vector code/RATE_LIMIT_EXCEEDED/full, client c: not reported")
        );
        let output = r#"{"client":"c","vector":"code/RATE_LIMIT_EXCEEDED/full","decision":{"code":"RATE_LIMIT_EXCEEDED","retry_after_ms":9000}}"#;
        let failures = compare(&document(), "c", output);
        assert!(
            failures[0].contains("member retryable: missing"),
            "{failures:?}"
        );
        assert!(failures[1].contains("scenario recover, client c: not reported"));
    }

    #[test]
    fn checks_must_be_reported_and_pass_and_are_no_vector_lines() {
        let output = r#"{"client":"c","check":"a","passed":true,"detail":"ConnectionError"}
{"client":"c","check":"b","passed":false,"detail":"got a TypeError"}"#;
        assert_eq!(
            compare_checks(&["a", "b", "z"], "c", output),
            [
                "check b, client c: failed: got a TypeError",
                "check z, client c: not reported",
            ]
        );
        let vectors = compare(&document(), "c", output);
        assert!(
            vectors.iter().all(|f| !f.contains("neither")),
            "{vectors:?}"
        );
    }

    #[test]
    fn hidden_headers_must_cost_request_ids_and_retry_afters_and_nothing_else() {
        let member = |vector: &str, member: &str| {
            format!(
                "vector {vector}, client typescript-browser, member {member}: expected 1, got null"
            )
        };
        let caught = [
            member("edge/a", "request_id"),
            member("code/B/full", "retry_after_ms"),
            "scenario recover, client typescript-browser, member elapsed_ms: expected at least 2000 (the waits Retry-After asks for), got 800".to_owned(),
        ];
        assert!(judge_hidden_headers(&caught).is_ok());
        assert!(
            judge_hidden_headers(&caught[1..]).is_err(),
            "no request_id missed"
        );
        assert!(judge_hidden_headers(&[]).is_err(), "nothing missed");
        let mut other = caught.to_vec();
        other.push(member("edge/a", "code"));
        let verdict = judge_hidden_headers(&other).unwrap_err();
        assert!(verdict.contains("member code"), "{verdict}");
    }
}
