//! Diagnostics of invalid catalogs (`tests/fixtures/invalid/*.toml`, one defect per fixture but
//! `many_problems.toml`), snapshotted as the user sees them.

use std::fs;

#[test]
fn invalid_fixtures_are_rejected_with_these_diagnostics() {
    insta::glob!("fixtures/invalid/*.toml", |path| {
        let text = fs::read_to_string(path).expect("fixture is readable");
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match codegen::load(&name, &text) {
            Ok(_) => panic!("{name} should be rejected"),
            Err(diagnostics) => {
                assert!(
                    !diagnostics.is_empty(),
                    "{name}: rejected without a diagnostic"
                );
                let rendered = diagnostics.render(false);
                for item in &diagnostics.items {
                    assert!(
                        !item.message.is_empty(),
                        "{name}: a diagnostic without a message"
                    );
                    // Each one is headed by its location, `file:line:col:` when it has a span.
                    let head = format!("{}: error: {}", diagnostics.location(item), item.message);
                    assert!(
                        rendered.contains(&head),
                        "{name}: no `{head}` in\n{rendered}"
                    );
                    if item.span.is_some() {
                        assert!(
                            head.starts_with(&format!("{name}:"))
                                && head[name.len() + 1..].starts_with(|c: char| c.is_ascii_digit()),
                            "{head}"
                        );
                    }
                }
                insta::assert_snapshot!(rendered);
            }
        }
    });
}

fn first_line(fixture: &str) -> String {
    let text = fs::read_to_string(catalog_tests::fixture("invalid", fixture)).expect("fixture");
    let diagnostics = codegen::load("catalog.toml", &text).expect_err("rejected");
    diagnostics
        .render(false)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn a_syntax_error_is_located() {
    assert_eq!(
        first_line("syntax_error.toml"),
        "catalog.toml:20:21: error: invalid TOML: invalid basic string"
    );
}

#[test]
fn an_unknown_key_is_located_with_a_suggestion() {
    let text =
        fs::read_to_string(catalog_tests::fixture("invalid", "unknown_key.toml")).expect("fixture");
    let rendered = codegen::load("catalog.toml", &text)
        .expect_err("rejected")
        .render(false);
    assert!(
        rendered
            .starts_with("catalog.toml:22:1: error: unknown key `retryabel` in code `NOT_FOUND`\n"),
        "{rendered}"
    );
    assert!(
        rendered.contains("help: did you mean `retryable`?"),
        "{rendered}"
    );
}

#[test]
fn a_duplicated_code_points_at_both_definitions() {
    let text = fs::read_to_string(catalog_tests::fixture("invalid", "duplicate_code.toml"))
        .expect("fixture");
    let rendered = codegen::load("catalog.toml", &text)
        .expect_err("rejected")
        .render(false);
    assert!(
        rendered.starts_with("catalog.toml:40:8: error: duplicate code `NOT_FOUND`\n"),
        "{rendered}"
    );
    assert!(rendered.contains("first defined here"), "{rendered}");
    assert!(rendered.contains("defined again here"), "{rendered}");
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let text = fs::read_to_string(catalog_tests::fixture("invalid", "many_problems.toml"))
        .expect("fixture");
    let diagnostics = codegen::load("catalog.toml", &text).expect_err("rejected");
    let messages: Vec<&str> = diagnostics
        .items
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "status 418 of code `NOT_FOUND` is not in the status table",
            "unknown key `retryabel` in code `NOT_FOUND`",
            "`message` of code `NOT_FOUND` is empty",
            "code `bad_name` is not valid",
            "`status` in code `bad_name` must be an integer, found a string",
            "code `bad_name` names an unknown category `nope`",
        ]
    );
}
