//! Located diagnostics, rendered like a compiler's:
//!
//! ```text
//! catalog.toml:12:1: error: unknown key `retryabel` in code `QUOTA_USED_UP`
//!    |
//! 12 | retryabel = false
//!    | ^^^^^^^^^ unknown key
//!    |
//!    = help: did you mean `retryable`?
//! ```

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// One problem found in a catalog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// What is wrong, in one line.
    pub message: String,
    /// Where, as a byte range of the catalog text; `None` for problems of the whole file.
    pub span: Option<Range<usize>>,
    /// A short label under the primary span.
    pub label: Option<String>,
    /// Other places that explain the problem (e.g. where a duplicate was first defined).
    pub context: Vec<(Range<usize>, String)>,
    /// Notes shown below the snippet (why it is a problem).
    pub notes: Vec<String>,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic at `span`.
    pub fn error(message: impl Into<String>, span: Range<usize>) -> Self {
        Self {
            message: message.into(),
            span: Some(span),
            label: None,
            context: Vec::new(),
            notes: Vec::new(),
            help: None,
        }
    }

    /// A diagnostic about the whole file.
    pub fn file_error(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            span: None,
            label: None,
            context: Vec::new(),
            notes: Vec::new(),
            help: None,
        }
    }

    /// Adds the label under the primary span.
    #[must_use]
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds a secondary span with a label.
    #[must_use]
    pub fn context(mut self, span: Range<usize>, label: impl Into<String>) -> Self {
        self.context.push((span, label.into()));
        self
    }

    /// Adds a note.
    #[must_use]
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Sets the fix-it hint.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// Every problem found in one catalog, with the text needed to show them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostics {
    /// Name of the catalog as shown in locations (e.g. `catalog.toml`).
    pub source_name: String,
    /// The catalog text.
    pub source: String,
    /// The problems, sorted by position (file-wide ones first).
    pub items: Vec<Diagnostic>,
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(source).line_col(source, offset)
}

/// Where each line of a text starts, so that a location costs a binary search and the length of
/// its own line, not a pass over the text before it.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `source` (one pass).
    pub fn new(source: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        Self { starts }
    }

    /// 0-based line of a byte offset.
    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset) - 1
    }

    /// 1-based line and column (in characters) of a byte offset of `source`.
    pub fn line_col(&self, source: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        let line = self.line_of(offset);
        let col = source[self.starts[line]..offset].chars().count() + 1;
        (line + 1, col)
    }

    /// The byte range of the lines holding `span`, without the last line break.
    fn lines_of(&self, source: &str, span: &Range<usize>) -> (usize, Range<usize>) {
        let first = self.line_of(span.start.min(source.len()));
        let last = self.line_of(span.end.min(source.len()));
        let end = self
            .starts
            .get(last + 1)
            .map_or(source.len(), |&next| next - 1);
        (first, self.starts[first]..end.max(self.starts[first]))
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// How diagnostics are printed (`cargo xtask gen --error-format`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ErrorFormat {
    /// For people: rustc's style, with the catalog's lines and carets.
    #[default]
    Text,
    /// For tools: one JSON object per line with file, line, column, end, severity, message,
    /// label, notes and help.
    Json,
    /// For GitHub Actions: one `::error file=…,line=…::…` workflow command per problem, which
    /// a pull request shows on the catalog's line.
    Github,
}

impl ErrorFormat {
    /// The names `--error-format` takes.
    pub const NAMES: &[&str] = &["text", "json", "github"];

    /// The format of a name of [`Self::NAMES`].
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "text" => Some(Self::Text),
            "json" => Some(Self::Json),
            "github" => Some(Self::Github),
            _ => None,
        }
    }
}

/// A part of the catalog shown under a diagnostic: its first line number (1-based) and bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Window {
    /// Number of the window's first line.
    pub first_line: usize,
    /// The whole lines shown, as a byte range of the catalog.
    pub bytes: Range<usize>,
}

/// Spans this many lines apart or closer are shown in one snippet; farther ones get their own.
const JOIN_LINES: usize = 4;

impl Diagnostics {
    /// Sorts items by position so output is stable and reads top to bottom.
    pub fn new(source_name: &str, source: &str, mut items: Vec<Diagnostic>) -> Self {
        items.sort_by_key(|d| d.span.as_ref().map(|s| (s.start, s.end)));
        items.dedup();
        Self {
            source_name: source_name.to_owned(),
            source: source.to_owned(),
            items,
        }
    }

    /// Number of problems.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when there is no problem.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The `file:line:col` location of a diagnostic.
    pub fn location(&self, diagnostic: &Diagnostic) -> String {
        self.location_in(&LineIndex::new(&self.source), diagnostic)
    }

    fn location_in(&self, index: &LineIndex, diagnostic: &Diagnostic) -> String {
        match &diagnostic.span {
            Some(span) => {
                let (line, col) = index.line_col(&self.source, span.start);
                format!("{}:{line}:{col}", self.source_name)
            }
            None => self.source_name.clone(),
        }
    }

    /// Renders every diagnostic followed by a summary line; with `styled`, uses ANSI colours.
    pub fn render(&self, styled: bool) -> String {
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let index = LineIndex::new(&self.source);
        let mut out = String::new();
        for diagnostic in &self.items {
            out.push_str(&self.render_one(&index, diagnostic, &renderer));
            out.push_str("\n\n");
        }
        out.push_str(&self.summary());
        out
    }

    /// Renders in `format`; with `styled`, the text format uses ANSI colours.
    pub fn render_as(&self, format: ErrorFormat, styled: bool) -> String {
        match format {
            ErrorFormat::Text => self.render(styled),
            ErrorFormat::Json => self.render_json(),
            ErrorFormat::Github => self.render_github(),
        }
    }

    fn summary(&self) -> String {
        let count = self.items.len();
        format!(
            "error: could not load `{}`: {count} error{} found; nothing was written\n",
            self.source_name,
            if count == 1 { "" } else { "s" }
        )
    }

    /// One JSON object per line, one line per diagnostic. Lines and columns are 1-based
    /// (columns in characters); a problem of the whole file has `null` ones.
    pub fn render_json(&self) -> String {
        let index = LineIndex::new(&self.source);
        let mut out = String::new();
        for d in &self.items {
            let (start, end) = match &d.span {
                Some(span) => (
                    Some(index.line_col(&self.source, span.start)),
                    Some(index.line_col(&self.source, span.end)),
                ),
                None => (None, None),
            };
            let object = serde_json::json!({
                "file": self.source_name,
                "line": start.map(|p| p.0),
                "column": start.map(|p| p.1),
                "end_line": end.map(|p| p.0),
                "end_column": end.map(|p| p.1),
                "severity": "error",
                "message": d.message,
                "label": d.label,
                "notes": d.notes,
                "help": d.help,
            });
            out.push_str(&object.to_string());
            out.push('\n');
        }
        out
    }

    /// GitHub Actions workflow commands: `::error file=F,line=L,col=C,endLine=…,endColumn=…,
    /// title=…::message` (notes and help on further lines of the message), then the summary.
    pub fn render_github(&self) -> String {
        let index = LineIndex::new(&self.source);
        let mut out = String::new();
        for d in &self.items {
            let mut properties = vec![format!("file={}", github_property(&self.source_name))];
            if let Some(span) = &d.span {
                let (line, col) = index.line_col(&self.source, span.start);
                let (end_line, end_col) = index.line_col(&self.source, span.end);
                properties.push(format!("line={line},col={col}"));
                properties.push(format!("endLine={end_line},endColumn={end_col}"));
            }
            properties.push("title=invalid catalog".to_owned());
            let mut message = d.message.clone();
            for note in &d.notes {
                message.push_str(&format!("\nnote: {note}"));
            }
            if let Some(help) = &d.help {
                message.push_str(&format!("\nhelp: {help}"));
            }
            out.push_str(&format!(
                "::error {}::{}\n",
                properties.join(","),
                github_data(&message)
            ));
        }
        out.push_str(&self.summary());
        out
    }

    /// The parts of the catalog shown under `d`: the lines of its primary span, with the
    /// context spans within [`JOIN_LINES`] lines of it, then each farther context span's own
    /// lines. Only these lines go to the renderer, so showing a diagnostic costs the length of
    /// its lines, not of the catalog.
    pub fn windows(&self, index: &LineIndex, d: &Diagnostic) -> Vec<Window> {
        let Some(primary) = &d.span else {
            return Vec::new();
        };
        let mut windows: Vec<Window> = Vec::new();
        let spans = std::iter::once(primary).chain(d.context.iter().map(|(span, _)| span));
        for span in spans {
            let span = clamp(&self.source, span.clone());
            let (first, bytes) = index.lines_of(&self.source, &span);
            let first_line = first + 1;
            let last_line = index.line_of(bytes.end) + 1;
            if let Some(near) = windows.iter_mut().find(|w| {
                let w_last = index.line_of(w.bytes.end) + 1;
                first_line <= w_last + JOIN_LINES && w.first_line <= last_line + JOIN_LINES
            }) {
                let start = near.bytes.start.min(bytes.start);
                let end = near.bytes.end.max(bytes.end);
                near.first_line = near.first_line.min(first_line);
                near.bytes = start..end;
                continue;
            }
            windows.push(Window { first_line, bytes });
        }
        windows.sort_by_key(|w| w.first_line);
        windows
    }

    fn render_one(&self, index: &LineIndex, d: &Diagnostic, renderer: &Renderer) -> String {
        let title = format!("{}: error: {}", self.location_in(index, d), d.message);
        let mut group = Group::with_title(Level::ERROR.no_name().primary_title(title));
        if let Some(primary_span) = &d.span {
            let annotations = std::iter::once((
                clamp(&self.source, primary_span.clone()),
                d.label.as_deref(),
                true,
            ))
            .chain(d.context.iter().map(|(span, label)| {
                (
                    clamp(&self.source, span.clone()),
                    Some(label.as_str()),
                    false,
                )
            }));
            let windows = self.windows(index, d);
            let mut snippets: Vec<Snippet<'_, _>> = windows
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let snippet = Snippet::source(&self.source[w.bytes.clone()])
                        .line_start(w.first_line)
                        .fold(true);
                    // Later parts of the file are headed by its name, as rustc does.
                    if i == 0 {
                        snippet
                    } else {
                        snippet.path(self.source_name.as_str())
                    }
                })
                .collect();
            for (span, label, primary) in annotations {
                let Some(at) = windows
                    .iter()
                    .position(|w| w.bytes.start <= span.start && span.end <= w.bytes.end + 1)
                else {
                    continue;
                };
                let base = windows[at].bytes.start;
                let end = (span.end - base).min(windows[at].bytes.len());
                let local = (span.start - base).min(end)..end;
                let kind = if primary {
                    AnnotationKind::Primary
                } else {
                    AnnotationKind::Context
                };
                let mut annotation = kind.span(local);
                if let Some(label) = label {
                    annotation = annotation.label(label);
                }
                let snippet = snippets.remove(at);
                snippets.insert(at, snippet.annotation(annotation));
            }
            for snippet in snippets {
                group = group.element(snippet);
            }
        }
        for note in &d.notes {
            group = group.element(Level::NOTE.message(note.as_str()));
        }
        if let Some(help) = &d.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        renderer.render(&[group])
    }
}

/// Escapes the message of a GitHub workflow command.
fn github_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a GitHub workflow command.
fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Keeps a span inside the text and on character boundaries; an empty span at the end of the
/// text is widened to the last character so a caret can point at it.
fn clamp(source: &str, span: Range<usize>) -> Range<usize> {
    let end = floor_char_boundary(source, span.end.min(source.len()));
    let start = floor_char_boundary(source, span.start.min(end));
    if start == end && start == source.len() && start > 0 {
        let prev = floor_char_boundary(source, start - 1);
        return prev..start;
    }
    start..end
}

impl std::fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "a = 1\nb = \"é\" x\n";
        let x = text.find('x').unwrap_or_default();
        assert_eq!(line_col(text, x), (2, 9));
        assert_eq!(line_col(text, 0), (1, 1));
    }

    #[test]
    fn rendering_starts_with_file_line_col() {
        let text = "format = 1\nbogus = true\n";
        let d = Diagnostic::error("unknown key `bogus`", 11..16)
            .label("unknown key")
            .help("remove it");
        let rendered = Diagnostics::new("catalog.toml", text, vec![d]).render(false);
        assert!(
            rendered.starts_with("catalog.toml:2:1: error: unknown key `bogus`\n"),
            "{rendered}"
        );
        assert!(rendered.contains("2 | bogus = true"), "{rendered}");
        assert!(rendered.contains("^^^^^ unknown key"), "{rendered}");
        assert!(rendered.contains("= help: remove it"), "{rendered}");
        assert!(
            rendered.ends_with("1 error found; nothing was written\n"),
            "{rendered}"
        );
    }

    #[test]
    fn an_empty_span_at_the_end_still_gets_a_caret() {
        let text = "x = [";
        let rendered = Diagnostics::new(
            "c.toml",
            text,
            vec![Diagnostic::error("unclosed array", 5..5)],
        )
        .render(false);
        assert!(
            rendered.starts_with("c.toml:1:6: error: unclosed array"),
            "{rendered}"
        );
        assert!(rendered.contains('^'), "{rendered}");
    }
}
