//! Properties of the loader and the Rust emitter over many generated inputs (no failure file
//! written): arbitrary bytes and near-valid catalogs never panic the loader and every
//! diagnostic's spans lie inside the text (10,000 cases each); arbitrary valid catalogs render
//! Rust that parses (2,500 cases: syn and prettyplease are not optimised in the dev profile, so
//! a case costs 25–60 ms and the property about a minute of one core; `PROPTEST_CASES` sets
//! another count). A few of those valid catalogs, drawn by proptest's
//! deterministic runner, are written out for `cargo xtask test`, which generates every target
//! from them and builds each package with its language's strict tools
//! (`write_sample_catalogs`, ignored by a plain `cargo test`).

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};

const CASES: u32 = 10_000;

fn config() -> Config {
    Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    }
}

/// The loader's result, checked: spans inside the text and rendering that does not panic.
fn check_loaded(
    result: Result<codegen::Catalog, codegen::Diagnostics>,
) -> Result<(), TestCaseError> {
    if let Err(diagnostics) = result {
        prop_assert!(!diagnostics.is_empty());
        let len = diagnostics.source.len();
        for item in &diagnostics.items {
            let spans = item.span.iter().chain(item.context.iter().map(|(s, _)| s));
            for span in spans {
                prop_assert!(
                    span.start <= span.end && span.end <= len,
                    "{span:?} of {len}"
                );
            }
        }
        let rendered = diagnostics.render(false);
        prop_assert!(rendered.ends_with("nothing was written\n"));
    }
    Ok(())
}

fn minimal() -> String {
    std::fs::read_to_string(catalog_tests::fixture("valid", "minimal.toml")).expect("fixture")
}

/// Characters that matter to TOML and to the checks.
const TOML_CHARS: &[char] = &[
    '[', ']', '{', '}', '"', '\'', '=', '.', ',', '\n', '\r', '#', '\\', ' ', '0', '4', 'a', 'Z',
    '_', '-', '\t', '\u{202E}', '\u{200B}', 'é', '🚀',
];

#[derive(Clone, Debug)]
enum Mutation {
    Delete(usize, usize),
    Insert(usize, String),
    DuplicateLine(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let text = prop::collection::vec(prop::sample::select(TOML_CHARS), 1..6)
        .prop_map(|chars| chars.into_iter().collect::<String>());
    prop_oneof![
        (any::<usize>(), 1..8usize).prop_map(|(at, len)| Mutation::Delete(at, len)),
        (any::<usize>(), text).prop_map(|(at, text)| Mutation::Insert(at, text)),
        any::<usize>().prop_map(Mutation::DuplicateLine),
    ]
}

fn apply(text: &str, mutations: &[Mutation]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for mutation in mutations {
        match mutation {
            Mutation::Delete(at, len) => {
                let at = at % (chars.len() + 1);
                let end = (at + len).min(chars.len());
                chars.drain(at..end);
            }
            Mutation::Insert(at, text) => {
                let at = at % (chars.len() + 1);
                chars.splice(at..at, text.chars());
            }
            Mutation::DuplicateLine(n) => {
                let text: String = chars.iter().collect();
                let lines: Vec<&str> = text.split_inclusive('\n').collect();
                let line = lines[n % lines.len()].to_owned();
                let at: usize = lines[..n % lines.len()]
                    .iter()
                    .map(|l| l.chars().count())
                    .sum();
                chars.splice(at..at, line.chars());
            }
        }
    }
    chars.into_iter().collect()
}

/// A TOML basic string holding `text`.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text a catalog accepts: any characters but controls and bidirectional controls, between two
/// letters (so never blank nor padded); with `lines`, line breaks too.
fn catalog_text(lines: bool) -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..24).prop_map(move |chars| {
        let inner: String = chars
            .into_iter()
            .filter(|&c| (lines && c == '\n') || !c.is_control())
            .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'))
            .collect();
        format!("m{inner}m")
    })
}

#[derive(Clone, Debug)]
struct CodeSpec {
    word: String,
    status: u16,
    message: String,
    description: String,
    field: Option<String>,
    retryable: Option<bool>,
}

fn code_spec() -> impl Strategy<Value = CodeSpec> {
    (
        prop::collection::vec(prop::char::range('A', 'Z'), 1..6),
        prop::sample::select(&[400u16, 404, 429, 500, 503][..]),
        catalog_text(false),
        catalog_text(true),
        prop::option::of(catalog_text(false)),
        prop::option::of(any::<bool>()),
    )
        .prop_map(
            |(word, status, message, description, field, retryable)| CodeSpec {
                word: word.into_iter().collect(),
                status,
                message,
                description,
                field,
                retryable,
            },
        )
}

fn catalog_of(title: &str, codes: &[CodeSpec]) -> String {
    let mut text = minimal();
    let start = text.find("[codes.").expect("codes");
    let envelope = text.find("[envelope]").expect("envelope");
    let mut codes_text = String::new();
    for (i, code) in codes.iter().enumerate() {
        codes_text.push_str(&format!(
            "[codes.CODE_{i}_{}]\nstatus = {}\ncategory = \"request\"\nmessage = {}\ndescription = {}\n",
            code.word,
            code.status,
            toml_string(&code.message),
            toml_string(&code.description)
        ));
        if let Some(field) = &code.field {
            codes_text.push_str(&format!("field = {}\n", toml_string(field)));
        }
        if let Some(retryable) = code.retryable {
            codes_text.push_str(&format!("retryable = {retryable}\n"));
        }
        codes_text.push('\n');
    }
    text.replace_range(start..envelope, &codes_text);
    text.replace(
        "[statuses]\n",
        &format!(
            "[statuses]\n400 = {{ title = {} }}\n429 = {{ title = \"Slow down\" }}\n500 = {{ title = \"Server\" }}\n503 = {{ title = \"Busy\" }}\n",
            toml_string(title)
        ),
    )
}

/// An arbitrary valid catalog: its first status's title and its codes (see `catalog_of`).
fn valid_catalog() -> impl Strategy<Value = (String, Vec<CodeSpec>)> {
    (
        catalog_text(false),
        prop::collection::vec(code_spec(), 1..4),
    )
}

/// The cases of the slow property: `PROPTEST_CASES` or 2,500.
fn rendering_config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2_500);
    Config { cases, ..config() }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_never_panic_the_loader(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        check_loaded(codegen::load_bytes("catalog.toml", &bytes))?;
    }

    #[test]
    fn near_valid_catalogs_never_panic_the_loader(mutations in prop::collection::vec(mutation(), 1..4)) {
        let text = apply(&minimal(), &mutations);
        check_loaded(codegen::load("catalog.toml", &text))?;
    }

}

proptest! {
    #![proptest_config(rendering_config())]

    #[test]
    fn valid_catalogs_render_rust_that_parses((title, codes) in valid_catalog()) {
        let text = catalog_of(&title, &codes);
        let catalog = match codegen::load("catalog.toml", &text) {
            Ok(catalog) => catalog,
            Err(diagnostics) => return Err(TestCaseError::fail(format!("rejected:\n{diagnostics}\n{text}"))),
        };
        let rust = codegen::emit::TARGETS.iter().find(|t| t.name == "rust").expect("rust target");
        let files = (rust.generate)(&catalog).map_err(|e| TestCaseError::fail(e.to_string()))?;
        for file in files.iter().filter(|f| f.path.ends_with(".rs")) {
            if let Err(error) = syn::parse_file(&file.contents) {
                return Err(TestCaseError::fail(format!("{}: {error}", file.path)));
            }
        }
    }
}

/// Writes `SAMPLE_COUNT` (3 by default) valid catalogs drawn from `valid_catalog` by proptest's
/// deterministic runner, the same ones on every run, to `$SAMPLE_CATALOGS/property_sample_N.toml`
/// (catalog name `property-sample-N`, so that their packages never share a name), and prints
/// their paths. `cargo xtask test --only samples` runs it, then generates every target from
/// each file and builds them as it builds the valid fixtures'.
#[test]
#[ignore = "run by `cargo xtask test --only samples`, which builds what the catalogs generate"]
fn write_sample_catalogs() {
    let dir = std::env::var_os("SAMPLE_CATALOGS")
        .map(std::path::PathBuf::from)
        .expect("SAMPLE_CATALOGS names the directory to write the sample catalogs to");
    let count: usize = std::env::var("SAMPLE_COUNT")
        .ok()
        .map(|n| n.parse().expect("SAMPLE_COUNT is a number"))
        .unwrap_or(3);
    std::fs::create_dir_all(&dir).expect("the sample directory");
    let strategy = valid_catalog();
    let mut runner = TestRunner::deterministic();
    let minimal_name = "name = \"minimal-errors\"\n";
    assert!(minimal().contains(minimal_name), "minimal.toml's name");
    for n in 1..=count {
        let (title, codes) = strategy
            .new_tree(&mut runner)
            .expect("a sample catalog")
            .current();
        let text = catalog_of(&title, &codes).replacen(
            minimal_name,
            &format!("name = \"property-sample-{n}\"\n"),
            1,
        );
        if let Err(diagnostics) = codegen::load("catalog.toml", &text) {
            panic!("sample {n} is rejected:\n{diagnostics}\n{text}");
        }
        let path = dir.join(format!("property_sample_{n}.toml"));
        std::fs::write(&path, &text).expect("the sample catalog");
        println!("{}", path.display());
    }
}
