//! Every file each target generates, snapshotted for each valid fixture catalog
//! (`tests/fixtures/valid/*.toml`, one feature per fixture).

use std::fs;

#[test]
fn valid_fixtures_generate_these_files() {
    insta::glob!("fixtures/valid/*.toml", |path| {
        let text = fs::read_to_string(path).expect("fixture is readable");
        let catalog = match codegen::load("catalog.toml", &text) {
            Ok(catalog) => catalog,
            Err(diagnostics) => panic!("{} should be valid:\n{diagnostics}", path.display()),
        };
        let files = codegen::generate(&catalog).expect("emitters succeed on a valid catalog");
        assert!(!files.is_empty(), "no file generated");
        // Copies of static files are checked against their source below, not snapshotted.
        for file in files
            .iter()
            .filter(|f| static_source(&catalog, f).is_none())
        {
            insta::assert_snapshot!(file.path.replace('/', "__"), file.contents);
        }
    });
}

/// The static file `file` is a verbatim copy of (after the header), if any.
fn static_source(
    catalog: &codegen::Catalog,
    file: &codegen::GeneratedFile,
) -> Option<&'static codegen::emit::StaticFile> {
    use codegen::emit::shared::header::{self, Comment};
    let target = codegen::emit::TARGETS
        .iter()
        .find(|t| file.path.starts_with(&format!("{}/", t.name)))?;
    target.static_files.iter().find(|source| {
        file.contents
            .strip_suffix(source.contents)
            .is_some_and(|head| {
                [Comment::Slashes, Comment::Hashes, Comment::Html]
                    .iter()
                    .any(|style| head.trim_end() == header::comment(catalog, *style).trim_end())
            })
    })
}

/// Every valid fixture and `catalog.toml`, loaded.
fn catalogs() -> Vec<codegen::Catalog> {
    let root = catalog_tests::root();
    let mut paths: Vec<_> = fs::read_dir(root.join("tests/fixtures/valid"))
        .expect("fixtures")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    paths.sort();
    paths.push(root.join("catalog.toml"));
    paths
        .iter()
        .map(|path| {
            let text = fs::read_to_string(path).expect("readable");
            codegen::load("catalog.toml", &text).expect("valid")
        })
        .collect()
}

#[test]
fn every_static_file_is_copied_verbatim_once_into_its_target() {
    let root = catalog_tests::root();
    let mut sources = Vec::new();
    for target in codegen::emit::TARGETS {
        for file in target.static_files {
            assert!(
                file.source.starts_with(&format!("{}/", target.name)),
                "{} lies outside codegen/static/{}/",
                file.source,
                target.name
            );
            let on_disk = fs::read_to_string(root.join("codegen/static").join(file.source))
                .expect("the static file exists");
            assert_eq!(on_disk, file.contents, "{}", file.source);
            sources.push(file.source.to_owned());
        }
    }
    // No file of codegen/static/ is left out of its target.
    let mut stack = vec![root.join("codegen/static")];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path
                    .strip_prefix(root.join("codegen/static"))
                    .expect("under static")
                    .to_string_lossy()
                    .replace('\\', "/");
                assert!(
                    sources.contains(&relative),
                    "{relative} is not a static file of any target"
                );
            }
        }
    }
    for catalog in catalogs() {
        let files = codegen::generate(&catalog).expect("generates");
        for target in codegen::emit::TARGETS {
            for source in target.static_files {
                let copies = files
                    .iter()
                    .filter(|f| {
                        static_source(&catalog, f).is_some_and(|s| s.source == source.source)
                    })
                    .count();
                assert_eq!(
                    copies, 1,
                    "copies of {} for {}",
                    source.source, catalog.name
                );
            }
        }
    }
}

#[test]
fn every_generated_file_has_the_header_and_one_trailing_newline() {
    let text =
        fs::read_to_string(catalog_tests::root().join("catalog.toml")).expect("catalog.toml");
    let catalog = codegen::load("catalog.toml", &text).expect("valid");
    for file in codegen::generate(&catalog).expect("generates") {
        let head: String = file.contents.lines().take(3).collect::<Vec<_>>().join("\n");
        assert!(
            head.contains("@generated by `cargo xtask gen` from `catalog.toml`"),
            "{} lacks the header:\n{head}",
            file.path
        );
        assert!(
            file.contents.ends_with('\n') && !file.contents.ends_with("\n\n"),
            "{}",
            file.path
        );
        assert!(!file.contents.contains('\r'), "{} has a CR", file.path);
    }
}

/// One code of the reference document, with the status its table heading gives, if any.
#[derive(Debug)]
struct ReferenceCode {
    wire: String,
    message: String,
    description: String,
    field: Option<String>,
    /// The statuses of the heading above the table (`502/503 - …` gives two), empty under
    /// headings without one (the field-specific tables).
    statuses: Vec<u16>,
}

/// The reference's statuses and codes (`tests/fixtures/reference/api-error-reference.txt`, the
/// API's error reference as published: one table cell a line, each ending in ` |`).
fn reference() -> (Vec<(u16, String)>, Vec<ReferenceCode>) {
    let path = catalog_tests::root().join("tests/fixtures/reference/api-error-reference.txt");
    let text = fs::read_to_string(&path).expect("the reference is readable");
    let cell = |line: &str| line.strip_suffix(" |").map(str::to_owned);
    let lines: Vec<&str> = text.lines().collect();
    let mut statuses = Vec::new();
    let mut codes = Vec::new();
    let mut heading_statuses: Vec<u16> = Vec::new();
    let mut columns: Vec<String> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if let Some((numbers, _)) = line.split_once(" - ")
            && numbers
                .split('/')
                .all(|n| n.len() == 3 && n.parse::<u16>().is_ok())
        {
            heading_statuses = numbers.split('/').filter_map(|n| n.parse().ok()).collect();
            i += 1;
        } else if line.ends_with("Errors") && cell(line).is_none() {
            // A section heading without a status (`Field-Specific Errors`, `Text Generation
            // Errors`) starts tables whose status the heading does not give.
            heading_statuses.clear();
            i += 1;
        } else if line == "Status |" {
            // The status table: `Status | Description |`, then pairs of cells.
            i += 2;
            while let (Some(code), Some(title)) = (
                lines.get(i).and_then(|l| cell(l)),
                lines.get(i + 1).and_then(|l| cell(l)),
            ) {
                let Ok(code) = code.parse() else { break };
                statuses.push((code, title));
                i += 2;
            }
        } else if line == "Code |" {
            columns.clear();
            while let Some(column) = lines
                .get(i)
                .and_then(|l| cell(l))
                .filter(|c| ["Code", "Message", "Field", "Description"].contains(&c.as_str()))
            {
                columns.push(column);
                i += 1;
            }
        } else if let Some(wire) = cell(line).filter(|c| {
            !columns.is_empty() && c.chars().all(|ch| ch.is_ascii_uppercase() || ch == '_')
        }) {
            let mut row = std::collections::HashMap::new();
            row.insert("Code".to_owned(), wire.clone());
            for (offset, column) in columns.iter().enumerate().skip(1) {
                let value = lines
                    .get(i + offset)
                    .and_then(|l| cell(l))
                    .expect("a full row");
                row.insert(column.clone(), value);
            }
            i += columns.len();
            codes.push(ReferenceCode {
                wire,
                message: row["Message"].clone(),
                description: row["Description"].clone(),
                field: row.get("Field").cloned(),
                statuses: heading_statuses.clone(),
            });
        } else {
            i += 1;
        }
    }
    (statuses, codes)
}

#[test]
fn the_catalog_holds_every_code_and_status_of_the_reference() {
    let text =
        fs::read_to_string(catalog_tests::root().join("catalog.toml")).expect("catalog.toml");
    let catalog = codegen::load("catalog.toml", &text).expect("valid");
    let (statuses, codes) = reference();
    // The parser reads the whole reference: its 10 statuses and 29 codes.
    assert_eq!((statuses.len(), codes.len()), (10, 29));
    for (code, title) in &statuses {
        let status = catalog
            .status(*code)
            .unwrap_or_else(|| panic!("status {code} of the reference is missing"));
        assert_eq!(&status.title, title, "title of status {code}");
    }
    for reference in &codes {
        let code = catalog
            .codes
            .iter()
            .find(|c| c.wire == reference.wire)
            .unwrap_or_else(|| panic!("{} of the reference is missing", reference.wire));
        assert_eq!(code.message, reference.message, "{}", reference.wire);
        assert_eq!(
            code.description, reference.description,
            "{}",
            reference.wire
        );
        assert_eq!(code.field, reference.field, "{}", reference.wire);
        if reference.statuses.is_empty() {
            // The field-specific tables give no status: a request error.
            assert!((400..500).contains(&code.status), "{}", reference.wire);
        } else {
            assert!(
                reference.statuses.contains(&code.status),
                "{} has status {}, the reference says {:?}",
                reference.wire,
                code.status,
                reference.statuses
            );
        }
    }
}
