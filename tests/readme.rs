//! README.md shows real code: its Rust example is the one the consumer crate runs
//! (`tests/consumers/rust`, run by `cargo xtask test`), word for word.

use std::fs;

#[test]
fn the_readme_rust_example_is_the_one_the_consumer_runs() {
    let root = catalog_tests::root();
    let readme = fs::read_to_string(root.join("README.md")).expect("README.md");
    let consumer =
        fs::read_to_string(root.join("tests/consumers/rust/src/main.rs")).expect("consumer");
    let start = consumer
        .find("    // README example start\n")
        .expect("start marker");
    let end = consumer
        .find("    // README example end\n")
        .expect("end marker");
    let body: Vec<&str> = consumer[start..end]
        .lines()
        .skip(1)
        .map(|l| l.strip_prefix("    ").unwrap_or(l))
        .collect();
    let use_line = consumer
        .lines()
        .find(|l| l.starts_with("use ai_api_errors::"))
        .expect("use line");
    let example = format!("```rust\n{use_line}\n\n{}\n```", body.join("\n"));
    assert!(
        readme.contains(&example),
        "README.md's Rust example differs from the consumer's:\n{example}"
    );
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
fn the_readme_typescript_example_is_the_one_the_consumer_compiles() {
    let root = catalog_tests::root();
    let readme = fs::read_to_string(root.join("README.md")).expect("README.md");
    let consumer =
        fs::read_to_string(root.join("tests/consumers/typescript/src/main.ts")).expect("consumer");
    let start = consumer
        .find("// README example start\n")
        .expect("start marker");
    let end = consumer
        .find("// README example end\n")
        .expect("end marker");
    let body = consumer[start..end]
        .strip_prefix("// README example start\n")
        .expect("marker line");
    let example = format!("```ts\n{body}```");
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
