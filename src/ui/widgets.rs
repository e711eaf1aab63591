//! Small pieces every view uses: verdict badges, icon arrays, citations, and the app's
//! colours, so views ask for styles instead of hard-coding them.

use egui::{Color32, RichText, Role, Sense, Stroke, Ui, Vec2, WidgetInfo};

use super::strings::s;
use crate::assessment::{Assessment, Check};
use crate::dataset::{Cite, Dataset, Freq, Lang, Verdict};

/// The colour of a verdict: the third signal after its word and icon.
pub fn verdict_color(v: Verdict, dark: bool) -> Color32 {
    match (v, dark) {
        (Verdict::Eligible, false) => Color32::from_rgb(0x1b, 0x6e, 0x2e),
        (Verdict::Eligible, true) => Color32::from_rgb(0x7b, 0xd8, 0x8f),
        (Verdict::Caution, false) => Color32::from_rgb(0x8a, 0x5a, 0x00),
        (Verdict::Caution, true) => Color32::from_rgb(0xf2, 0xc0, 0x5c),
        (Verdict::NotEligible, false) => Color32::from_rgb(0xa3, 0x1f, 0x1f),
        (Verdict::NotEligible, true) => Color32::from_rgb(0xff, 0x8a, 0x80),
    }
}

/// A background tint for rows that differ in the comparison grid.
pub fn highlight_fill(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgba_unmultiplied(0x40, 0x70, 0xc0, 0x40)
    } else {
        Color32::from_rgb(0xe6, 0xf0, 0xff)
    }
}

/// egui's panel frame without its fill: the panels sit on one backdrop of the panel colour
/// (painted by [`paint_backdrop`], or the colour the renderer clears to), so no pixel is
/// painted twice. Software renderers (ward PCs without a GPU, remote desktops) pay for
/// every pixel shaded.
pub fn panel_frame(ui: &Ui, central: bool) -> egui::Frame {
    let frame = if central {
        egui::Frame::central_panel(ui.style())
    } else {
        egui::Frame::side_top_panel(ui.style())
    };
    frame.fill(Color32::TRANSPARENT)
}

/// The panel colour over the whole window, for renderers that do not clear to it.
pub fn paint_backdrop(ui: &Ui) {
    ui.painter()
        .rect_filled(ui.max_rect(), 0.0, ui.visuals().panel_fill);
}

/// "✔ OPFYLDER KRITERIERNE": icon, word and colour together.
pub fn verdict_badge(ui: &mut Ui, a: &Assessment, lang: Lang) -> egui::Response {
    let v = a.verdict;
    let color = verdict_color(v, ui.visuals().dark_mode);
    let text = format!(
        "{} {}",
        v.icon(),
        crate::i18n::badge(a, lang).to_uppercase()
    );
    egui::Frame::new()
        .stroke(Stroke::new(1.5, color))
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(6, 2))
        .show(ui, |ui| {
            ui.label(RichText::new(text).strong().color(color));
        })
        .response
}

/// A 10 x 10 grid of people: solid for the part that is sure, lighter for the uncertain
/// range, outlined for the rest. Labelled for screen readers with the words.
pub fn icon_array(ui: &mut Ui, freq: Freq, lang: Lang, cell: f32) -> egui::Response {
    let (sure, upper) = freq.bounds();
    let gap = (cell * 0.25).max(1.0);
    let size = Vec2::splat(10.0 * cell + 9.0 * gap);
    let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
    let words = crate::i18n::freq(freq, lang);
    response.widget_info(|| WidgetInfo::labeled(Role::Image, true, &words));
    if ui.is_rect_visible(rect) {
        let dark = ui.visuals().dark_mode;
        let strong = if dark {
            Color32::from_rgb(0x8a, 0xb4, 0xf8)
        } else {
            Color32::from_rgb(0x1a, 0x4f, 0x9c)
        };
        let light = strong.gamma_multiply(0.4);
        let outline = ui.visuals().weak_text_color();
        let painter = ui.painter();
        for k in 0..100u32 {
            let (row, col) = (k / 10, k % 10);
            #[allow(clippy::cast_precision_loss)]
            let min = rect.min + Vec2::new(col as f32 * (cell + gap), row as f32 * (cell + gap));
            let r = egui::Rect::from_min_size(min, Vec2::splat(cell));
            if k < sure {
                painter.rect_filled(r, 1.0, strong);
            } else if k < upper {
                painter.rect_filled(r, 1.0, light);
            } else {
                painter.rect_stroke(r, 1.0, Stroke::new(1.0, outline), egui::StrokeKind::Inside);
            }
        }
    }
    response.on_hover_text(words)
}

/// The citation in words, for hover text: "Kilde: … «quote»" or the literature reference.
pub fn citation_text(d: &Dataset, cite: &Cite, lang: Lang) -> String {
    format!(
        "{}: {}",
        s(lang).source,
        crate::i18n::cite_text(d, cite, lang)
    )
}

/// A small tag with the evidence type of a claim's source ("Retningslinje, Sverige"), its
/// full citation on hover.
pub fn evidence_tag(ui: &mut Ui, d: &Dataset, cite: &Cite, lang: Lang) -> egui::Response {
    let literature = crate::assessment::is_literature(d, cite);
    let text = RichText::new(crate::i18n::cite_tag(d, cite, lang)).small();
    let text = if literature {
        text.color(ui.visuals().hyperlink_color)
    } else {
        text.weak()
    };
    ui.label(text).on_hover_text(citation_text(d, cite, lang))
}

/// The points to check before treatment, one per line with its source's tag.
pub fn checks_hover(d: &Dataset, checks: &[Check], lang: Lang) -> String {
    checks
        .iter()
        .map(|c| {
            format!(
                "☐ {} [{}]",
                c.why.get(lang),
                crate::i18n::cite_tag(d, &c.cite, lang)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A small "[n]" marker that shows the source on hover and keyboard focus.
pub fn cite_marker(ui: &mut Ui, d: &Dataset, cite: &Cite, n: usize, lang: Lang) {
    let text = citation_text(d, cite, lang);
    let r = ui.add(
        egui::Button::new(RichText::new(format!("[{n}]")).small())
            .frame(false)
            .small(),
    );
    let r = r.accessible_name(format!("{} {n}", s(lang).citation));
    r.on_hover_text(text);
}

/// Collects the citations of a page so they can be listed as numbered footnotes.
#[derive(Default)]
pub struct Footnotes {
    pub cites: Vec<Cite>,
}

impl Footnotes {
    /// Numbers a citation (reusing the number of an identical one).
    pub fn number(&mut self, cite: &Cite) -> usize {
        if let Some(i) = self.cites.iter().position(|c| c == cite) {
            return i + 1;
        }
        self.cites.push(cite.clone());
        self.cites.len()
    }

    /// Text followed by its citation marker and, for literature, its evidence tag.
    pub fn claim(&mut self, ui: &mut Ui, d: &Dataset, text: &str, cite: &Cite, lang: Lang) {
        let n = self.number(cite);
        ui.horizontal_wrapped(|ui| {
            ui.label(text);
            cite_marker(ui, d, cite, n, lang);
            if crate::assessment::is_literature(d, cite) {
                evidence_tag(ui, d, cite, lang);
            }
        });
    }

    /// The numbered list of sources: quoted passages of the page, references of literature.
    pub fn list_ui(&self, ui: &mut Ui, d: &Dataset, lang: Lang) {
        if self.cites.is_empty() {
            return;
        }
        ui.separator();
        ui.label(RichText::new(s(lang).sources_on_page).strong());
        for (i, c) in self.cites.iter().enumerate() {
            ui.label(
                RichText::new(format!(
                    "[{}] {}",
                    i + 1,
                    crate::i18n::cite_text(d, c, lang)
                ))
                .small(),
            );
        }
    }
}

/// A section heading with room above it.
pub fn section(ui: &mut Ui, title: &str) {
    ui.add_space(8.0);
    ui.label(RichText::new(title).heading());
}
