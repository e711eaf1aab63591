//! The shell: the state that owns the views and applies their actions ([`AppState`]), the
//! screen shown when the dataset is broken ([`Screen`]), and the window's frame (top bar,
//! status bar, profile panel, shortcuts, focus). Views read the consultation
//! ([`super::context`]) and return actions; nothing else writes.

use egui::gui_zoom::kb_shortcuts as zoom_keys;
use egui::{Key, KeyboardShortcut, Modifiers, Ui};

use super::bars::{status_bar_ui, top_bar_ui};
use super::context::{Action, Consultation, FocusTarget, MAX_COMPARE, Settings, View};
use super::strings::{self, Strings, s};
use super::views::{
    Page, compare::CompareView, detail::DetailView, handout::HandoutView, overview::OverviewView,
    profile::ProfilePanel, sources::SourcesView,
};
use super::widgets;
use crate::dataset::fields::Field;
use crate::dataset::{Dataset, Lang, Report};

/// Declares the pages: the struct that holds them and the one place that says which page
/// shows which [`View`]. Tabs (and Alt+1, Alt+2, …) follow this order.
macro_rules! pages {
    ($($field:ident: $ty:ty => $view:pat,)*) => {
        /// Every page's own state.
        #[derive(Default)]
        pub struct Pages {
            $(pub $field: $ty,)*
        }

        impl Pages {
            /// The page that shows `view`.
            pub fn page(&self, view: View) -> &dyn Page {
                match view {
                    $($view => &self.$field,)*
                }
            }

            /// The page that shows `view`, to draw it.
            pub fn page_mut(&mut self, view: View) -> &mut dyn Page {
                match view {
                    $($view => &mut self.$field,)*
                }
            }

            /// Every page, in tab order.
            pub fn all(&self) -> Vec<&dyn Page> {
                vec![$(&self.$field as &dyn Page,)*]
            }

            /// Every page, in tab order, to do its background work.
            pub fn all_mut(&mut self) -> Vec<&mut dyn Page> {
                vec![$(&mut self.$field as &mut dyn Page,)*]
            }
        }
    };
}

// Adding a page: its file in `views/`, a `View` for it, and one line here.
pages! {
    overview: OverviewView => View::Overview,
    compare: CompareView => View::Compare,
    handout: HandoutView => View::Handout,
    sources: SourcesView => View::Sources,
    detail: DetailView => View::Detail(_),
}

/// The tabs of the top bar, in order: the view each shows and its name.
fn tabs(pages: &Pages, t: &Strings) -> Vec<(View, &'static str)> {
    pages
        .all()
        .into_iter()
        .filter_map(|p| p.tab())
        .map(|(view, name)| (view, name(t)))
        .collect()
}

/// What the window shows: the app on a valid dataset, or what is wrong with the dataset.
pub enum Screen {
    Ready(Box<AppState>),
    Broken(Broken),
}

/// The screen of a dataset that does not validate: every problem, where it is, and a hint.
/// Language, theme and zoom still work, so the report can be read.
pub struct Broken {
    pub report: Report,
    pub settings: Settings,
}

impl Screen {
    /// The app on the dataset, or the report on why it cannot be used.
    pub fn new(loaded: Result<Dataset, Report>, settings: Settings) -> Self {
        match loaded {
            Ok(d) => Screen::Ready(Box::new(AppState::new(d, settings))),
            Err(report) => Screen::Broken(Broken { report, settings }),
        }
    }

    pub fn settings(&self) -> &Settings {
        match self {
            Screen::Ready(s) => s.settings(),
            Screen::Broken(b) => &b.settings,
        }
    }

    pub fn set_settings(&mut self, settings: Settings) {
        match self {
            Screen::Ready(s) => s.set_settings(settings),
            Screen::Broken(b) => b.settings = settings,
        }
    }

    /// The app, when the dataset is valid.
    pub fn ready(&mut self) -> Option<&mut AppState> {
        match self {
            Screen::Ready(s) => Some(s),
            Screen::Broken(_) => None,
        }
    }
}

/// The whole window of either screen, background included.
pub fn screen_ui(ui: &mut Ui, screen: &mut Screen) {
    widgets::paint_backdrop(ui);
    window_ui(ui, screen);
}

/// Either screen on a backdrop that is already the panel colour.
pub fn window_ui(ui: &mut Ui, screen: &mut Screen) {
    match screen {
        Screen::Ready(state) => ready_ui(ui, state),
        Screen::Broken(b) => broken_ui(ui, b),
    }
}

fn broken_ui(ui: &mut Ui, b: &mut Broken) {
    let lang = b.settings.lang;
    let mut actions = settings_shortcuts(ui);
    egui::Panel::top("top-bar")
        .frame(widgets::panel_frame(ui, false))
        .show(ui, |ui| actions.extend(top_bar_ui(ui, &b.settings, None)));
    egui::Panel::bottom("status-bar")
        .frame(widgets::panel_frame(ui, false))
        .show(ui, |ui| status_bar_ui(ui, lang, None, None));
    egui::CentralPanel::default()
        .frame(widgets::panel_frame(ui, true))
        .show(ui, |ui| {
            super::views::sources::errors_ui(ui, &b.report, lang)
        });
    for a in actions {
        apply_setting(&mut b.settings, a);
    }
}

/// Applies an action that changes only the settings; returns it back if it is another.
fn apply_setting(settings: &mut Settings, action: Action) -> Option<Action> {
    match action {
        Action::SetLang(lang) => settings.lang = lang,
        Action::ToggleTheme => settings.dark = !settings.dark,
        Action::ZoomBy(steps) => settings.zoom_by(steps),
        Action::ZoomReset => settings.set_zoom(1.0),
        Action::SetClinician(name) => settings.clinician = name,
        Action::SetDepartment(name) => settings.department = name,
        other => return Some(other),
    }
    None
}

/// The app on a valid dataset: the consultation and each page's state.
pub struct AppState {
    pub consultation: Consultation,
    pub view: View,
    pub profile: ProfilePanel,
    pub pages: Pages,
    /// A message shown in the status bar until the next one.
    pub flash: Option<String>,
    /// Where the keyboard focus goes next frame (at start: the first patient field).
    pub focus: Option<FocusTarget>,
    /// Text to put on the clipboard at the end of the frame (the journal note).
    pub clipboard: Option<String>,
}

impl AppState {
    pub fn new(data: Dataset, settings: Settings) -> Self {
        AppState {
            consultation: Consultation::new(data, settings),
            view: View::Overview,
            profile: ProfilePanel::default(),
            pages: Pages::default(),
            flash: None,
            focus: Some(FocusTarget::Profile),
            clipboard: None,
        }
    }

    pub fn lang(&self) -> Lang {
        self.consultation.lang()
    }

    pub fn settings(&self) -> &Settings {
        &self.consultation.settings
    }

    /// Replaces the settings (the remembered ones at start); the verdicts follow a change
    /// of layer at once.
    pub fn set_settings(&mut self, settings: Settings) {
        let c = &mut self.consultation;
        let rescope = c.settings.scope != settings.scope;
        c.settings = settings;
        if rescope {
            c.reassess();
        }
    }

    /// Does what the views asked, in order.
    pub fn apply(&mut self, actions: Vec<Action>) {
        for action in actions {
            self.apply_one(action);
        }
    }

    fn apply_one(&mut self, action: Action) {
        let Some(action) = apply_setting(&mut self.consultation.settings, action) else {
            return;
        };
        let c = &mut self.consultation;
        let lang = c.lang();
        match action {
            Action::Enter(field, text) => {
                let mut profile = c.profile.clone();
                let result = profile.set(field, &text);
                self.profile.entered(field, text, result.as_ref().err());
                match result {
                    Ok(()) => c.profile = profile,
                    // A refused value leaves the field unknown rather than stale.
                    Err(_) => c.profile.clear(field),
                }
                c.reassess();
            }
            Action::NewPatient => {
                c.profile = crate::assessment::Profile::default();
                c.compare.clear();
                c.reassess();
                self.profile = ProfilePanel::default();
                // The patient's name and choices on the handout go with the patient.
                self.pages.handout = HandoutView::default();
                self.focus = Some(FocusTarget::Profile);
            }
            Action::Show(view) => self.view = view,
            Action::ToggleCompare(index) => {
                if let Some(pos) = c.compare.iter().position(|&i| i == index) {
                    c.compare.remove(pos);
                } else if c.compare.len() < MAX_COMPARE {
                    c.compare.push(index);
                } else {
                    self.flash = Some(strings::at_most_compared(lang, MAX_COMPARE));
                }
            }
            Action::ClearCompare => c.compare.clear(),
            Action::SetScope(scope) => {
                c.settings.scope = scope;
                c.reassess();
            }
            Action::Focus(target) => self.focus = Some(target),
            Action::Flash(msg) => self.flash = Some(msg),
            Action::SaveHandout => self.pages.handout.save(lang),
            Action::PrintHandout => self.pages.handout.print(lang),
            Action::SaveSheet => {
                let sheet = self.case_sheet();
                let stem = sheet.file_stem();
                self.pages
                    .handout
                    .save_made(lang, stem, move || sheet_pdf(&sheet));
            }
            Action::PrintSheet => {
                let sheet = self.case_sheet();
                self.pages
                    .handout
                    .print_made(lang, move || sheet_pdf(&sheet));
            }
            Action::CopyNote => {
                let note = self.journal_note();
                self.clipboard = Some(note);
                self.flash = Some(s(lang).note_copied.to_owned());
            }
            // Settings: applied above.
            Action::SetLang(_)
            | Action::ToggleTheme
            | Action::ZoomBy(_)
            | Action::ZoomReset
            | Action::SetClinician(_)
            | Action::SetDepartment(_) => {}
        }
    }

    /// What the note and the case sheet are about: this consultation, in the interface's
    /// language, with the handout of the handout page.
    fn case_request(&self) -> crate::handout::note::CaseRequest {
        let c = &self.consultation;
        let d = c.data();
        let handout = &self.pages.handout;
        crate::handout::note::CaseRequest {
            profile: c.profile.clone(),
            scope: c.settings.scope,
            lang: c.lang(),
            handout: handout
                .treatments(c)
                .iter()
                .map(|&i| d.treatments[i].id.clone())
                .collect(),
            handout_lang: handout.language(c),
            date: crate::handout::today(),
        }
    }

    /// The MDT case sheet of this consultation. No patient name: the app has no field for
    /// one on the sheet (the command line's `--patient` prints one).
    pub fn case_sheet(&self) -> crate::handout::sheet::CaseSheet {
        crate::handout::sheet::compose_sheet(self.consultation.data(), &self.case_request(), None)
    }

    /// The journal note of this consultation.
    pub fn journal_note(&self) -> String {
        crate::handout::note::journal_note(self.consultation.data(), &self.case_request())
    }

    /// Sets a field from typed text, as the profile panel does (for tests and benches).
    pub fn type_field(&mut self, field: Field, text: &str) {
        self.apply(vec![Action::Enter(field, text.to_owned())]);
    }
}

/// The app's whole window, background included: what tests and benchmarks draw.
pub fn app_ui(ui: &mut Ui, state: &mut AppState) {
    widgets::paint_backdrop(ui);
    ready_ui(ui, state);
}

/// The app on a backdrop that is already the panel colour: top bar, status bar, profile
/// panel and the current view. The panels are not filled (see [`widgets::panel_frame`]);
/// the native app has the renderer clear to the panel colour instead, which on a software
/// renderer halves the pixels shaded per frame.
///
/// Every panel returns actions; they are applied once all have drawn, so each view draws
/// one consistent consultation.
fn ready_ui(ui: &mut Ui, state: &mut AppState) {
    let mut actions = shortcuts(ui, state);
    let c = &state.consultation;
    let tabs = tabs(&state.pages, s(c.lang()));
    egui::Panel::top("top-bar")
        .frame(widgets::panel_frame(ui, false))
        .show(ui, |ui| {
            actions.extend(top_bar_ui(ui, &c.settings, Some((c, state.view, &tabs))));
        });
    let data = c.data();
    egui::Panel::bottom("status-bar")
        .frame(widgets::panel_frame(ui, false))
        .show(ui, |ui| {
            status_bar_ui(ui, c.lang(), Some(data), state.flash.as_deref());
        });
    let profile = &mut state.profile;
    egui::Panel::left("profile")
        .frame(widgets::panel_frame(ui, false))
        .resizable(true)
        .default_size(300.0)
        .min_size(260.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("profile-scroll")
                .show(ui, |ui| actions.extend(profile.ui(ui, c)));
        });
    // Pages not shown keep up with the consultation (the handout's preview is ready when
    // the clinician gets there).
    let shown = state.view;
    for page in state.pages.all_mut() {
        if !page.shows(shown) {
            actions.extend(page.background(ui.ctx(), c));
        }
    }
    egui::CentralPanel::default()
        .frame(widgets::panel_frame(ui, true))
        .show(ui, |ui| {
            actions.extend(state.pages.page_mut(shown).ui(ui, c, shown));
        });
    focus_ui(ui, state);
    state.apply(actions);
    if let Some(text) = state.clipboard.take() {
        ui.ctx().copy_text(text);
    }
}

/// Moves the keyboard focus where it was asked to go: the first patient field at start and
/// after New patient, or between the profile and the view (F6).
fn focus_ui(ui: &Ui, state: &mut AppState) {
    let Some(target) = state.focus else { return };
    let id = match target {
        FocusTarget::Profile => state.profile.first,
        FocusTarget::View => state.pages.page(state.view).entry(),
    };
    if let Some(id) = id {
        ui.memory_mut(|m| m.request_focus(id));
        state.focus = None;
    }
}

/// Zoom keys: a setting like the others (egui's own zoom keys are off, see
/// `setup_context`), so the buttons, the keys and the saved value agree.
fn settings_shortcuts(ui: &Ui) -> Vec<Action> {
    let zooms = [
        (zoom_keys::ZOOM_IN, 1.0),
        (zoom_keys::ZOOM_IN_SECONDARY, 1.0),
        (zoom_keys::ZOOM_OUT, -1.0),
    ];
    let mut actions = Vec::new();
    ui.input_mut(|i| {
        for (shortcut, steps) in zooms {
            if i.consume_shortcut(&shortcut) {
                actions.push(Action::ZoomBy(steps));
            }
        }
        if i.consume_shortcut(&zoom_keys::ZOOM_RESET) {
            actions.push(Action::ZoomReset);
        }
    });
    actions
}

/// Typesets a case sheet (on the save or print thread).
fn sheet_pdf(sheet: &crate::handout::sheet::CaseSheet) -> Result<Vec<u8>, String> {
    crate::handout::render::typeset_sheet(sheet)
        .and_then(|doc| crate::handout::render::pdf_of(&doc))
        .map_err(|e| e.to_string())
}

fn shortcuts(ui: &Ui, state: &AppState) -> Vec<Action> {
    let new_patient = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
    let save = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
    let print = KeyboardShortcut::new(Modifiers::COMMAND, Key::P);
    let note = KeyboardShortcut::new(Modifiers::COMMAND, Key::J);
    let save_sheet = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    let print_sheet = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    let digits = [
        Key::Num1,
        Key::Num2,
        Key::Num3,
        Key::Num4,
        Key::Num5,
        Key::Num6,
    ];
    let views: Vec<(Key, View)> = digits
        .into_iter()
        .zip(state.pages.all().into_iter().filter_map(|p| p.tab()))
        .map(|(k, (view, _))| (k, view))
        .collect();
    let mut actions = settings_shortcuts(ui);
    let in_profile = ui
        .memory(egui::Memory::focused)
        .is_some_and(|id| state.profile.ids.contains(&id));
    let on_handout = state.view == View::Handout;
    ui.input_mut(|i| {
        if i.consume_shortcut(&new_patient) {
            actions.push(Action::NewPatient);
        }
        if i.consume_shortcut(&note) {
            actions.push(Action::CopyNote);
        }
        for (key, view) in views {
            if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::ALT, key)) {
                actions.push(Action::Show(view));
            }
        }
        if i.consume_key(Modifiers::NONE, Key::F6) {
            actions.push(Action::Focus(if in_profile {
                FocusTarget::View
            } else {
                FocusTarget::Profile
            }));
        }
        // Before Ctrl+S and Ctrl+P, which would also match with Shift held.
        if i.consume_shortcut(&save_sheet) {
            actions.push(Action::SaveSheet);
        }
        if i.consume_shortcut(&print_sheet) {
            actions.push(Action::PrintSheet);
        }
        if on_handout && i.consume_shortcut(&save) {
            actions.push(Action::SaveHandout);
        }
        if on_handout && i.consume_shortcut(&print) {
            actions.push(Action::PrintHandout);
        }
    });
    actions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset;

    fn state() -> AppState {
        AppState::new(
            dataset::load_embedded().unwrap_or_default(),
            Settings::default(),
        )
    }

    #[test]
    fn a_typed_value_updates_verdicts_and_a_bad_one_keeps_its_text() {
        let mut s = state();
        s.type_field(Field::Lesions, "12");
        assert_eq!(s.consultation.profile.num(Field::Lesions), Some(12.0));
        s.type_field(Field::Lesions, "12x");
        assert_eq!(s.profile.text(Field::Lesions), "12x");
        assert!(s.profile.error(Field::Lesions).is_some());
        assert_eq!(s.consultation.profile.num(Field::Lesions), None);
    }

    #[test]
    fn new_patient_forgets_everything() {
        let mut s = state();
        s.type_field(Field::Lesions, "3");
        s.type_field(Field::Grade, "g2");
        s.apply(vec![Action::ToggleCompare(0)]);
        s.pages.handout.patient = "Jens".to_owned();
        s.apply(vec![Action::NewPatient]);
        assert_eq!(
            s.consultation.profile,
            crate::assessment::Profile::default()
        );
        assert!(s.profile.text(Field::Lesions).is_empty());
        assert!(s.consultation.compare.is_empty());
        assert!(s.pages.handout.patient.is_empty());
        assert_eq!(s.focus, Some(FocusTarget::Profile));
    }

    #[test]
    fn compare_takes_at_most_four() {
        let mut s = state();
        s.apply((0..5).map(Action::ToggleCompare).collect());
        assert_eq!(s.consultation.compare, vec![0, 1, 2, 3]);
        assert!(
            s.flash
                .as_deref()
                .is_some_and(|f| f.contains(&MAX_COMPARE.to_string()))
        );
        s.apply(vec![Action::ToggleCompare(1)]);
        assert_eq!(s.consultation.compare, vec![0, 2, 3]);
    }

    #[test]
    fn search_reads_what_people_read_not_the_files_field_names() {
        let s = state();
        let l = &s.consultation.loaded;
        let found = |w: &str| (0..7).filter(|&i| l.matches(i, w)).count();
        for field_name in ["quote", "locator", "cite", "side_effects_common", "verdict"] {
            assert_eq!(found(field_name), 0, "{field_name}");
        }
        assert_eq!(found("mikrosfær"), 1);
        assert!(found("feber") >= 3);
    }

    #[test]
    fn answers_differ_in_either_language() {
        let mut d = dataset::load_embedded().unwrap_or_default();
        // Same Danish, different English: still different.
        let q = "repeat";
        let a = d.treatments[3].answers[q].clone();
        let mut b = a.clone();
        if let crate::dataset::Answer::Stated { text, .. } = &mut b {
            text.get_mut(crate::dataset::Lang::En)
                .push_str(" (not quite)");
        }
        d.treatments[4].answers.insert(q.to_owned(), b);
        d.treatments[3].answers.insert(q.to_owned(), a.clone());
        let mut s = AppState::new(d, Settings::default());
        s.apply(vec![Action::ToggleCompare(3), Action::ToggleCompare(4)]);
        assert!(s.consultation.answers_differ(q));
    }
}
