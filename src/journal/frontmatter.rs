//! Splitting a Markdown file into its YAML front matter and its body.

/// A file split at its front matter fences. Line numbers are 1-based lines of the file.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// The file line of the first YAML line (the line after the opening `---`).
    pub yaml_line: u32,
    pub body: &'a str,
    /// The file line where the body starts.
    pub body_line: u32,
}

#[derive(Debug, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with a `---` line.
    Missing,
    /// No closing `---` line.
    Unclosed,
}

/// Normalises a file's text: drops a UTF-8 byte order mark and turns CRLF into LF,
/// which keeps every line number as it was.
pub fn normalise(text: &str) -> std::borrow::Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Splits normalised text. Only the first closing `---` ends the front matter: a `---`
/// later in the body is a Markdown horizontal rule and stays in the body.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let first_end = text.find('\n').unwrap_or(text.len());
    if !is_fence(&text[..first_end]) {
        return Err(SplitError::Missing);
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut offset = yaml_start;
    for (line, l) in (2u32..).zip(text[yaml_start..].split_inclusive('\n')) {
        if is_fence(l.trim_end_matches('\n')) {
            let body_start = offset + l.len();
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        offset += l.len();
    }
    Err(SplitError::Unclosed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_keeps_later_rules_in_the_body() {
        let s = split("---\ntitle: A\n---\nintro\n\n---\n\nmore\n").unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.body, "intro\n\n---\n\nmore\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn crlf_and_bom_are_accepted() {
        let text = normalise("\u{feff}---\r\ntitle: A\r\n---\r\nbody\r\n");
        let s = split(&text).unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.body, "body\n");
    }

    #[test]
    fn missing_and_unclosed_are_told_apart() {
        assert_eq!(split(""), Err(SplitError::Missing));
        assert_eq!(split("# Title\n"), Err(SplitError::Missing));
        assert_eq!(split("---\ntitle: A\n"), Err(SplitError::Unclosed));
    }

    #[test]
    fn empty_front_matter_is_allowed() {
        let s = split("---\n---\n").unwrap();
        assert_eq!(s.yaml, "");
        assert_eq!(s.body, "");
    }
}
