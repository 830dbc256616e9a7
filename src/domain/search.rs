//! Full-text search that works the same in Chinese, Spanish and English on both engines.
//!
//! Text is normalised in Rust before either engine sees it: compatibility-decomposed, accents
//! stripped (reparación = reparacion), lower-cased, and every CJK character made a token of its
//! own. A Chinese query then becomes a phrase of single characters, which matches exactly the
//! substrings a scan would find, even for one- and two-character words (漏水, 电梯) that
//! trigram indexes never match. Latin words match by prefix.

use crate::{Error, Result};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// A CJK ideograph, kana or hangul syllable: one token per character.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // hiragana, katakana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xAC00..=0xD7AF    // hangul syllables
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0x20000..=0x3FFFF) // extensions B and later
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Cjk(char),
}

fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<Token>| {
        if !word.is_empty() {
            out.push(Token::Word(std::mem::take(word)));
        }
    };
    for c in text.nfkd().filter(|c| !is_combining_mark(*c)) {
        if is_cjk(c) {
            flush(&mut word, &mut out);
            out.push(Token::Cjk(c));
        } else if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else {
            flush(&mut word, &mut out);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// The searchable form of some texts: space-separated normalised tokens.
pub fn index_text<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for part in parts {
        for token in tokens(part) {
            if !out.is_empty() {
                out.push(' ');
            }
            match token {
                Token::Word(w) => out.push_str(&w),
                Token::Cjk(c) => out.push(c),
            }
        }
    }
    out
}

/// One condition of a query: all of them must hold.
#[derive(Debug, Clone, PartialEq)]
pub enum Term {
    /// A Latin or numeric word, matched as a prefix of an indexed word.
    Prefix(String),
    /// A run of CJK characters, matched as adjacent tokens.
    Phrase(Vec<char>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct SearchQuery {
    pub terms: Vec<Term>,
}

impl SearchQuery {
    pub fn parse(query: &str) -> Result<SearchQuery> {
        let mut terms: Vec<Term> = Vec::new();
        for token in tokens(query) {
            match (token, terms.last_mut()) {
                (Token::Cjk(c), Some(Term::Phrase(run))) => run.push(c),
                (Token::Cjk(c), _) => terms.push(Term::Phrase(vec![c])),
                (Token::Word(w), _) => terms.push(Term::Prefix(w)),
            }
            if terms.len() > 32 {
                return Err(Error::invalid("search.too_many_terms").on_field("text").with("max", 32));
            }
        }
        if terms.is_empty() {
            return Err(Error::invalid("search.no_terms").on_field("text").with("value", query));
        }
        Ok(SearchQuery { terms })
    }

    /// SQLite FTS5 MATCH expression: `"漏 水" "repar"*`. Tokens hold only letters and digits,
    /// so quoting them is enough to keep FTS5 syntax out.
    pub fn to_fts5(&self) -> String {
        let parts: Vec<String> = self
            .terms
            .iter()
            .map(|t| match t {
                Term::Prefix(w) => format!("\"{w}\"*"),
                Term::Phrase(run) => {
                    let spaced: Vec<String> = run.iter().map(|c| c.to_string()).collect();
                    format!("\"{}\"", spaced.join(" "))
                }
            })
            .collect();
        parts.join(" ")
    }

    /// PostgreSQL tsquery (config `simple`): `'漏' <-> '水' & 'repar':*`.
    pub fn to_tsquery(&self) -> String {
        let parts: Vec<String> = self
            .terms
            .iter()
            .map(|t| match t {
                Term::Prefix(w) => format!("'{w}':*"),
                Term::Phrase(run) if run.len() == 1 => format!("'{}'", run[0]),
                Term::Phrase(run) => {
                    let spaced: Vec<String> = run.iter().map(|c| format!("'{c}'")).collect();
                    format!("({})", spaced.join(" <-> "))
                }
            })
            .collect();
        parts.join(" & ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_splits_cjk_and_strips_accents() {
        assert_eq!(index_text(["电梯漏水 Reparación URGENTE"]), "电 梯 漏 水 reparacion urgente");
        assert_eq!(index_text(["WO-2026-000123", "ＡＢＣ１２３"]), "wo 2026 000123 abc123");
        assert_eq!(index_text(["Ñandú café"]), "nandu cafe");
    }

    #[test]
    fn queries_become_phrases_and_prefixes() {
        let q = SearchQuery::parse("漏水 repar").unwrap();
        assert_eq!(q.terms, vec![Term::Phrase(vec!['漏', '水']), Term::Prefix("repar".into())]);
        assert_eq!(q.to_fts5(), "\"漏 水\" \"repar\"*");
        assert_eq!(q.to_tsquery(), "('漏' <-> '水') & 'repar':*");
        assert_eq!(SearchQuery::parse("梯").unwrap().to_tsquery(), "'梯'");
    }

    #[test]
    fn punctuation_only_is_refused_not_silently_empty() {
        assert_eq!(SearchQuery::parse("\"*')(").unwrap_err().key, "search.no_terms");
    }

    #[test]
    fn query_syntax_cannot_leak_into_the_engines() {
        let q = SearchQuery::parse("a\" OR b* NEAR(c) 'x' & !y").unwrap();
        for t in &q.terms {
            if let Term::Prefix(w) = t {
                assert!(w.chars().all(char::is_alphanumeric), "{w}");
            }
        }
    }
}
