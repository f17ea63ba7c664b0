//! The committed `generated/` must be exactly what `catalog.toml` produces, so a plain
//! `cargo test` catches a catalog change that was not followed by `cargo xtask gen`.

#[test]
fn committed_generated_tree_matches_the_catalog() {
    let root = catalog_tests::root();
    let options = xtask::generate::Options {
        catalog: root.join("catalog.toml"),
        catalog_display: "catalog.toml".to_owned(),
        out: root.join("generated"),
        check: true,
    };
    if let Err(failure) = xtask::generate::run(&options) {
        panic!("{}", failure.render(false));
    }
}
