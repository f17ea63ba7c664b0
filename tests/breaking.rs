//! `codegen::breaking` on the fixture pairs of `tests/fixtures/breaking/<rule>/{old,new}.toml`:
//! each `new.toml` makes one change to its `old.toml`, and the directory names the rule that must
//! classify it (`unchanged` has none). The reports, as text and as release notes, are
//! snapshotted; every rule has its pair.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use codegen::breaking::{self, Level, RULES};

fn load(path: &Path) -> (codegen::Catalog, String) {
    let text = fs::read_to_string(path).expect("fixture is readable");
    let catalog = codegen::load("new.toml", &text)
        .unwrap_or_else(|d| panic!("{} is valid:\n{d}", path.display()));
    (catalog, text)
}

#[test]
fn every_pair_is_classified_by_the_rule_it_is_named_after() {
    insta::glob!("fixtures/breaking/*/new.toml", |path| {
        let dir = path.parent().expect("a pair's directory");
        let rule = dir
            .file_name()
            .map(|n| n.to_string_lossy().to_uppercase())
            .unwrap_or_default();
        let (old, _) = load(&dir.join("old.toml"));
        let (new, text) = load(path);
        let report = breaking::compare(&old, &new, &text);
        let rules: Vec<&str> = report.changes.iter().map(|c| c.rule.id).collect();
        if rule == "UNCHANGED" {
            assert!(report.changes.is_empty(), "{rules:?}");
            assert!(report.passed());
        } else {
            assert!(rules.contains(&rule.as_str()), "{rule} not in {rules:?}");
            // The verdict follows the levels: an error fails; otherwise the pair's version is
            // the one its changes need, so it passes unless the pair is about the version.
            let failing = report.changes.iter().any(|c| c.rule.level == Level::Error);
            assert_eq!(report.passed(), !failing, "{rule}");
        }
        // Changes that have a place in the new file are located there.
        for change in &report.changes {
            if let Some(span) = &change.span {
                assert!(span.end <= text.len(), "{rule}: {span:?}");
            }
        }
        let rendered = format!(
            "{}\n--- markdown ---\n{}",
            breaking::render_text(&report, "new.toml", &text),
            breaking::render_markdown(&report, &new)
        );
        insta::assert_snapshot!(rendered);
    });
}

#[test]
fn every_rule_has_a_fixture_pair() {
    let dir = catalog_tests::root().join("tests/fixtures/breaking");
    let pairs: BTreeSet<String> = fs::read_dir(&dir)
        .expect("fixture pairs")
        .map(|e| {
            e.expect("entry")
                .file_name()
                .to_string_lossy()
                .to_uppercase()
        })
        .collect();
    let missing: Vec<&str> = RULES
        .iter()
        .map(|r| r.id)
        .filter(|id| !pairs.contains(*id))
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a fixture pair: {missing:?}"
    );
}

#[test]
fn json_reports_hold_every_change_with_its_rule_level_and_location() {
    let dir = catalog_tests::root().join("tests/fixtures/breaking/code_retryable_changed");
    let (old, _) = load(&dir.join("old.toml"));
    let (new, text) = load(&dir.join("new.toml"));
    let report = breaking::compare(&old, &new, &text);
    let json: serde_json::Value =
        serde_json::from_str(&breaking::render_json(&report, "new.toml", &text)).expect("JSON");
    assert_eq!(json["passed"], false);
    assert_eq!(json["required_bump"], "MAJOR");
    let changes = json["changes"].as_array().expect("changes");
    assert_eq!(changes.len(), report.changes.len());
    let flip = changes
        .iter()
        .find(|c| c["rule"] == "CODE_RETRYABLE_CHANGED")
        .expect("the flip");
    assert_eq!(flip["level"], "breaking");
    let line = text
        .lines()
        .position(|l| l.starts_with("retryable"))
        .expect("a retryable line")
        + 1;
    assert_eq!(flip["location"]["line"], line);
}
