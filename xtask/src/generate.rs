//! `cargo xtask gen`: the only code that reads the catalog from disk and writes `generated/`.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use codegen::{Diagnostics, GeneratedFile};

/// What to generate, from where, to where.
#[derive(Clone, Debug)]
pub struct Options {
    /// The catalog file.
    pub catalog: PathBuf,
    /// How to name the catalog in diagnostics (the path as the user wrote it).
    pub catalog_display: String,
    /// The output directory (`generated/`).
    pub out: PathBuf,
    /// Compare only; write nothing.
    pub check: bool,
}

/// Why a run failed. Every variant but `RolledBackPartly` means nothing was changed.
#[derive(Debug)]
pub enum Failure {
    /// The catalog could not be read from disk.
    Read { path: PathBuf, error: io::Error },
    /// The catalog is invalid.
    Invalid(Diagnostics),
    /// An emitter failed (a bug in the generator).
    Emit(codegen::EmitError),
    /// Writing the output failed; files already written were left as they were before.
    Write { path: PathBuf, error: io::Error },
    /// Writing failed, and so did restoring some of the files already written (listed).
    RolledBackPartly {
        cause: Box<Failure>,
        unrestored: Vec<PathBuf>,
    },
    /// `--check` found files that differ from what the catalog produces.
    Stale(Vec<Stale>),
}

/// A generated file that does not match the catalog.
#[derive(Debug)]
pub struct Stale {
    /// Path of the file on disk.
    pub path: PathBuf,
    /// How it differs.
    pub kind: StaleKind,
}

/// How a generated file differs from what the catalog produces.
#[derive(Debug)]
pub enum StaleKind {
    /// Its contents differ: a short unified diff from what is on disk to what the catalog
    /// produces.
    Differs(String),
    /// The catalog produces it, but it is not on disk.
    Missing,
    /// It was generated once (it has the header) but the catalog no longer produces it.
    Leftover,
    /// A temporary file of an interrupted run (killed, or out of disk space).
    Temporary,
}

/// The suffix of the temporary file a new content is written to before it replaces the file.
const TEMP_SUFFIX: &str = ".xtask-gen.tmp";
/// The suffix of the name a replaced or removed file keeps until the whole run succeeded.
const BACKUP_SUFFIX: &str = ".xtask-gen.old";
/// The lock file in the output directory that one run at a time holds.
pub const LOCK_FILE: &str = ".xtask-gen.lock";

/// Directories under a target's output that belong to builds and package managers, never to
/// the generator.
const NOT_OURS: &[&str] = &["target", "node_modules", "dist", "build", "__pycache__"];

/// Outcome of one target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetReport {
    /// Target name (`rust`).
    pub target: String,
    /// Files the target produces.
    pub files: usize,
    /// Files written (or, with `--check`, that would be).
    pub changed: Vec<String>,
    /// Files generated earlier that the catalog no longer produces: removed (or, with
    /// `--check`, that would be).
    pub removed: Vec<String>,
}

/// Outcome of a successful run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// One entry per target, in target order.
    pub targets: Vec<TargetReport>,
}

impl Report {
    /// One line per target; `out` is the output directory as the user named it.
    pub fn lines(&self, out: &str, check: bool) -> String {
        let mut text = String::new();
        for t in &self.targets {
            let dir = format!("{}/{}", out.trim_end_matches('/'), t.target);
            let files = plural(t.files, "file");
            let _ = if t.changed.is_empty() && t.removed.is_empty() {
                writeln!(text, "{:<11} {}: up to date ({files})", t.target, dir)
            } else if check {
                let stale = t.changed.len() + t.removed.len();
                writeln!(text, "{:<11} {dir}: {stale} stale of {files}", t.target)
            } else if t.removed.is_empty() {
                let wrote = t.changed.len();
                writeln!(text, "{:<11} {dir}: wrote {wrote} of {files}", t.target)
            } else {
                let (wrote, removed) = (t.changed.len(), t.removed.len());
                writeln!(
                    text,
                    "{:<11} {dir}: wrote {wrote} of {files}, removed {removed} no longer generated",
                    t.target
                )
            };
        }
        text
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Loads, validates and renders the catalog in memory; then writes (or checks) `generated/`.
pub fn run(options: &Options) -> Result<Report, Failure> {
    let bytes = fs::read(&options.catalog).map_err(|error| Failure::Read {
        path: options.catalog.clone(),
        error,
    })?;
    let catalog =
        codegen::load_bytes(&options.catalog_display, &bytes).map_err(Failure::Invalid)?;
    let files = codegen::generate(&catalog).map_err(Failure::Emit)?;
    // One run at a time reads and writes the output directory; another waits for it.
    let out = options.out.display().to_string();
    let _lock = lock_output(&options.out, options.check, &mut || {
        eprintln!("waiting for another `cargo xtask gen` to finish with {out}");
    })
    .map_err(|error| Failure::Write {
        path: options.out.join(LOCK_FILE),
        error,
    })?;

    let mut reports: Vec<TargetReport> = codegen::emit::TARGETS
        .iter()
        .map(|target| TargetReport {
            target: target.name.to_owned(),
            files: 0,
            changed: Vec::new(),
            removed: Vec::new(),
        })
        .collect();
    let mut changed: Vec<(&GeneratedFile, Option<Vec<u8>>)> = Vec::new();
    let mut stale = Vec::new();
    for file in &files {
        let mut report = report_for(&mut reports, &file.path);
        let path = out_path(&options.out, &file.path);
        let current = match fs::read(&path) {
            Ok(bytes) => Some(bytes),
            Err(error) if error.kind() == io::ErrorKind::NotFound => None,
            Err(error) => return Err(Failure::Write { path, error }),
        };
        if let Some(report) = report.as_deref_mut() {
            report.files += 1;
        }
        if current.as_deref() == Some(file.contents.as_bytes()) {
            continue;
        }
        if let Some(report) = report {
            report.changed.push(file.path.clone());
        }
        if options.check {
            let kind = match &current {
                Some(bytes) => StaleKind::Differs(short_diff(
                    &String::from_utf8_lossy(bytes),
                    &file.contents,
                    &file.path,
                )),
                None => StaleKind::Missing,
            };
            stale.push(Stale { path, kind });
        }
        changed.push((file, current));
    }
    let produced: std::collections::BTreeSet<&str> =
        files.iter().map(|f| f.path.as_str()).collect();
    let mut leftovers = Vec::new();
    let mut temporary = Vec::new();
    for report in &mut reports {
        let found = scan(&options.out, &report.target);
        for relative in found.temporary {
            let path = out_path(&options.out, &relative);
            if options.check {
                stale.push(Stale {
                    path: path.clone(),
                    kind: StaleKind::Temporary,
                });
            }
            temporary.push(path);
        }
        for relative in found.generated {
            if produced.contains(relative.as_str()) {
                continue;
            }
            let path = out_path(&options.out, &relative);
            if options.check {
                stale.push(Stale {
                    path: path.clone(),
                    kind: StaleKind::Leftover,
                });
            }
            report.removed.push(relative);
            leftovers.push(path);
        }
    }
    if options.check {
        if !stale.is_empty() {
            return Err(Failure::Stale(stale));
        }
    } else {
        // Temporary files of an interrupted run hold nothing anyone needs.
        for path in &temporary {
            fault()
                .and_then(|()| fs::remove_file(path))
                .map_err(|error| Failure::Write {
                    path: path.clone(),
                    error,
                })?;
        }
        write_all(&options.out, &changed, &leftovers)?;
    }
    Ok(Report { targets: reports })
}

/// The report of the target a generated path belongs to (its first path segment).
fn report_for<'r>(reports: &'r mut [TargetReport], path: &str) -> Option<&'r mut TargetReport> {
    let target = path.split('/').next()?;
    reports.iter_mut().find(|r| r.target == target)
}

/// What [`scan`] finds under a target's output directory.
struct Found {
    /// Files that start with the generated-file header, as `/`-separated paths relative to
    /// `out`.
    generated: Vec<String>,
    /// Temporary files and backups of an interrupted run (hidden files with our suffixes).
    temporary: Vec<String>,
}

/// Walks `out/target`, skipping build and package-manager directories and hidden
/// directories; hidden files count only as temporary files of ours.
fn scan(out: &Path, target: &str) -> Found {
    let mut found = Found {
        generated: Vec::new(),
        temporary: Vec::new(),
    };
    let mut stack = vec![(out.join(target), target.to_owned())];
    while let Some((dir, relative)) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            let child = format!("{relative}/{name}");
            match entry.file_type() {
                Ok(kind)
                    if kind.is_dir()
                        && !name.starts_with('.')
                        && !NOT_OURS.contains(&name.as_str()) =>
                {
                    stack.push((path, child));
                }
                Ok(kind) if kind.is_file() && is_temporary(&name) => found.temporary.push(child),
                Ok(kind) if kind.is_file() && !name.starts_with('.') && is_generated(&path) => {
                    found.generated.push(child);
                }
                _ => {}
            }
        }
    }
    found.generated.sort();
    found.temporary.sort();
    found
}

/// A temporary file or backup this tool names (`.NAME.xtask-gen.tmp`, `.NAME.xtask-gen.old`).
fn is_temporary(name: &str) -> bool {
    name.starts_with('.') && (name.ends_with(TEMP_SUFFIX) || name.ends_with(BACKUP_SUFFIX))
}

/// True when a file starts with the exact header the generator writes (not merely a phrase of
/// it: a hand-written file that quotes the header's words is not ours).
fn is_generated(path: &Path) -> bool {
    use std::io::Read as _;
    let mut head = Vec::with_capacity(1024);
    let Ok(file) = fs::File::open(path) else {
        return false;
    };
    if file.take(1024).read_to_end(&mut head).is_err() {
        return false;
    }
    codegen::emit::shared::header::is_header_of_file(&String::from_utf8_lossy(&head))
}

/// Takes the lock of the output directory: exclusive to write, shared to `--check` (which
/// creates nothing: without a lock file, no run is writing). Calls `on_wait` once when another
/// run holds it, then waits for it.
pub fn lock_output(
    out: &Path,
    check: bool,
    on_wait: &mut dyn FnMut(),
) -> io::Result<Option<fs::File>> {
    let path = out.join(LOCK_FILE);
    let file = if check {
        match fs::File::open(&path) {
            Ok(file) => file,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(error) => return Err(error),
        }
    } else {
        fs::create_dir_all(out)?;
        fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)?
    };
    let tried = if check {
        file.try_lock_shared()
    } else {
        file.try_lock()
    };
    match tried {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            on_wait();
            if check {
                file.lock_shared()?;
            } else {
                file.lock()?;
            }
        }
        Err(fs::TryLockError::Error(error)) => return Err(error),
    }
    Ok(Some(file))
}

fn out_path(out: &Path, relative: &str) -> PathBuf {
    relative
        .split('/')
        .fold(out.to_path_buf(), |p, part| p.join(part))
}

/// Writes every changed file and removes every leftover, or changes nothing:
/// 1. every new content goes to a temporary file beside its target, with the target's
///    permissions;
/// 2. each target that exists is kept under a backup name (a hard link, so the file is never
///    missing) and the temporary file is renamed over it; each leftover is renamed to a backup;
/// 3. once all of that succeeded, the backups are removed.
///
/// Should a step of 1 or 2 fail, every file gets its previous self back by renaming its backup
/// (so contents, permissions and modification times are all as before) and new files are
/// removed. Temporary files and backups an interrupted run leaves (SIGKILL) are recognised by
/// their names and removed by the next run (`--check` reports them).
fn write_all(
    out: &Path,
    files: &[(&GeneratedFile, Option<Vec<u8>>)],
    leftovers: &[PathBuf],
) -> Result<(), Failure> {
    let mut journal = Journal::default();
    let result = stage_and_commit(out, files, leftovers, &mut journal);
    if let Err(failure) = result {
        let unrestored = journal.roll_back();
        return Err(match unrestored.is_empty() {
            true => failure,
            false => Failure::RolledBackPartly {
                cause: Box::new(failure),
                unrestored,
            },
        });
    }
    journal.finish();
    Ok(())
}

fn stage_and_commit(
    out: &Path,
    files: &[(&GeneratedFile, Option<Vec<u8>>)],
    leftovers: &[PathBuf],
    journal: &mut Journal,
) -> Result<(), Failure> {
    let failed = |path: &Path| {
        let path = path.to_path_buf();
        move |error| Failure::Write { path, error }
    };
    let mut staged = Vec::new();
    for (file, previous) in files {
        let path = out_path(out, &file.path);
        let parent = path.parent().unwrap_or(out);
        if !parent.is_dir() {
            fault()
                .and_then(|()| fs::create_dir_all(parent))
                .map_err(failed(parent))?;
        }
        let temp = beside(&path, TEMP_SUFFIX);
        journal.temporary.push(temp.clone());
        fault()
            .and_then(|()| fs::write(&temp, &file.contents))
            .map_err(failed(&temp))?;
        if previous.is_some() {
            // The permissions of the file it replaces (an executable bit, a read-only mode).
            let permissions = fs::metadata(&path).map(|m| m.permissions());
            fault()
                .and(permissions)
                .and_then(|permissions| fs::set_permissions(&temp, permissions))
                .map_err(failed(&path))?;
        }
        staged.push((temp, path, previous.is_some()));
    }
    for (temp, path, existed) in staged {
        if existed {
            let backup = beside(&path, BACKUP_SUFFIX);
            keep_as_backup(&path, &backup).map_err(failed(&path))?;
            journal.replaced.push((backup, path.clone()));
        }
        fault()
            .and_then(|()| fs::rename(&temp, &path))
            .map_err(failed(&path))?;
        journal.temporary.retain(|t| *t != temp);
        if !existed {
            journal.created.push(path);
        }
    }
    for path in leftovers {
        let backup = beside(path, BACKUP_SUFFIX);
        fault()
            .and_then(|()| fs::rename(path, &backup))
            .map_err(failed(path))?;
        journal.removed.push((backup, path.clone()));
    }
    Ok(())
}

/// Keeps `path` under the name `backup` while a new file takes its place: a hard link, or
/// where the file system has none, a rename.
fn keep_as_backup(path: &Path, backup: &Path) -> io::Result<()> {
    fault()?;
    let _ = fs::remove_file(backup);
    fs::hard_link(path, backup).or_else(|_| fs::rename(path, backup))
}

/// `dir/.NAME<suffix>` for `dir/NAME`.
fn beside(path: &Path, suffix: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}{suffix}"))
}

/// What a write did so far, to undo it.
#[derive(Default)]
struct Journal {
    /// Temporary files written and not yet renamed into place.
    temporary: Vec<PathBuf>,
    /// (backup, file) of every file replaced.
    replaced: Vec<(PathBuf, PathBuf)>,
    /// Files that did not exist before.
    created: Vec<PathBuf>,
    /// (backup, file) of every leftover moved away.
    removed: Vec<(PathBuf, PathBuf)>,
}

impl Journal {
    /// Undoes everything; returns the files that could not be restored.
    fn roll_back(self) -> Vec<PathBuf> {
        let mut unrestored = Vec::new();
        for temp in &self.temporary {
            let _ = fs::remove_file(temp);
        }
        for path in &self.created {
            if fs::remove_file(path).is_err() {
                unrestored.push(path.clone());
            }
        }
        for (backup, path) in self.replaced.iter().chain(&self.removed) {
            if fs::rename(backup, path).is_err() {
                unrestored.push(path.clone());
            }
            // When the new file never took its place, backup and file are links to one file,
            // which `rename` leaves both in place: the backup goes.
            if backup.exists() {
                let _ = fs::remove_file(backup);
            }
        }
        unrestored
    }

    /// Removes the backups of a run that succeeded. One that cannot be removed is left for the
    /// next run, which recognises it.
    fn finish(self) {
        for (backup, _) in self.replaced.iter().chain(&self.removed) {
            let _ = fs::remove_file(backup);
        }
    }
}

#[cfg(test)]
thread_local! {
    /// Tests: the number of file-system changes a run may make before the next one fails.
    static FAULT_AFTER: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
}

/// Called before each file-system change of a run (never before one of a roll-back): in tests
/// it fails the change [`FAULT_AFTER`] allows no more.
fn fault() -> io::Result<()> {
    #[cfg(test)]
    {
        if let Some(left) = FAULT_AFTER.get() {
            if left == 0 {
                return Err(io::Error::other("injected fault"));
            }
            FAULT_AFTER.set(Some(left - 1));
        }
    }
    Ok(())
}

/// A unified diff of at most `MAX_LINES` lines.
fn short_diff(old: &str, new: &str, name: &str) -> String {
    const MAX_LINES: usize = 24;
    let diff = similar::TextDiff::from_lines(old, new);
    let text = diff
        .unified_diff()
        .context_radius(2)
        .header(
            &format!("{name} (on disk)"),
            &format!("{name} (from the catalog)"),
        )
        .to_string();
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() <= MAX_LINES {
        text
    } else {
        let mut short = lines[..MAX_LINES].join("\n");
        let _ = write!(short, "\n... {} more diff lines\n", lines.len() - MAX_LINES);
        short
    }
}

impl Failure {
    /// The message in an `--error-format`: diagnostics of an invalid catalog as JSON lines or
    /// GitHub workflow commands; other failures, which have no place in the catalog, as text.
    pub fn render_as(&self, format: codegen::diagnostics::ErrorFormat, styled: bool) -> String {
        match self {
            Failure::Invalid(diagnostics) => diagnostics.render_as(format, styled),
            other => other.render(styled),
        }
    }

    /// The message for the terminal; `styled` adds colour to diagnostics.
    pub fn render(&self, styled: bool) -> String {
        match self {
            Failure::Read { path, error } => format!(
                "error: cannot read the catalog `{}`: {error}\n  = help: pass the catalog with `--catalog PATH`, or run from the repository that has `catalog.toml`\n",
                path.display()
            ),
            Failure::Invalid(diagnostics) => diagnostics.render(styled),
            Failure::Emit(error) => format!("error: {error}\nnothing was written\n"),
            Failure::Write { path, error } => format!(
                "error: cannot write `{}`: {error}\nno generated file was changed\n",
                path.display()
            ),
            Failure::RolledBackPartly { cause, unrestored } => {
                let mut text = cause.render(styled).replace(
                    "no generated file was changed\n",
                    "and undoing the files already written failed for:\n",
                );
                for path in unrestored {
                    let _ = writeln!(text, "  {}", path.display());
                }
                let _ = writeln!(
                    text,
                    "  = help: run `cargo xtask gen` again: it rewrites them and removes its temporary files"
                );
                text
            }
            Failure::Stale(files) => {
                let mut text = String::new();
                for file in files {
                    match &file.kind {
                        StaleKind::Differs(diff) => {
                            let _ = writeln!(text, "stale: {}", file.path.display());
                            for line in diff.lines() {
                                let _ = writeln!(text, "    {line}");
                            }
                        }
                        StaleKind::Missing => {
                            let _ = writeln!(text, "missing: {}", file.path.display());
                        }
                        StaleKind::Temporary => {
                            let _ = writeln!(
                                text,
                                "temporary: {} (left by an interrupted run; `cargo xtask gen` removes it)",
                                file.path.display()
                            );
                        }
                        StaleKind::Leftover => {
                            let _ = writeln!(
                                text,
                                "leftover: {} (generated earlier; the catalog no longer produces it)",
                                file.path.display()
                            );
                        }
                    }
                }
                let _ = writeln!(
                    text,
                    "error: {} generated {} not match the catalog\n  = help: run `cargo xtask gen` and commit the result",
                    plural(files.len(), "file"),
                    if files.len() == 1 { "does" } else { "do" }
                );
                text
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::SystemTime;

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("root")
            .to_path_buf()
    }

    fn options(catalog: &str, out: &Path) -> Options {
        Options {
            catalog: root().join(catalog),
            catalog_display: "catalog.toml".to_owned(),
            out: out.to_path_buf(),
            check: false,
        }
    }

    /// Every file under `dir`: contents, modification time and permissions.
    fn state(dir: &Path) -> Vec<(PathBuf, Vec<u8>, SystemTime, fs::Permissions)> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in fs::read_dir(&dir).expect("list").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let meta = fs::metadata(&path).expect("metadata");
                    let modified = meta.modified().expect("mtime");
                    out.push((
                        path.clone(),
                        fs::read(&path).expect("read"),
                        modified,
                        meta.permissions(),
                    ));
                }
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    #[test]
    fn a_fault_at_any_step_leaves_every_file_as_it_was() {
        let out = tempfile::tempdir().expect("tempdir");
        run(&options("catalog.toml", out.path())).expect("gen");
        // A tree that differs from what the fixture produces in most files, has a leftover, and
        // a file with its own permissions.
        let leftover = out.path().join("rust/src/old.rs");
        fs::write(
            &leftover,
            codegen::emit::shared::header::comment(
                &codegen::load(
                    "catalog.toml",
                    &fs::read_to_string(root().join("catalog.toml")).expect("catalog"),
                )
                .expect("valid"),
                codegen::emit::shared::header::Comment::Slashes,
            ),
        )
        .expect("write");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let lib = out.path().join("rust/src/lib.rs");
            fs::set_permissions(&lib, fs::Permissions::from_mode(0o600)).expect("chmod");
        }
        let before = state(out.path());
        let mut faults = 0;
        for allowed in 0.. {
            FAULT_AFTER.set(Some(allowed));
            let result = run(&options(
                "tests/fixtures/valid/fields_and_order.toml",
                out.path(),
            ));
            FAULT_AFTER.set(None);
            match result {
                Err(failure @ Failure::Write { .. }) => {
                    faults += 1;
                    assert!(
                        failure
                            .render(false)
                            .contains("no generated file was changed")
                    );
                    let after = state(out.path());
                    let differs: Vec<_> = after
                        .iter()
                        .filter(|file| !before.contains(file))
                        .map(|file| file.0.display().to_string())
                        .chain(
                            before
                                .iter()
                                .filter(|file| !after.contains(file))
                                .map(|file| format!("gone: {}", file.0.display())),
                        )
                        .collect();
                    assert!(
                        differs.is_empty(),
                        "a fault after {allowed} changes changed {differs:?}"
                    );
                }
                Err(other) => panic!("{}", other.render(false)),
                Ok(_) => break,
            }
        }
        assert!(faults > 20, "only {faults} fault points");
        // The run that succeeded removed the leftover, kept the permissions and left no
        // temporary file.
        assert!(!leftover.exists());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = fs::metadata(out.path().join("rust/src/lib.rs"))
                .expect("meta")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let found = scan(out.path(), "rust");
        assert!(found.temporary.is_empty(), "{:?}", found.temporary);
        let mut check = options("tests/fixtures/valid/fields_and_order.toml", out.path());
        check.check = true;
        run(&check).expect("fresh");
    }

    #[test]
    fn a_second_writer_waits_for_the_lock() {
        let out = tempfile::tempdir().expect("tempdir");
        let held = lock_output(out.path(), false, &mut || panic!("free lock")).expect("lock");
        let (tx, rx) = std::sync::mpsc::channel();
        let dir = out.path().to_path_buf();
        let waiter = std::thread::spawn(move || {
            let mut notify = Some(tx.clone());
            let lock = lock_output(&dir, false, &mut || {
                if let Some(tx) = notify.take() {
                    let _ = tx.send("waiting");
                }
            });
            let _ = tx.send("locked");
            lock.map(|l| l.is_some())
        });
        let first = rx
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("a message");
        assert_eq!(first, "waiting");
        drop(held);
        assert_eq!(
            rx.recv_timeout(std::time::Duration::from_secs(30))
                .expect("a message"),
            "locked"
        );
        assert!(waiter.join().expect("joins").expect("locks"));
        // `--check` takes a shared lock when a lock file exists, and creates none.
        assert!(
            lock_output(out.path(), true, &mut || panic!("free"))
                .expect("lock")
                .is_some()
        );
        let fresh = tempfile::tempdir().expect("tempdir");
        assert!(
            lock_output(fresh.path(), true, &mut || panic!("free"))
                .expect("lock")
                .is_none()
        );
        assert_eq!(fs::read_dir(fresh.path()).expect("list").count(), 0);
    }
}
