//! Readability scores, reported (never enforced): LIX for Danish, Flesch reading ease for
//! English.

use serde::Serialize;

use crate::dataset::Lang;

/// A readability score and what it means.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Readability {
    /// "LIX" or "Flesch".
    pub measure: &'static str,
    pub score: f64,
    /// The score's band in words, from the catalogue, e.g. "middel", "fairly easy".
    pub band: &'static str,
    pub words: usize,
    pub sentences: usize,
}

impl Readability {
    /// LIX = words/sentences + 100 x (words over 6 letters)/words (Danish);
    /// Flesch = 206.835 - 1.015 x words/sentences - 84.6 x syllables/words (English).
    pub fn of(text: &str, lang: Lang) -> Readability {
        let words: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
            .map(|w| w.trim_matches(|c: char| c == '-' || c == '\''))
            .filter(|w| w.chars().any(char::is_alphabetic))
            .collect();
        let sentences = count_sentences(text);
        let n = words.len().max(1);
        #[allow(clippy::cast_precision_loss)]
        let (nw, ns) = (n as f64, sentences.max(1) as f64);
        match lang {
            Lang::Da => {
                let long = words.iter().filter(|w| w.chars().count() > 6).count();
                #[allow(clippy::cast_precision_loss)]
                let score = nw / ns + 100.0 * long as f64 / nw;
                let b = &crate::i18n::catalogue(lang).paper;
                let band = match score {
                    s if s < 25.0 => b.lix_very_easy,
                    s if s < 35.0 => b.lix_easy,
                    s if s < 45.0 => b.lix_medium,
                    s if s < 55.0 => b.lix_hard,
                    _ => b.lix_very_hard,
                };
                Readability {
                    measure: "LIX",
                    score,
                    band,
                    words: words.len(),
                    sentences,
                }
            }
            // The pseudo-locale reads English.
            Lang::En | Lang::Pseudo => {
                let syllables: usize = words.iter().map(|w| syllables(w)).sum();
                #[allow(clippy::cast_precision_loss)]
                let score = 206.835 - 1.015 * (nw / ns) - 84.6 * (syllables as f64 / nw);
                let b = &crate::i18n::catalogue(lang).paper;
                let band = match score {
                    s if s >= 80.0 => b.flesch_easy,
                    s if s >= 70.0 => b.flesch_fairly_easy,
                    s if s >= 60.0 => b.flesch_plain,
                    s if s >= 50.0 => b.flesch_fairly_difficult,
                    s if s >= 30.0 => b.flesch_difficult,
                    _ => b.flesch_very_difficult,
                };
                Readability {
                    measure: "Flesch",
                    score,
                    band,
                    words: words.len(),
                    sentences,
                }
            }
        }
    }

    /// E.g. "LIX 38 (middel)".
    pub fn summary(&self) -> String {
        format!("{} {:.0} ({})", self.measure, self.score, self.band)
    }
}

/// Sentences end at `.`, `!`, `?` or `:` followed by space or the end, and at line breaks
/// (list items and headings are sentences of their own). Abbreviations like "ca." and
/// "fx." are not sentence ends.
fn count_sentences(text: &str) -> usize {
    const ABBREVIATIONS: &[&str] = &[
        "ca", "fx", "pct", "dvs", "bl.a", "e.g", "i.e", "etc", "mv", "evt",
    ];
    let mut count = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let mut in_line = 0;
        let chars: Vec<char> = line.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            if !matches!(c, '.' | '!' | '?' | ':') {
                continue;
            }
            let at_end = chars.get(i + 1).is_none_or(|n| n.is_whitespace());
            if !at_end {
                continue;
            }
            let word: String = chars[..i]
                .iter()
                .rev()
                .take_while(|c| c.is_alphanumeric() || **c == '.')
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if c == '.' && ABBREVIATIONS.contains(&word.to_lowercase().as_str()) {
                continue;
            }
            in_line += 1;
        }
        let ends_open = !line.trim_end().ends_with(['.', '!', '?', ':']);
        count += in_line + usize::from(ends_open || in_line == 0);
    }
    count.max(1)
}

/// English syllables by vowel groups, less a silent final e; at least one.
fn syllables(word: &str) -> usize {
    let w: Vec<char> = word
        .to_lowercase()
        .chars()
        .filter(char::is_ascii_alphabetic)
        .collect();
    if w.is_empty() {
        return 1;
    }
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut groups = 0;
    let mut prev = false;
    for &c in &w {
        let v = vowel(c);
        if v && !prev {
            groups += 1;
        }
        prev = v;
    }
    if w.len() > 2 && w[w.len() - 1] == 'e' && !vowel(w[w.len() - 2]) && w[w.len() - 2] != 'l' {
        groups -= 1;
    }
    groups.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lix_counts_long_words_and_sentences() {
        // 8 words, 2 sentences, 3 words over 6 letters: 4 + 37.5 = 41.5.
        let r = Readability::of(
            "Lægen fjerner knuden. Behandlingen varer omkring en time.",
            Lang::Da,
        );
        assert_eq!((r.words, r.sentences), (8, 2));
        assert!((r.score - 41.5).abs() < 1e-9, "{r:?}");
        assert_eq!(r.band, "middel");
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let r = Readability::of("Cellerne dør ved ca. 65 grader. Det gør ondt.", Lang::Da);
        assert_eq!(r.sentences, 2);
    }

    #[test]
    fn flesch_of_simple_english_is_easy() {
        let r = Readability::of("The cat sat on the mat. It was a nice day.", Lang::En);
        assert!(r.score > 90.0, "{r:?}");
        assert_eq!(syllables("table"), 2);
        assert_eq!(syllables("embolisation"), 5);
        assert_eq!(syllables("the"), 1);
    }
}
