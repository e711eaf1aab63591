//! Typesetting a composed handout with typst, as a library: the template and fonts are
//! compiled into the binary, the handout's data reaches the template as a virtual JSON file,
//! and there is no package support at all, so nothing is ever fetched from the network.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

use super::Handout;

/// The handout template.
pub const TEMPLATE: &str = include_str!("../../assets/handout.typ");

/// The MDT case sheet's template.
pub const SHEET_TEMPLATE: &str = include_str!("../../assets/sheet.typ");

/// Fonts embedded in the binary and, through typst, in every PDF: Open Sans (Latin,
/// Greek, Cyrillic), then fallbacks typst picks per character for names in other scripts
/// (see `assets/fonts/FALLBACK-FONTS.txt`).
const FONTS: &[&[u8]] = &[
    include_bytes!("../../assets/fonts/OpenSans-Regular.ttf"),
    include_bytes!("../../assets/fonts/OpenSans-Bold.ttf"),
    include_bytes!("../../assets/fonts/OpenSans-Italic.ttf"),
    include_bytes!("../../assets/fonts/OpenSans-BoldItalic.ttf"),
    include_bytes!("../../assets/fonts/NotoSansArabic-Regular.ttf"),
    include_bytes!("../../assets/fonts/NotoSansArabic-Bold.ttf"),
    include_bytes!("../../assets/fonts/NotoSansHebrew-Regular.ttf"),
    include_bytes!("../../assets/fonts/NotoSansHebrew-Bold.ttf"),
    include_bytes!("../../assets/fonts/DroidSansFallbackFull.ttf"),
];

/// The characters of `text` that no embedded font can print (they would come out as empty
/// boxes), each once, in order. Spaces and joiners are never reported.
pub fn unprintable(text: &str) -> Vec<char> {
    let book = &SHARED.book;
    let mut out = Vec::new();
    for c in text.chars() {
        if c.is_whitespace() || c.is_control() || matches!(c, '\u{200b}'..='\u{200f}' | '\u{fe0f}')
        {
            continue;
        }
        let covered = (0..SHARED.fonts.len()).any(|i| {
            book.info(i)
                .is_some_and(|info| info.coverage.contains(u32::from(c)))
        });
        if !covered && !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main_id: FileId,
    data_id: FileId,
    main: Source,
    sheet_id: FileId,
    sheet: Source,
}

static SHARED: LazyLock<Shared> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONTS
        .iter()
        .flat_map(|bytes| Font::iter(Bytes::new(*bytes)))
        .collect();
    let book = FontBook::from_fonts(fonts.iter());
    let id = |path: &str| {
        let vpath = VirtualPath::new(path).unwrap_or_else(|_| unreachable!("static path"));
        RootedPath::new(VirtualRoot::Project, vpath).intern()
    };
    let main_id = id("/handout.typ");
    let sheet_id = id("/sheet.typ");
    Shared {
        sheet_id,
        sheet: Source::new(sheet_id, SHEET_TEMPLATE.to_owned()),
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(book),
        fonts,
        main_id,
        data_id: id("/handout.json"),
        main: Source::new(main_id, TEMPLATE.to_owned()),
    }
});

/// Loads the fonts and the standard library now, so the first handout is not slower than
/// the rest (call it from a background thread at start-up).
pub fn warm_up() {
    LazyLock::force(&SHARED);
}

struct HandoutWorld {
    data: Bytes,
    today: Datetime,
    /// The template: the handout's or the case sheet's.
    main: FileId,
}

impl World for HandoutWorld {
    fn library(&self) -> &LazyHash<Library> {
        &SHARED.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &SHARED.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main && id == SHARED.main_id {
            Ok(SHARED.main.clone())
        } else if id == self.main && id == SHARED.sheet_id {
            Ok(SHARED.sheet.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == SHARED.data_id {
            Ok(self.data.clone())
        } else if id == SHARED.main_id {
            Ok(Bytes::from_string(TEMPLATE))
        } else if id == SHARED.sheet_id {
            Ok(Bytes::from_string(SHEET_TEMPLATE))
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        SHARED.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

/// Why a handout could not be typeset.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("the handout could not be typeset: {0}")]
    Typeset(String),
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
    #[error("the handout holds {0} KB of text, more than the {max} KB a handout may hold; the dataset's texts are too long for a leaflet", max = MAX_HANDOUT_BYTES / 1024)]
    TooLong(usize),
    #[error(
        "the handout came to {0} pages, more than the {MAX_PAGES} a handout may have; the dataset's texts are too long for a leaflet"
    )]
    TooManyPages(usize),
}

/// The most text a composed handout may carry into typesetting (the shipped dataset's
/// largest, four options, is far below it): a dataset that passes `check` cannot make the
/// typesetter run for minutes on gigabytes.
pub const MAX_HANDOUT_BYTES: usize = 512 * 1024;

/// The most pages a handout may have.
pub const MAX_PAGES: usize = 40;

fn diagnostics(diags: &[typst::diag::SourceDiagnostic]) -> String {
    diags
        .iter()
        .map(|d| d.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Lays out the handout's pages.
pub fn typeset(h: &Handout) -> Result<PagedDocument, RenderError> {
    let json = serde_json::to_vec(h).map_err(|e| RenderError::Typeset(e.to_string()))?;
    compile(json, h.ymd, SHARED.main_id)
}

/// Lays out the MDT case sheet.
pub fn typeset_sheet(sheet: &super::sheet::CaseSheet) -> Result<PagedDocument, RenderError> {
    let json = serde_json::to_vec(sheet).map_err(|e| RenderError::Typeset(e.to_string()))?;
    compile(json, sheet.ymd, SHARED.sheet_id)
}

fn compile(
    json: Vec<u8>,
    (y, m, d): (i32, u8, u8),
    main: FileId,
) -> Result<PagedDocument, RenderError> {
    if json.len() > MAX_HANDOUT_BYTES {
        return Err(RenderError::TooLong(json.len().div_ceil(1024)));
    }
    let world = HandoutWorld {
        data: Bytes::new(json),
        today: Datetime::from_ymd(y, m, d).unwrap_or_else(|| {
            Datetime::from_ymd(2026, 1, 1).unwrap_or_else(|| unreachable!("valid date"))
        }),
        main,
    };
    let doc = typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|e: typst::ecow::EcoVec<_>| RenderError::Typeset(diagnostics(&e)));
    // typst memoises every compilation; without eviction the cache (earlier previews,
    // patient names included) grows for the whole session. Ten generations keep typing fast.
    typst::comemo::evict(10);
    let doc = doc?;
    if doc.pages().len() > MAX_PAGES {
        return Err(RenderError::TooManyPages(doc.pages().len()));
    }
    Ok(doc)
}

/// Typesets the handout and writes it as a tagged PDF with the fonts embedded.
pub fn pdf(h: &Handout) -> Result<Vec<u8>, RenderError> {
    let doc = typeset(h)?;
    pdf_of(&doc)
}

/// Writes laid-out pages as PDF.
pub fn pdf_of(doc: &PagedDocument) -> Result<Vec<u8>, RenderError> {
    let options = typst_pdf::PdfOptions {
        ident: typst::foundations::Smart::Custom("netliver-handout".to_owned()),
        tagged: true,
        ..typst_pdf::PdfOptions::default()
    };
    typst_pdf::pdf(doc, &options)
        .map_err(|e: typst::ecow::EcoVec<_>| RenderError::Pdf(diagnostics(&e)))
}

/// An RGBA image of one page.
pub struct PageImage {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

/// Renders one page to an image, `scale` pixels per point.
pub fn page_image(doc: &PagedDocument, page: usize, scale: f32) -> Option<PageImage> {
    let page = doc.pages().get(page)?;
    let options = typst_render::RenderOptions {
        pixel_per_pt: typst::layout::Abs::pt(f64::from(scale)).to_pt().into(),
        render_bleed: false,
    };
    let pixmap = typst_render::render(page, &options);
    Some(PageImage {
        width: pixmap.width(),
        height: pixmap.height(),
        rgba: pixmap.data().to_vec(),
    })
}
