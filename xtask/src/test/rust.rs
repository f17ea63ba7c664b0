//! Steps for the generated Rust crate: its own tests, lints and docs, the crates generated from
//! the fixture catalogs, and a consumer crate outside the repository.

use std::ffi::OsStr;
use std::fs;
use std::process::Command;

use super::{Context, Fixture, Step};

pub(crate) fn steps(context: &Context) -> Result<Vec<Step>, String> {
    let root = context.root.as_path();
    let generated_rust = root.join("generated").join("rust");
    let packages_target = context.packages_target.as_os_str();
    let target_env: &[(&str, &OsStr)] = &[("CARGO_TARGET_DIR", packages_target)];
    let manifest = generated_rust.join("Cargo.toml");
    let manifest = manifest.to_string_lossy().into_owned();

    // The crate's static modules are real Rust files a person edits: rustfmt holds them to the
    // crate's edition.
    let mut rustfmt = Command::new("rustfmt");
    rustfmt.args(["--edition", "2021", "--check"]);
    let static_dir = root.join("codegen").join("static").join("rust");
    let mut sources = Vec::new();
    rust_files(&static_dir, &mut sources)?;
    sources.sort();
    rustfmt.args(sources);
    let mut steps = vec![Step::new(
        "static files of the generated Rust crate: rustfmt",
        rustfmt,
    )];
    // The generated crates as a whole are rustfmt-clean too (rustfmt's default configuration),
    // so a workspace that vendors one keeps its format check.
    steps.push(Step::cargo(
        "generated Rust crate: cargo fmt --check",
        root,
        &["fmt", "--check", "--manifest-path", &manifest],
        target_env,
    ));
    for fixture in &context.fixtures {
        let manifest = fixture.out.join("rust").join("Cargo.toml");
        let manifest = manifest.to_string_lossy().into_owned();
        steps.push(Step::cargo(
            format!(
                "crate generated from tests/fixtures/valid/{}.toml: cargo fmt --check",
                fixture.name
            ),
            root,
            &["fmt", "--check", "--manifest-path", &manifest],
            target_env,
        ));
    }
    for (title, features) in [
        ("generated Rust crate: tests, default features", &[][..]),
        (
            "generated Rust crate: tests, all features",
            &["--all-features"][..],
        ),
        (
            "generated Rust crate: tests, no default features",
            &["--no-default-features"][..],
        ),
    ] {
        let mut args = vec!["test", "--manifest-path", &manifest];
        args.extend_from_slice(features);
        steps.push(Step::cargo(title, root, &args, target_env));
    }
    for (title, features) in [
        (
            "generated Rust crate: clippy, all features",
            "--all-features",
        ),
        (
            "generated Rust crate: clippy, no default features",
            "--no-default-features",
        ),
    ] {
        steps.push(Step::cargo(
            title,
            root,
            &[
                "clippy",
                "--manifest-path",
                &manifest,
                "--all-targets",
                features,
                "--",
                "-D",
                "warnings",
            ],
            target_env,
        ));
    }
    steps.push(Step::cargo(
        "generated Rust crate: docs build without warnings",
        root,
        &[
            "doc",
            "--manifest-path",
            &manifest,
            "--all-features",
            "--no-deps",
        ],
        &[
            ("CARGO_TARGET_DIR", packages_target),
            ("RUSTDOCFLAGS", OsStr::new("-D warnings")),
        ],
    ));

    // The crates generated from the valid fixtures (the escaping fixture above all) must build
    // and pass their own tests too, not only match their snapshots.
    steps.extend(
        context
            .fixtures
            .iter()
            .map(|fixture| fixture_tests(context, fixture)),
    );

    // A crate that names the deprecated codes of a fixture sees rustc's deprecation warning for
    // each (the generated crate itself builds without one, as the steps above check).
    for fixture in &context.fixtures {
        let catalog = super::load_catalog(&fixture.catalog)?;
        let deprecated: Vec<String> = catalog
            .codes
            .iter()
            .filter(|c| c.deprecated.is_some())
            .map(|c| codegen::names::rust::variant_name(&c.wire))
            .collect();
        if deprecated.is_empty() {
            continue;
        }
        let krate = codegen::names::rust::crate_name(&catalog.name);
        let dir = context.scratch_dir(&format!("rust-deprecation-{}", fixture.name))?;
        let generated = fixture.out.join("rust");
        let manifest = format!(
            "[package]\nname = \"deprecation-check\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\n{} = {{ path = {:?}, default-features = false }}\n\n[workspace]\n",
            catalog.name,
            generated.to_string_lossy()
        );
        let uses: String = deprecated
            .iter()
            .map(|v| format!("    println!(\"{{}}\", {krate}::ErrorCode::{v});\n"))
            .collect();
        write(&dir.join("Cargo.toml"), &manifest)?;
        write(
            &dir.join("src").join("main.rs"),
            &format!("fn main() {{\n{uses}}}\n"),
        )?;
        let expect = deprecated
            .iter()
            .map(|v| format!("use of deprecated unit variant `{krate}::ErrorCode::{v}`"))
            .collect();
        steps.push(
            Step::cargo(
                format!(
                    "a crate naming the deprecated codes of {} gets rustc's deprecation warnings",
                    fixture.label
                ),
                &dir,
                &["check", "--message-format", "short"],
                target_env,
            )
            .expecting(expect),
        );
    }

    steps.extend(publishing_steps(context)?);

    // A crate in a folder outside the repository that depends on generated/rust by path, as the
    // README shows, and checks it against catalog.toml, which it reads itself. It names no code:
    // the same crate runs on the fixture whose codes, statuses and name differ from the seed's.
    steps.push(consumer_step(
        context,
        "rust-consumer",
        "a crate outside the repository uses generated/rust by path (README's example on every code)",
        &generated_rust,
        &root.join("catalog.toml"),
    )?);
    let fixture = super::consumer_fixture(context)?;
    steps.push(consumer_step(
        context,
        "rust-consumer-fixture",
        &format!(
            "and the same crate on the crate generated from {}",
            fixture.label
        ),
        &fixture.out.join("rust"),
        &fixture.catalog,
    )?);
    Ok(steps)
}

/// `cargo run` of the consumer crate (`tests/consumers/rust`), copied to the scratch folder
/// `name`, on the crate `generated` and the catalog it was generated from.
fn consumer_step(
    context: &Context,
    name: &str,
    title: &str,
    generated: &std::path::Path,
    catalog: &std::path::Path,
) -> Result<Step, String> {
    let consumer = context.scratch_dir(name)?;
    super::copy_consumer(
        &context.root.join("tests").join("consumers").join("rust"),
        &consumer,
        generated,
    )?;
    Ok(Step::cargo(
        title,
        &consumer,
        &["run", "--quiet", "--", &catalog.to_string_lossy()],
        &[("CARGO_TARGET_DIR", context.packages_target.as_os_str())],
    ))
}

/// The manifest of the crate generated from a catalog.
fn fixture_manifest(fixture: &Fixture) -> String {
    fixture
        .out
        .join("rust")
        .join("Cargo.toml")
        .to_string_lossy()
        .into_owned()
}

/// `cargo test` of the crate generated from a catalog (default features), built in
/// `target/packages` with the other generated crates.
pub(crate) fn fixture_tests(context: &Context, fixture: &Fixture) -> Step {
    Step::cargo(
        format!("crate generated from {}: tests", fixture.label),
        &context.root,
        &[
            "test",
            "--quiet",
            "--manifest-path",
            &fixture_manifest(fixture),
        ],
        &[("CARGO_TARGET_DIR", context.packages_target.as_os_str())],
    )
}

/// `cargo clippy --all-targets --all-features -- -D warnings` of the crate generated from a
/// catalog, then `cargo doc` with warnings denied, as for generated/rust.
pub(crate) fn fixture_lints(context: &Context, fixture: &Fixture) -> Vec<Step> {
    let manifest = fixture_manifest(fixture);
    let packages_target = context.packages_target.as_os_str();
    vec![
        Step::cargo(
            format!(
                "crate generated from {}: clippy, all features",
                fixture.label
            ),
            &context.root,
            &[
                "clippy",
                "--quiet",
                "--manifest-path",
                &manifest,
                "--all-targets",
                "--all-features",
                "--",
                "-D",
                "warnings",
            ],
            &[("CARGO_TARGET_DIR", packages_target)],
        ),
        Step::cargo(
            format!(
                "crate generated from {}: docs build without warnings",
                fixture.label
            ),
            &context.root,
            &[
                "doc",
                "--quiet",
                "--manifest-path",
                &manifest,
                "--all-features",
                "--no-deps",
            ],
            &[
                ("CARGO_TARGET_DIR", packages_target),
                ("RUSTDOCFLAGS", OsStr::new("-D warnings")),
            ],
        ),
    ]
}

/// Every `.rs` file under `dir`, recursively.
fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .path();
        if path.is_dir() {
            rust_files(&path, out)?;
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

fn write(path: &std::path::Path, contents: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    fs::write(path, contents).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Every crate whose catalog names a license is packaged and dry-run published (crates.io is
/// asked, nothing is uploaded) without a warning; a crate without one is refused by `cargo
/// publish`.
fn publishing_steps(context: &Context) -> Result<Vec<Step>, String> {
    let root = context.root.as_path();
    let packages_target = context.packages_target.as_os_str();
    let target_env: &[(&str, &OsStr)] = &[("CARGO_TARGET_DIR", packages_target)];
    let mut crates = vec![(
        "generated/rust".to_owned(),
        root.join("generated").join("rust"),
        super::load_catalog(&root.join("catalog.toml"))?,
    )];
    for fixture in &context.fixtures {
        crates.push((
            format!("the crate of tests/fixtures/valid/{}.toml", fixture.name),
            fixture.out.join("rust"),
            super::load_catalog(&fixture.catalog)?,
        ));
    }
    let mut steps = Vec::new();
    for (name, dir, catalog) in &crates {
        let manifest = dir.join("Cargo.toml").to_string_lossy().into_owned();
        let publish = [
            "publish",
            "--dry-run",
            "--allow-dirty",
            "--no-verify",
            "--manifest-path",
            &manifest,
        ];
        if catalog.metadata.is_publishable() {
            steps.push(
                Step::cargo(
                    format!("{name}: cargo package (built from the package) without a warning"),
                    root,
                    &["package", "--allow-dirty", "--manifest-path", &manifest],
                    target_env,
                )
                .warning_free(),
            );
            steps.push(
                Step::cargo(
                    format!("{name}: cargo publish --dry-run without a warning"),
                    root,
                    &publish,
                    target_env,
                )
                .warning_free()
                .expecting(vec!["aborting upload due to dry run".to_owned()]),
            );
        } else {
            steps.push(
                Step::cargo(
                    format!("{name}: no license in the catalog, so cargo publish refuses it"),
                    root,
                    &publish,
                    target_env,
                )
                .failing()
                .expecting(vec!["cannot be published".to_owned()]),
            );
        }
    }
    Ok(steps)
}
