//! Fonts for measuring and drawing chart text: the system's fonts found at run time by pure-Rust
//! discovery (fontdb), with a small bundled Latin font as the last resort.
//!
//! Text is measured glyph by glyph from the real advance widths, choosing for each character the
//! first face in the chain that has it (a Latin face, then a CJK face, then the bundled one).
//! That is the same per-character fallback a browser applies to the SVG's `font-family` list, so
//! the positions computed here match what the webview draws on the same machine.

use std::sync::Arc;

use ab_glyph::{Font, FontRef, GlyphId};

/// DejaVu Sans cut down to Latin; see `fonts/LICENSE-DejaVu.txt`.
const BUNDLED_LATIN: &[u8] = include_bytes!("../fonts/DejaVuSans-Latin.ttf");
const BUNDLED_FAMILY: &str = "DejaVu Sans";

/// Latin families tried in order; the first one installed measures Latin text.
const LATIN_FAMILIES: &[&str] =
    &["DejaVu Sans", "Noto Sans", "Liberation Sans", "Segoe UI", "Helvetica Neue", "Helvetica", "Arial"];

/// CJK families tried in order; Simplified Chinese first because that is the UI's CJK locale.
const CJK_FAMILIES: &[&str] = &[
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Noto Sans SC",
    "SimHei",
    "Noto Sans CJK JP",
];

/// Which script a face was chosen for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FaceRole {
    /// A system font chosen for Latin text.
    Latin,
    /// A system font chosen for Chinese (CJK) text.
    Cjk,
    /// The font compiled into this crate.
    Bundled,
}

/// One usable face: its bytes (a whole file, which may be a collection) and its index in them.
struct LoadedFace {
    family: String,
    role: FaceRole,
    data: Arc<dyn AsRef<[u8]> + Send + Sync>,
    index: u32,
}

/// The measured size of a line of text at a given pixel size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextSize {
    /// Advance width in pixels.
    pub width: f64,
    /// Distance from the baseline up to the top of the line box, in pixels.
    pub ascent: f64,
    /// Distance from the baseline down to the bottom of the line box, in pixels (positive).
    pub descent: f64,
}

impl TextSize {
    /// Line height: ascent plus descent.
    pub fn height(&self) -> f64 {
        self.ascent + self.descent
    }
}

/// The fonts charts are measured and drawn with. Build it once (discovery reads every installed
/// font's names, tens of milliseconds) and share it between renders.
pub struct FontBook {
    faces: Vec<LoadedFace>,
}

impl FontBook {
    /// Discovers the system's fonts and picks a Latin and a CJK face; the bundled Latin font is
    /// always appended as the last fallback, so this never fails.
    pub fn discover() -> Self {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        Self::from_database(&db)
    }

    /// Uses only the bundled Latin font, as on a machine with no fonts installed.
    pub fn bundled_only() -> Self {
        Self { faces: vec![bundled_face()] }
    }

    /// Picks faces from an already loaded database (lets tests point at chosen font folders).
    pub fn from_database(db: &fontdb::Database) -> Self {
        let mut faces = Vec::new();
        for (role, families) in [(FaceRole::Latin, LATIN_FAMILIES), (FaceRole::Cjk, CJK_FAMILIES)] {
            if let Some(face) = find_face(db, families, role) {
                faces.push(face);
            }
        }
        faces.push(bundled_face());
        Self { faces }
    }

    /// The family chosen for a role, if one was found.
    pub fn family(&self, role: FaceRole) -> Option<&str> {
        self.faces.iter().find(|f| f.role == role).map(|f| f.family.as_str())
    }

    /// True when a system CJK face was found, so Chinese text has real glyphs.
    pub fn has_cjk(&self) -> bool {
        self.family(FaceRole::Cjk).is_some()
    }

    /// The CSS `font-family` list, in fallback order, for the SVG's text.
    pub fn css_font_family(&self) -> String {
        let mut names: Vec<String> = Vec::new();
        for face in &self.faces {
            let quoted = format!("'{}'", face.family.replace('\'', ""));
            if !names.contains(&quoted) {
                names.push(quoted);
            }
        }
        names.push("sans-serif".to_owned());
        names.join(", ")
    }

    /// Parses the faces for a batch of measuring or drawing; parsing only reads table headers.
    pub fn fonts(&self) -> Fonts<'_> {
        let faces = self
            .faces
            .iter()
            .filter_map(|f| FontRef::try_from_slice_and_index((*f.data).as_ref(), f.index).ok())
            .collect::<Vec<_>>();
        // The bundled font is known to parse, so the chain is never empty.
        let faces = if faces.is_empty() { vec![bundled_font()] } else { faces };
        Fonts::new(faces)
    }

    /// Measures one line of text at `size` pixels (the CSS font-size).
    pub fn measure(&self, text: &str, size: f64) -> TextSize {
        self.fonts().measure(text, size)
    }
}

/// The parsed face chain, borrowed from a [`FontBook`] for one render.
pub struct Fonts<'a> {
    faces: Vec<FontRef<'a>>,
    /// Largest ascent and descent over the chain, per em, so every line gets the same box.
    ascent_em: f64,
    descent_em: f64,
}

/// One positioned glyph: which face, which glyph, and its pen offset in pixels.
pub struct PlacedGlyph {
    pub face: usize,
    pub glyph: GlyphId,
    pub x: f64,
}

impl<'a> Fonts<'a> {
    fn new(faces: Vec<FontRef<'a>>) -> Self {
        let (mut ascent_em, mut descent_em) = (0.0f64, 0.0f64);
        for face in &faces {
            let em = f64::from(face.units_per_em().unwrap_or(1000.0));
            ascent_em = ascent_em.max(f64::from(face.ascent_unscaled()) / em);
            descent_em = descent_em.max(-f64::from(face.descent_unscaled()) / em);
        }
        Self { faces, ascent_em, descent_em }
    }

    /// The parsed face at a chain position.
    pub fn face(&self, index: usize) -> &FontRef<'a> {
        &self.faces[index]
    }

    /// Pixels per font unit for a face at a pixel size.
    pub fn scale(&self, face: usize, size: f64) -> f64 {
        size / f64::from(self.faces[face].units_per_em().unwrap_or(1000.0))
    }

    /// The face and glyph that draw `c`: the first face that has it, else the last face's .notdef.
    fn pick(&self, c: char) -> (usize, GlyphId) {
        for (i, face) in self.faces.iter().enumerate() {
            let id = face.glyph_id(c);
            if id.0 != 0 {
                return (i, id);
            }
        }
        (self.faces.len() - 1, GlyphId(0))
    }

    /// Lays glyphs out along the baseline from x = 0 (no shaping: charts' labels need none).
    pub fn place(&self, text: &str, size: f64) -> (Vec<PlacedGlyph>, f64) {
        let mut glyphs = Vec::with_capacity(text.len());
        let mut pen = 0.0;
        let mut previous: Option<(usize, GlyphId)> = None;
        for c in text.chars().filter(|c| !c.is_control()) {
            let (face, glyph) = self.pick(c);
            let scale = self.scale(face, size);
            // Kerning pairs only exist within one face.
            if let Some((_, prev_glyph)) = previous.filter(|(f, _)| *f == face) {
                pen += f64::from(self.faces[face].kern_unscaled(prev_glyph, glyph)) * scale;
            }
            glyphs.push(PlacedGlyph { face, glyph, x: pen });
            pen += f64::from(self.faces[face].h_advance_unscaled(glyph)) * scale;
            previous = Some((face, glyph));
        }
        (glyphs, pen)
    }

    /// Measures one line of text at `size` pixels.
    pub fn measure(&self, text: &str, size: f64) -> TextSize {
        let (_, width) = self.place(text, size);
        TextSize { width, ascent: self.ascent_em * size, descent: self.descent_em * size }
    }

    /// Shortens `text` with an ellipsis until it fits `max_width` pixels.
    pub fn fit(&self, text: &str, size: f64, max_width: f64) -> String {
        if self.measure(text, size).width <= max_width {
            return text.to_owned();
        }
        let chars: Vec<char> = text.chars().collect();
        // Binary search on the kept prefix length: widths grow with the prefix.
        let (mut lo, mut hi) = (0usize, chars.len());
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            let candidate: String = chars[..mid].iter().chain(['…'].iter()).collect();
            if self.measure(&candidate, size).width <= max_width {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        if lo == 0 {
            return "…".to_owned();
        }
        chars[..lo].iter().chain(['…'].iter()).collect()
    }
}

fn find_face(db: &fontdb::Database, families: &[&str], role: FaceRole) -> Option<LoadedFace> {
    let names: Vec<fontdb::Family<'_>> = families.iter().map(|n| fontdb::Family::Name(n)).collect();
    let query = fontdb::Query { families: &names, ..fontdb::Query::default() };
    let id = db.query(&query)?;
    let info = db.face(id)?;
    let family = info.families.first().map(|(name, _)| name.clone()).unwrap_or_default();
    let (source, index) = db.face_source(id)?;
    // Reading the file into memory (not mapping it) keeps this safe code: a font package upgrade
    // while the app runs cannot change bytes under a parsed face.
    let data: Arc<dyn AsRef<[u8]> + Send + Sync> = match source {
        fontdb::Source::Binary(data) => data,
        fontdb::Source::File(path) => Arc::new(std::fs::read(path).ok()?),
        fontdb::Source::SharedFile(_, data) => data,
    };
    // A face that does not parse (a broken file) is skipped, not fatal.
    FontRef::try_from_slice_and_index((*data).as_ref(), index).ok()?;
    Some(LoadedFace { family, role, data, index })
}

fn bundled_face() -> LoadedFace {
    LoadedFace { family: BUNDLED_FAMILY.to_owned(), role: FaceRole::Bundled, data: Arc::new(BUNDLED_LATIN), index: 0 }
}

fn bundled_font() -> FontRef<'static> {
    FontRef::try_from_slice(BUNDLED_LATIN).expect("the bundled font is a valid TrueType file")
}
