//! Maps item paths (`treatments[2].rules[0].when`) to their line and column in the RON text,
//! so that semantic errors point where the maintainer has to edit.
//!
//! serde does not keep positions, so this is a small, forgiving scanner over the RON
//! syntax: it only needs to follow nesting, field names and list indices. It never fails;
//! on text it does not understand it simply records fewer paths.

use std::cell::OnceCell;
use std::collections::HashMap;

/// A 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

/// Positions of the items of one RON document.
#[derive(Debug, Default)]
pub struct Spans {
    /// Where each item starts (for a struct field: its name).
    map: HashMap<String, Pos>,
    /// Where each item's value starts (for a struct field: after the colon).
    values: HashMap<String, Pos>,
}

impl Spans {
    pub fn scan(text: &str) -> Spans {
        let mut s = Scanner {
            chars: text.chars().collect(),
            i: 0,
            line: 1,
            col: 1,
            map: HashMap::new(),
            values: HashMap::new(),
        };
        s.skip_ws();
        // A document may start with `#![enable(...)]` attributes.
        while s.peek() == Some('#') {
            while let Some(c) = s.bump() {
                if c == ']' {
                    break;
                }
            }
            s.skip_ws();
        }
        s.value(String::new());
        Spans {
            map: s.map,
            values: s.values,
        }
    }

    /// The position of `path`, or of its nearest recorded ancestor.
    pub fn find(&self, path: &str) -> Pos {
        let mut p = path;
        loop {
            if let Some(pos) = self.map.get(p) {
                return *pos;
            }
            match p.rfind(['.', '[']) {
                Some(cut) => p = &p[..cut],
                None => return self.map.get("").copied().unwrap_or(Pos { line: 1, col: 1 }),
            }
        }
    }

    /// Where the value of `path` starts (the opening quote of a string), if recorded.
    pub fn value(&self, path: &str) -> Option<Pos> {
        self.values.get(path).copied()
    }

    /// The exact position of `path`, if it was recorded.
    pub fn get(&self, path: &str) -> Option<Pos> {
        self.map.get(path).copied()
    }
}

/// Spans scanned on first use: only an error needs a position, so a dataset that
/// validates is never scanned (the scan was over half of loading the shipped dataset).
pub struct LazySpans<'a> {
    text: &'a str,
    spans: OnceCell<Spans>,
}

impl<'a> LazySpans<'a> {
    pub fn new(text: &'a str) -> Self {
        LazySpans {
            text,
            spans: OnceCell::new(),
        }
    }

    pub fn get(&self) -> &Spans {
        self.spans.get_or_init(|| Spans::scan(self.text))
    }
}

struct Scanner {
    chars: Vec<char>,
    i: usize,
    line: usize,
    col: usize,
    map: HashMap<String, Pos>,
    values: HashMap<String, Pos>,
}

impl Scanner {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).copied()
    }

    fn peek_at(&self, k: usize) -> Option<char> {
        self.chars.get(self.i + k).copied()
    }

    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            col: self.col,
        }
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.i += 1;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn skip_ws(&mut self) {
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(c), _) if c.is_whitespace() => {
                    self.bump();
                }
                (Some('/'), Some('/')) => {
                    while let Some(c) = self.bump() {
                        if c == '\n' {
                            break;
                        }
                    }
                }
                (Some('/'), Some('*')) => {
                    self.bump();
                    self.bump();
                    let mut depth = 1;
                    while depth > 0 {
                        match (self.bump(), self.peek()) {
                            (None, _) => return,
                            (Some('*'), Some('/')) => {
                                self.bump();
                                depth -= 1;
                            }
                            (Some('/'), Some('*')) => {
                                self.bump();
                                depth += 1;
                            }
                            _ => {}
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn ident(&mut self) -> String {
        let mut s = String::new();
        while let Some(c) = self.peek() {
            if c.is_alphanumeric() || c == '_' {
                s.push(c);
                self.bump();
            } else {
                break;
            }
        }
        s
    }

    fn string(&mut self) -> String {
        // At the opening quote.
        self.bump();
        let mut s = String::new();
        while let Some(c) = self.bump() {
            match c {
                '"' => break,
                '\\' => {
                    if let Some(e) = self.bump() {
                        s.push(e);
                    }
                }
                c => s.push(c),
            }
        }
        s
    }

    fn raw_string(&mut self) {
        // At `r`.
        self.bump();
        let mut hashes = 0;
        while self.peek() == Some('#') {
            self.bump();
            hashes += 1;
        }
        self.bump(); // opening quote
        'outer: while let Some(c) = self.bump() {
            if c == '"' {
                for k in 0..hashes {
                    if self.peek_at(k) != Some('#') {
                        continue 'outer;
                    }
                }
                for _ in 0..hashes {
                    self.bump();
                }
                return;
            }
        }
    }

    /// Scans one value and records `path` at its start.
    fn value(&mut self, path: String) {
        self.skip_ws();
        let here = self.pos();
        self.map.entry(path.clone()).or_insert(here);
        self.values.entry(path.clone()).or_insert(here);
        match self.peek() {
            Some('"') => {
                self.string();
            }
            Some('r') if matches!(self.peek_at(1), Some('#' | '"')) => self.raw_string(),
            Some('\'') => {
                self.bump();
                while let Some(c) = self.bump() {
                    if c == '\\' {
                        self.bump();
                    } else if c == '\'' {
                        break;
                    }
                }
            }
            Some('(') => self.group(&path, ')'),
            Some('[') => self.group(&path, ']'),
            Some('{') => self.group(&path, '}'),
            Some(c) if c.is_alphabetic() || c == '_' => {
                self.ident();
                self.skip_ws();
                if self.peek() == Some('(') {
                    self.group(&path, ')');
                }
            }
            Some(_) => {
                // Numbers and other atoms run until a delimiter.
                while let Some(c) = self.peek() {
                    if matches!(c, ',' | ')' | ']' | '}') || c.is_whitespace() {
                        break;
                    }
                    self.bump();
                }
            }
            None => {}
        }
    }

    /// Scans `( ... )`, `[ ... ]` or `{ ... }`; the cursor is at the opening delimiter.
    fn group(&mut self, path: &str, close: char) {
        self.bump();
        let mut index = 0usize;
        loop {
            self.skip_ws();
            match self.peek() {
                None => return,
                Some(c) if c == close => {
                    self.bump();
                    return;
                }
                Some(',') => {
                    self.bump();
                    continue;
                }
                Some(')' | ']' | '}') => {
                    // Mismatched delimiter: stop here, the parser reports it.
                    return;
                }
                _ => {}
            }
            let start = self.i;
            let item_path = match close {
                ']' => format!("{path}[{index}]"),
                '}' => {
                    // Map entry: key, then `:` and the value.
                    let key = if self.peek() == Some('"') {
                        self.string()
                    } else {
                        self.ident()
                    };
                    self.skip_ws();
                    if self.peek() == Some(':') {
                        self.bump();
                    }
                    join(path, &key)
                }
                _ => {
                    // Struct field `name: value`, or a positional (tuple) item.
                    let at = self.pos();
                    let name = self.ident();
                    self.skip_ws();
                    if !name.is_empty() && self.peek() == Some(':') && self.peek_at(1) != Some(':')
                    {
                        self.bump();
                        let p = join(path, &name);
                        self.map.entry(p.clone()).or_insert(at);
                        p
                    } else {
                        // Not a field: rewind and scan as a value.
                        self.rewind(start, at);
                        if index == 0 {
                            path.to_owned()
                        } else {
                            format!("{path}.{index}")
                        }
                    }
                }
            };
            self.value(item_path);
            index += 1;
            if self.i == start {
                // No progress: skip a character so scanning always terminates.
                self.bump();
            }
        }
    }

    fn rewind(&mut self, i: usize, pos: Pos) {
        self.i = i;
        self.line = pos.line;
        self.col = pos.col;
    }
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"// comment
Dataset(
    id: "x",
    treatments: [
        (id: "a", rules: [Rule(when: "lesions > 3", verdict: caution)]),
        Treatment(
            id: "b", /* block */
            answers: { "what": NotStated, "how": Stated(text: (da: "d", en: "e")) },
            interpretation: Some((da: "x", en: "y")),
        ),
    ],
)"#;

    #[test]
    fn finds_fields_list_items_and_map_entries() {
        let s = Spans::scan(DOC);
        assert_eq!(s.get("id"), Some(Pos { line: 3, col: 5 }));
        assert_eq!(s.get("treatments[0]"), Some(Pos { line: 5, col: 9 }));
        assert_eq!(
            s.get("treatments[0].rules[0].when"),
            Some(Pos { line: 5, col: 32 })
        );
        assert_eq!(s.get("treatments[1].id"), Some(Pos { line: 7, col: 13 }));
        assert_eq!(
            s.get("treatments[1].answers.how.text.en"),
            Some(Pos { line: 8, col: 73 })
        );
        assert_eq!(
            s.get("treatments[1].interpretation.da"),
            Some(Pos { line: 9, col: 35 })
        );
    }

    #[test]
    fn records_where_values_start() {
        let s = Spans::scan(DOC);
        assert_eq!(
            s.value("treatments[0].rules[0].when"),
            Some(Pos { line: 5, col: 38 })
        );
    }

    #[test]
    fn falls_back_to_the_nearest_ancestor() {
        let s = Spans::scan(DOC);
        assert_eq!(
            s.find("treatments[1].rules[4].reason"),
            s.get("treatments[1]").unwrap()
        );
    }

    #[test]
    fn survives_garbage() {
        for text in [
            "",
            "(",
            "[[[",
            "\"unterminated",
            "(a: r#\"x",
            "{ : }",
            ")))",
        ] {
            let _ = Spans::scan(text);
        }
    }
}
