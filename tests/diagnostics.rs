//! Diagnostics of invalid catalogs (`tests/fixtures/invalid/*.toml`, one defect per fixture but
//! `many_problems.toml`), snapshotted as the user sees them.

use std::fs;

#[test]
fn invalid_fixtures_are_rejected_with_these_diagnostics() {
    insta::glob!("fixtures/invalid/*.toml", |path| {
        let bytes = fs::read(path).expect("fixture is readable");
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match codegen::load_bytes(&name, &bytes) {
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

/// The diagnostics of an invalid fixture, its file named `catalog.toml`.
fn diagnostics_of(fixture: &str) -> codegen::Diagnostics {
    let bytes = fs::read(catalog_tests::fixture("invalid", fixture)).expect("fixture");
    codegen::load_bytes("catalog.toml", &bytes).expect_err("rejected")
}

/// The messages of an invalid fixture's diagnostics, in order.
fn messages_of(fixture: &str) -> Vec<String> {
    diagnostics_of(fixture)
        .items
        .into_iter()
        .map(|d| d.message)
        .collect()
}

fn first_line(fixture: &str) -> String {
    let diagnostics = diagnostics_of(fixture);
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

#[test]
fn there_are_at_least_forty_invalid_fixtures_each_with_its_defect_said_in_a_comment() {
    let dir = catalog_tests::root().join("tests/fixtures/invalid");
    let mut count = 0;
    for entry in fs::read_dir(dir).expect("fixtures").flatten() {
        let bytes = fs::read(entry.path()).expect("fixture");
        assert!(
            bytes.starts_with(b"# "),
            "{}: say the defect in a first-line comment",
            entry.path().display()
        );
        count += 1;
    }
    assert!(count >= 40, "only {count} invalid fixtures");
}

#[test]
fn a_status_key_not_written_as_the_status_is_rejected() {
    for fixture in ["status_key_leading_zero.toml", "status_key_plus.toml"] {
        let messages = messages_of(fixture);
        assert_eq!(messages.len(), 1, "{fixture}: {messages:?}");
        assert!(
            messages[0].starts_with("status key `")
                && messages[0].ends_with("is not written as a status"),
            "{fixture}: {messages:?}"
        );
    }
}

#[test]
fn a_text_of_zero_width_spaces_is_empty() {
    assert_eq!(
        messages_of("zero_width_message.toml"),
        ["`message` of code `NOT_FOUND` is empty"]
    );
}

#[test]
fn package_names_python_cannot_import_or_registries_cannot_hold_are_rejected() {
    let stdlib = messages_of("stdlib_package_name.toml");
    assert_eq!(stdlib.len(), 1, "{stdlib:?}");
    assert!(
        stdlib[0].contains("`http`") && stdlib[0].contains("python"),
        "{stdlib:?}"
    );
    assert_eq!(
        messages_of("long_package_name.toml"),
        ["package name is 329 characters long, more than 64"]
    );
    assert_eq!(
        messages_of("huge_version.toml"),
        ["version `18446744073709551616.0.0` is not valid"]
    );
}

#[test]
fn an_unclosed_bracket_is_one_error_where_it_opens() {
    let diagnostics = diagnostics_of("unclosed_inline_table.toml");
    assert_eq!(diagnostics.len(), 1, "{diagnostics}");
    assert!(
        diagnostics.render(false).starts_with(
            "catalog.toml:11:7: error: invalid TOML: an inline table is never closed\n"
        ),
        "{diagnostics}"
    );
    let header = diagnostics_of("unclosed_table_header.toml");
    assert_eq!(header.len(), 1, "{header}");
    assert!(
        first_line("unclosed_table_header.toml").starts_with("catalog.toml:13:1: error:"),
        "{header}"
    );
}

#[test]
fn an_unterminated_multi_line_string_and_a_deep_key_are_located_where_they_are() {
    assert_eq!(
        first_line("unterminated_multi_line_string.toml"),
        "catalog.toml:21:15: error: invalid TOML: a multi-line string is never closed"
    );
    let deep = diagnostics_of("deep_dotted_key.toml");
    assert_eq!(deep.len(), 1, "{deep}");
    assert_eq!(
        first_line("deep_dotted_key.toml"),
        "catalog.toml:23:1: error: invalid TOML: this key or value nests too deep"
    );
}

#[test]
fn a_defect_is_reported_once_without_follow_on_errors() {
    assert_eq!(
        messages_of("bidi_in_category_title.toml"),
        [
            "`title` of category `request` contains U+202E, a bidirectional control character, which can make the text display differently from what it is"
        ]
    );
    assert_eq!(
        messages_of("status_not_a_table.toml"),
        ["status 404 must be a table, found a string"]
    );
}

#[test]
fn a_missing_format_does_not_hide_the_other_problems() {
    assert_eq!(
        messages_of("missing_format_and_more.toml"),
        [
            "the catalog does not say which format it uses",
            "code `NOT_FOUND` names an unknown category `requests`",
        ]
    );
}

#[test]
fn a_catalog_that_is_not_utf8_is_located_at_its_first_bad_byte() {
    let rendered = diagnostics_of("not_utf8.toml").render(false);
    assert!(
        rendered
            .starts_with("catalog.toml:21:48: error: the catalog is not valid UTF-8: byte 0xE9"),
        "{rendered}"
    );
    assert!(!rendered.contains("--catalog"), "{rendered}");
}

#[test]
fn crlf_line_ends_read_as_lf_ones() {
    let text =
        fs::read_to_string(catalog_tests::fixture("valid", "minimal.toml")).expect("fixture");
    let text = text.replace(
        "description = \"A catalog with a single code.\"",
        "description = \"\"\"A catalog\nwith a single code.\"\"\"",
    );
    let crlf = text.replace('\n', "\r\n");
    let lf = codegen::load("catalog.toml", &text).expect("valid with LF");
    let crlf = codegen::load("catalog.toml", &crlf).expect("valid with CRLF");
    assert!(lf.description.contains('\n'));
    assert_eq!(
        codegen::generate(&crlf).expect("generates"),
        codegen::generate(&lf).expect("generates")
    );
}

#[test]
fn many_diagnostics_render_each_with_its_own_lines_only() {
    // 5,000 codes, each with an unknown key: every diagnostic shows its own few lines, so
    // rendering grows with the number of problems, not with problems times catalog length.
    let mut text =
        fs::read_to_string(catalog_tests::fixture("valid", "minimal.toml")).expect("fixture");
    for i in 0..5_000 {
        text.push_str(&format!(
            "\n[codes.CODE_{i}]\nstatus = 404\ncategory = \"request\"\nmessage = \"m\"\ndescription = \"d\"\ncolour = 1\n"
        ));
    }
    let Err(diagnostics) = codegen::load("catalog.toml", &text) else {
        panic!("rejected");
    };
    assert!(diagnostics.len() >= 5_000, "{}", diagnostics.len());
    let index = codegen::diagnostics::LineIndex::new(&diagnostics.source);
    let shown: usize = diagnostics
        .items
        .iter()
        .flat_map(|d| diagnostics.windows(&index, d))
        .map(|w| w.bytes.len())
        .sum();
    assert!(
        shown < 40 * diagnostics.len(),
        "{shown} bytes of snippets for {} diagnostics",
        diagnostics.len()
    );
    let rendered = diagnostics.render(false);
    assert_eq!(
        rendered.matches(": error: unknown key `colour`").count(),
        5_000
    );
}
