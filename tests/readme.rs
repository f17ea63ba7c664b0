//! README.md shows real code: its Rust and TypeScript examples are the ones the consumer
//! projects (`tests/consumers/{rust,typescript}`, run by `cargo xtask test` on every code of the
//! catalog) compile and run, word for word. Neither names a code of the catalog, so they hold
//! for any catalog.

use std::fs;

/// The lines of `source` between its `// README example start` and `// README example end`
/// lines, as a Markdown code block of `language`.
fn marked_example(source: &str, language: &str) -> String {
    let start = "// README example start\n";
    let (_, rest) = source.split_once(start).expect("start marker");
    let (body, _) = rest
        .split_once("// README example end\n")
        .expect("end marker");
    format!("```{language}\n{body}```")
}

#[test]
fn the_readme_rust_example_is_the_one_the_consumer_runs() {
    let root = catalog_tests::root();
    let readme = fs::read_to_string(root.join("README.md")).expect("README.md");
    let consumer =
        fs::read_to_string(root.join("tests/consumers/rust/src/main.rs")).expect("consumer");
    let example = marked_example(&consumer, "rust");
    assert!(
        readme.contains(&example),
        "README.md's Rust example differs from the consumer's:\n{example}"
    );
}

#[test]
fn the_readme_examples_name_no_code_so_that_any_catalog_runs_them() {
    let root = catalog_tests::root();
    let text = fs::read_to_string(root.join("catalog.toml")).expect("catalog.toml");
    let catalog = codegen::load("catalog.toml", &text).expect("catalog.toml loads");
    let rust = marked_example(
        &fs::read_to_string(root.join("tests/consumers/rust/src/main.rs")).expect("consumer"),
        "rust",
    );
    let typescript = marked_example(
        &fs::read_to_string(root.join("tests/consumers/typescript/src/main.ts")).expect("consumer"),
        "ts",
    );
    for code in &catalog.codes {
        let wire = &code.wire;
        let variant = codegen::names::rust::variant_name(wire);
        let member = codegen::names::typescript::member_name(wire);
        for (example, name) in [
            (&rust, format!("\"{wire}\"")),
            (&rust, format!("ErrorCode::{variant}")),
            (&typescript, format!("\"{wire}\"")),
            (&typescript, format!("ErrorCode.{member}")),
            (&typescript, format!("{wire}:")),
        ] {
            assert!(
                !example.contains(&name),
                "README.md's example names {name}: it would stop compiling or pass wrongly \
                 when the catalog renames or retires that code"
            );
        }
    }
}

#[test]
fn the_readme_names_the_two_commands_and_ci_runs_the_test_command() {
    let root = catalog_tests::root();
    let readme = fs::read_to_string(root.join("README.md")).expect("README.md");
    assert!(readme.contains("cargo xtask gen     # compile catalog.toml into generated/"));
    assert!(readme.contains("cargo xtask test    # run every test"));
    let ci = fs::read_to_string(root.join(".ci/run")).expect(".ci/run");
    assert!(ci.lines().any(|l| l.trim() == "cargo xtask test"), "{ci}");
}

#[test]
fn the_readme_typescript_example_is_the_one_the_consumer_runs() {
    let root = catalog_tests::root();
    let readme = fs::read_to_string(root.join("README.md")).expect("README.md");
    let consumer =
        fs::read_to_string(root.join("tests/consumers/typescript/src/main.ts")).expect("consumer");
    let example = marked_example(&consumer, "ts");
    assert!(
        readme.contains(&example),
        "README.md's TypeScript example differs from the consumer's:\n{example}"
    );
}

#[test]
fn the_readme_lists_every_rule_of_the_breaking_check_under_its_level() {
    let readme = fs::read_to_string(catalog_tests::root().join("README.md")).expect("README.md");
    for rule in codegen::breaking::RULES {
        let row = readme
            .lines()
            .find(|l| l.starts_with(&format!("| {} |", rule.level.name())))
            .unwrap_or_else(|| panic!("no row for the level {}", rule.level.name()));
        assert!(
            row.contains(&format!("`{}`", rule.id)),
            "{} not in {row}",
            rule.id
        );
    }
}
