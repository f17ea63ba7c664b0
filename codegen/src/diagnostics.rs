//! Located diagnostics, rendered like a compiler's:
//!
//! ```text
//! catalog.toml:12:1: error: unknown key `retryabel` in code `QUOTA_EXCEEDED`
//!    |
//! 12 | retryabel = false
//!    | ^^^^^^^^^ unknown key
//!    |
//!    = help: did you mean `retryable`?
//! ```

use std::fmt::Write as _;
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
    let offset = floor_char_boundary(source, offset.min(source.len()));
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = source[line_start..offset].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

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
        match &diagnostic.span {
            Some(span) => {
                let (line, col) = line_col(&self.source, span.start);
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
        let mut out = String::new();
        for diagnostic in &self.items {
            out.push_str(&self.render_one(diagnostic, &renderer));
            out.push_str("\n\n");
        }
        let count = self.items.len();
        let _ = writeln!(
            out,
            "error: could not load `{}`: {count} error{} found; nothing was written",
            self.source_name,
            if count == 1 { "" } else { "s" }
        );
        out
    }

    fn render_one(&self, d: &Diagnostic, renderer: &Renderer) -> String {
        let title = format!("{}: error: {}", self.location(d), d.message);
        let mut group = Group::with_title(Level::ERROR.no_name().primary_title(title));
        if let Some(span) = &d.span {
            let span = clamp(&self.source, span.clone());
            let mut primary = AnnotationKind::Primary.span(span);
            if let Some(label) = &d.label {
                primary = primary.label(label.as_str());
            }
            let mut snippet = Snippet::source(self.source.as_str())
                .fold(true)
                .annotation(primary);
            for (span, label) in &d.context {
                let span = clamp(&self.source, span.clone());
                snippet =
                    snippet.annotation(AnnotationKind::Context.span(span).label(label.as_str()));
            }
            group = group.element(snippet);
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
