//! Steps for the generated TypeScript package, all in the scratch directory:
//!
//! 1. `npm ci` of `tests/typescript` (TypeScript, Node's types and a TOML parser, pinned by its
//!    committed lockfile);
//! 2. `tsc --strict` on the package: its declarations and example, its JavaScript alone with
//!    `--checkJs`, and `agree.ts`, which holds the JavaScript and the declarations to each other;
//! 3. `npm pack`, then a consumer project (`tests/consumers/typescript`) installs the tarball,
//!    compiles with `tsc --strict` and runs with node, with an exhaustive switch over the
//!    catalog's codes written here from the catalog; that switch without one `case`, and an
//!    exhaustive handler object missing one code, must not compile;
//! 4. the behaviour tests (`node --test`) against a server on 127.0.0.1, the metadata tests
//!    against catalog.toml parsed independently, the conformance vectors
//!    (`generated/conformance/vectors.json`, expanded into `target/conformance/vectors.json`)
//!    through `errorFromParts`, read back by the
//!    conformance client's `decisionOf` (`tests/conformance/clients/typescript/client.mjs`), and
//!    the deprecation test (the language service reports every use of a deprecated code, 6385),
//!    the connection errors (`ConnectionError` from `withTypedErrors(fetch)`, retried) and the
//!    browser bundle (esbuild, pinned, bundles the package with `--platform=browser`: no Node
//!    built-in);
//! 5. the packages generated from the valid fixtures type-check the same way and pass the
//!    metadata tests (every string of escaping.toml comes back exactly).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::{Context, Fixture, Step};

/// Files of `tests/typescript` copied to the scratch directory.
const TEST_FILES: &[&str] = &[
    "package.json",
    "package-lock.json",
    "tsconfig.json",
    "agree.ts",
    "expect-compile-error.mjs",
    "catalog.mjs",
    "behaviour.test.mjs",
    "metadata.test.mjs",
    "conformance.test.mjs",
    "deprecation.test.mjs",
    "connection.test.mjs",
    "bundle.test.mjs",
    "tree-shaking.test.mjs",
];

pub(crate) fn steps(context: &Context) -> Result<Vec<Step>, String> {
    let root = context.root.as_path();
    let generated = root.join("generated").join("typescript");
    let catalog_path = root.join("catalog.toml");
    let catalog = super::load_catalog(&catalog_path)?;

    // The test project: its pinned tools, and a copy of the package to check.
    let (work, install) = tools(context)?;
    lay_out_package(&generated, &work)?;
    let tsc = tsc(&work);

    let mut steps = vec![install];
    steps.push(Step::new(
        "generated TypeScript package: tsc --strict on its declarations and example, --checkJs on its JavaScript, the two agree",
        node(&work, &[tsc.as_os_str(), "-p".as_ref(), "tsconfig.json".as_ref()]),
    ));

    // npm pack, and a project elsewhere that installs the tarball.
    let packed = context.scratch_dir("typescript-pack")?;
    let mut pack = npm(&work.join("pkg"), &["pack", "--pack-destination"]);
    pack.arg(&packed);
    steps.push(Step::new("generated TypeScript package: npm pack", pack));
    steps.extend(package_checks(
        &work,
        "generated/typescript",
        &work.join("pkg"),
    ));
    let tarball = packed.join(format!("{}-{}.tgz", catalog.name, catalog.version));
    let consumer = context.scratch_dir("typescript-consumer")?;
    let removed = copy_consumer(
        &root.join("tests").join("consumers").join("typescript"),
        &consumer,
        &catalog,
    )?;
    // The package README's example compiles in that project too.
    let readme = read(&generated.join("README.md"))?;
    let example = readme
        .split("```ts\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .ok_or("generated/typescript/README.md has no ```ts example")?;
    write(&consumer.join("src").join("package-readme.ts"), example)?;
    // So do the handling and retry examples of the reference page, generated/docs/errors.md.
    let page = read(&root.join("generated").join("docs").join("errors.md"))?;
    let page_examples: Vec<&str> = page
        .split("```ts\n")
        .skip(1)
        .filter_map(|rest| rest.split("```").next())
        .collect();
    if page_examples.len() != 2 {
        return Err(format!(
            "generated/docs/errors.md should have a TypeScript handling and retry example, found {} ```ts blocks",
            page_examples.len()
        ));
    }
    for (number, example) in page_examples.iter().enumerate() {
        write(
            &consumer.join("src").join(format!("errors-md-{number}.ts")),
            example,
        )?;
    }
    steps.extend(consumer_steps(
        &consumer,
        &tarball,
        &tsc,
        [
            "a project outside the repository installs the npm pack tarball",
            "that project compiles with tsc --strict, switching exhaustively over ErrorCode (with the package README's and errors.md's examples)",
            "that project runs with node against the installed package (README's example on every code)",
        ],
    ));
    // A CommonJS module of a TypeScript project requires the ES module package: tsc accepts it
    // with `module: nodenext` (TypeScript 5.8 and later) and Node runs it from 20.19 on.
    let first = &catalog.codes[0].wire;
    write(
        &consumer.join("cjs").join("main.cts"),
        &format!(
            "// A CommonJS module (`.cts`): tsc compiles the import below to `require()`.\n\
             import {{ ErrorCode, isApiError }} from \"{name}\";\n\n\
             const code: ErrorCode = ErrorCode.{first};\n\
             if (code !== \"{first}\" || typeof isApiError !== \"function\") {{\n  \
             throw new Error(\"require() of the package did not load it\");\n\
             }}\n\
             console.log(`CommonJS sees ${{code}}`);\n",
            name = catalog.name
        ),
    )?;
    write(
        &consumer.join("tsconfig.cjs.json"),
        "{\n  \"extends\": \"./tsconfig.json\",\n  \"compilerOptions\": { \"rootDir\": \"cjs\", \"outDir\": \"dist-cjs\" },\n  \"include\": [\"cjs\"]\n}\n",
    )?;
    steps.push(Step::new(
        "a CommonJS module of that project (module: nodenext) imports the package: tsc --strict accepts it",
        node(
            &consumer,
            &[tsc.as_os_str(), "-p".as_ref(), "tsconfig.cjs.json".as_ref()],
        ),
    ));
    steps.push(
        Step::new(
            "and node runs it: require() of the package",
            node(&consumer, &["dist-cjs/main.cjs".as_ref()]),
        )
        .expecting(vec![format!("CommonJS sees {first}")]),
    );
    let expect_error = work.join("expect-compile-error.mjs");
    steps.push(Step::new(
        format!("that project without `case ErrorCode.{removed}:` does not compile"),
        node(
            &work,
            &[
                expect_error.as_os_str(),
                consumer.join("tsconfig.broken-switch.json").as_os_str(),
                format!("\"{removed}\"").as_ref(),
                "'never'".as_ref(),
            ],
        ),
    ));
    let last = catalog
        .codes
        .last()
        .map(|c| c.wire.clone())
        .unwrap_or_default();
    steps.push(Step::new(
        format!("exhaustive handlers without `{last}` and without `default` do not compile"),
        node(
            &work,
            &[
                expect_error.as_os_str(),
                consumer.join("tsconfig.broken-handlers.json").as_os_str(),
                last.as_ref(),
            ],
        ),
    ));

    // Behaviour, metadata and the conformance vectors, at run time.
    let client = work.join("conformance-client.mjs");
    copy_file(
        &root
            .join("tests")
            .join("conformance")
            .join("clients")
            .join("typescript")
            .join("client.mjs"),
        &client,
    )?;
    let vectors = super::conformance::expanded_vectors(root)?;
    let mut run = node_test(
        &work,
        &work.join("pkg"),
        &catalog_path,
        &[
            "behaviour.test.mjs",
            "metadata.test.mjs",
            "conformance.test.mjs",
            "deprecation.test.mjs",
            "connection.test.mjs",
            "bundle.test.mjs",
            "tree-shaking.test.mjs",
        ],
    );
    run.env("VECTORS", &vectors)
        .env("CONFORMANCE_CLIENT", &client);
    steps.push(Step::new(
        "generated TypeScript package: behaviour tests against a loopback server, metadata against catalog.toml, the deprecation test, every conformance vector through errorFromParts, connection errors, the browser bundle (esbuild)",
        run,
    ));

    // The packages generated from the valid fixtures.
    steps.extend(fixture_steps(&work, &context.fixtures)?);

    // The consumer project names no code: it runs the same on the package of the fixture whose
    // codes, statuses and name differ from the seed's (laid out by fixture_steps).
    let fixture = super::consumer_fixture(context)?;
    let fixture_catalog = super::load_catalog(&fixture.catalog)?;
    let packed = context.scratch_dir("typescript-pack-fixture")?;
    let mut pack = npm(
        &work.join("fixtures").join(&fixture.name).join("pkg"),
        &["pack", "--pack-destination"],
    );
    pack.arg(&packed);
    let label = &fixture.label;
    steps.push(Step::new(
        format!("package generated from {label}: npm pack"),
        pack,
    ));
    let tarball = packed.join(format!(
        "{}-{}.tgz",
        fixture_catalog.name, fixture_catalog.version
    ));
    let consumer = context.scratch_dir("typescript-consumer-fixture")?;
    copy_consumer(
        &root.join("tests").join("consumers").join("typescript"),
        &consumer,
        &fixture_catalog,
    )?;
    steps.extend(consumer_steps(
        &consumer,
        &tarball,
        &tsc,
        [
            &format!("the consumer project installs the package generated from {label}"),
            "compiles with tsc --strict",
            "and runs with node",
        ],
    ));
    Ok(steps)
}

/// In the consumer project `consumer`: `npm install` of `tarball`, `tsc --strict`, then node on
/// what it compiled, with these titles.
fn consumer_steps(consumer: &Path, tarball: &Path, tsc: &Path, titles: [&str; 3]) -> Vec<Step> {
    let [install_title, compile_title, run_title] = titles;
    let mut install = npm(consumer, &["install", "--no-audit", "--no-fund"]);
    install.arg(tarball);
    vec![
        Step::new(install_title, install),
        Step::new(
            compile_title,
            node(
                consumer,
                &[tsc.as_os_str(), "-p".as_ref(), "tsconfig.json".as_ref()],
            ),
        ),
        Step::new(run_title, node(consumer, &["dist/main.js".as_ref()])),
    ]
}

/// The test project in the scratch directory (`tests/typescript` copied) and the step that
/// installs its pinned tools there. Every call returns the same directory.
pub(crate) fn tools(context: &Context) -> Result<(PathBuf, Step), String> {
    let root = context.root.as_path();
    let work = context.scratch_dir("typescript")?;
    for name in TEST_FILES {
        copy_file(
            &root.join("tests").join("typescript").join(name),
            &work.join(name),
        )?;
    }
    let install = Step::new(
        "TypeScript tests: install their tools from the committed lockfile",
        npm(&work, &["ci", "--no-audit", "--no-fund"]),
    );
    Ok((work, install))
}

/// The TypeScript compiler the test project installs.
fn tsc(work: &Path) -> PathBuf {
    work.join("node_modules")
        .join("typescript")
        .join("bin")
        .join("tsc")
}

/// The checks of the packages generated from `fixtures`, in the test project `work`: tsc
/// --strict (declarations, --checkJs, agreement), then the metadata and deprecation tests.
pub(crate) fn fixture_steps(work: &Path, fixtures: &[Fixture]) -> Result<Vec<Step>, String> {
    let tsc = tsc(work);
    let mut steps = Vec::new();
    for fixture in fixtures {
        let label = &fixture.label;
        let dir = work.join("fixtures").join(&fixture.name);
        fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        for file in ["tsconfig.json", "agree.ts"] {
            copy_file(&work.join(file), &dir.join(file))?;
        }
        lay_out_package(&fixture.out.join("typescript"), &dir)?;
        steps.push(Step::new(
            format!("package generated from {label}: tsc --strict, --checkJs, agreement"),
            node(
                &dir,
                &[tsc.as_os_str(), "-p".as_ref(), "tsconfig.json".as_ref()],
            ),
        ));
        let fixture_catalog = super::load_catalog(&fixture.catalog)?;
        if fixture_catalog.metadata.is_publishable() {
            steps.extend(package_checks(
                work,
                &format!("package generated from {label}"),
                &dir.join("pkg"),
            ));
        }
        steps.push(Step::new(
            format!("package generated from {label}: imports and holds the fixture's metadata; the language service reports its deprecated codes"),
            node_test(work, &dir.join("pkg"), &fixture.catalog, &["metadata.test.mjs", "deprecation.test.mjs"]),
        ));
    }
    Ok(steps)
}

/// publint (strict: its warnings fail) and arethetypeswrong on a package, with the pinned tools
/// of `work`. The package is ES modules only, so attw's `esm-only` profile: it still checks
/// every ESM resolution (node16 from ESM, bundler), not CommonJS's `node10` and `node16` from
/// CommonJS, which the README states as the floor instead (tested above with require()).
fn package_checks(work: &Path, name: &str, package: &Path) -> Vec<Step> {
    let bin = work.join("node_modules").join(".bin");
    let mut publint = Command::new(bin.join("publint"));
    publint.current_dir(work).arg(package).arg("--strict");
    let mut attw = Command::new(bin.join("attw"));
    attw.current_dir(work)
        .arg("--pack")
        .arg(package)
        .args(["--profile", "esm-only", "--no-color"]);
    vec![
        Step::new(format!("{name}: publint --strict"), publint)
            .expecting(vec!["All good!".to_owned()]),
        Step::new(
            format!("{name}: arethetypeswrong (--profile esm-only)"),
            attw,
        ),
    ]
}

fn npm(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new("npm");
    command.current_dir(dir).args(args);
    command
}

fn node(dir: &Path, args: &[&std::ffi::OsStr]) -> Command {
    let mut command = Command::new("node");
    command.current_dir(dir).args(args);
    command
}

/// `node --test FILES…` in `dir` on the package in `package` from `catalog`.
fn node_test(dir: &Path, package: &Path, catalog: &Path, files: &[&str]) -> Command {
    let mut command = Command::new("node");
    command
        .current_dir(dir)
        .arg("--test")
        .args(files)
        .env("PACKAGE_DIR", package)
        .env("CATALOG", catalog);
    command
}

/// Copies a generated package to `dir/pkg`, and its JavaScript alone to `dir/js-only`, as
/// `tsconfig.json` expects.
fn lay_out_package(package: &Path, dir: &Path) -> Result<(), String> {
    let files = list_files(package, Path::new(""))?;
    if files.is_empty() {
        return Err(format!("no package in {}", package.display()));
    }
    for relative in files {
        let from = package.join(&relative);
        copy_file(&from, &dir.join("pkg").join(&relative))?;
        if relative.extension().is_some_and(|e| e == "js")
            && relative.parent() == Some(Path::new(""))
        {
            copy_file(&from, &dir.join("js-only").join(&relative))?;
        }
    }
    Ok(())
}

/// Files under `dir`, relative to it, skipping `node_modules`.
fn list_files(dir: &Path, relative: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let entries = fs::read_dir(dir.join(relative))
        .map_err(|e| format!("cannot list {}: {e}", dir.join(relative).display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        let path = relative.join(entry.file_name());
        let kind = entry
            .file_type()
            .map_err(|e| format!("cannot stat {}: {e}", dir.join(&path).display()))?;
        if kind.is_dir() {
            if entry.file_name() != "node_modules" {
                out.extend(list_files(dir, &path)?);
            }
        } else if kind.is_file() {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

/// Copies the consumer project, writes its exhaustive switch over the catalog's codes
/// (`src/exhaustive.ts`) and its two broken variants beside it: the switch without the
/// catalog's first code, and exhaustive handlers without its last. Returns the code left out
/// of the switch.
fn copy_consumer(from: &Path, to: &Path, catalog: &codegen::Catalog) -> Result<String, String> {
    for name in ["package.json", "tsconfig.json"] {
        copy_file(&from.join(name), &to.join(name))?;
    }
    // The project imports the package by the seed catalog's name; the package has the name of
    // the catalog it was generated from.
    let main = read(&from.join("src").join("main.ts"))?;
    let import = "from \"ai-api-errors\"";
    if !main.contains(import) {
        return Err(format!(
            "{} has no import `{import}`",
            from.join("src").join("main.ts").display()
        ));
    }
    let main = main.replace(import, &format!("from \"{}\"", catalog.name));
    write(&to.join("src").join("main.ts"), &main)?;
    write(
        &to.join("src").join("exhaustive.ts"),
        &exhaustive_switch(catalog, None),
    )?;

    let removed = catalog
        .codes
        .first()
        .map(|c| c.wire.clone())
        .ok_or("the catalog has no code")?;
    write(
        &to.join("broken-switch").join("exhaustive.ts"),
        &exhaustive_switch(catalog, Some(&removed)),
    )?;

    let mut handlers = format!(
        "import type {{ ExhaustiveHandlers }} from \"{}\";\n\n\
         export const handlers: ExhaustiveHandlers<number> = {{\n",
        catalog.name
    );
    let codes = &catalog.codes;
    for code in codes.iter().take(codes.len().saturating_sub(1)) {
        handlers.push_str(&format!("  {}: () => 1,\n", code.wire));
    }
    handlers.push_str("  unknown: () => 0,\n};\n");
    write(&to.join("broken-handlers").join("main.ts"), &handlers)?;

    for variant in ["broken-switch", "broken-handlers"] {
        write(
            &to.join(format!("tsconfig.{variant}.json")),
            &format!(
                "{{\n  \"extends\": \"./tsconfig.json\",\n  \"compilerOptions\": {{ \"rootDir\": \"{variant}\", \"noEmit\": true }},\n  \"include\": [\"{variant}\"]\n}}\n"
            ),
        )?;
    }
    Ok(removed)
}

/// The consumer's `exhaustive.ts`: `categoryOf(code)`, a `switch` with one `case` per code of
/// the catalog (but `left_out`) whose `default` passes the code to a `never` parameter, so that
/// a code without its `case` fails to compile, named by tsc.
fn exhaustive_switch(catalog: &codegen::Catalog, left_out: Option<&str>) -> String {
    let mut out = format!(
        "// Written by `cargo xtask test` from the catalog: one `case` per code of `{name}`.\n\
         import {{ ErrorCode }} from \"{name}\";\n\
         import type {{ Category }} from \"{name}\";\n\n\
         /** The category of a code, one `case` per code: the compiler checks that none is missing. */\n\
         export function categoryOf(code: ErrorCode): Category {{\n  switch (code) {{\n",
        name = catalog.name
    );
    for code in catalog
        .codes
        .iter()
        .filter(|c| Some(c.wire.as_str()) != left_out)
    {
        let category = &catalog.category_of(code).id;
        out.push_str(&format!(
            "    case ErrorCode.{}:\n      return \"{category}\";\n",
            code.wire
        ));
    }
    out.push_str(
        "    default:\n      return unhandled(code);\n  }\n}\n\n\
         function unhandled(code: never): never {\n  \
         throw new Error(`unhandled error code ${String(code)}`);\n}\n",
    );
    out
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn write(path: &Path, contents: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    fs::write(path, contents).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn copy_file(from: &Path, to: &Path) -> Result<(), String> {
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}
