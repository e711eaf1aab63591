//! One struct per page, each with its own state, drawn from the read-only
//! [`super::context::Consultation`] and returning what it wants done
//! ([`super::context::Action`]), as egui's demo app does. The profile panel beside every
//! page lives here too. Which page shows which view is said once, in [`super::app`].

pub mod compare;
pub mod detail;
pub mod handout;
pub mod overview;
pub mod profile;
pub mod sources;

use egui::Ui;

use super::context::{Action, Consultation, View};
use super::strings::Strings;

/// A tab of the top bar: the view it shows and where its name is in the catalogue.
pub type Tab = (View, fn(&Strings) -> &'static str);

/// A page of the app.
pub trait Page {
    /// Draws the page for `view` (the detail page reads which treatment from it).
    fn ui(&mut self, ui: &mut Ui, c: &Consultation, view: View) -> Vec<Action>;

    /// The page's first control, where F6 puts the focus.
    fn entry(&self) -> Option<egui::Id>;

    /// Its tab in the top bar, if it has one: the view the tab shows and its name.
    fn tab(&self) -> Option<Tab> {
        None
    }

    /// Whether it is the page that shows `view`.
    fn shows(&self, view: View) -> bool;

    /// What it does every frame while another page is shown.
    fn background(&mut self, _ctx: &egui::Context, _c: &Consultation) -> Vec<Action> {
        Vec::new()
    }
}
