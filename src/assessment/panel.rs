//! The reference panel: realistic patient profiles (no names) that a dataset change is run
//! over, so a maintainer sees every verdict, reason, preparation and check it changes.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::Profile;
use crate::dataset::fields::Field;

/// The panel that ships with netliver (`data/reference-patients.ron`).
pub const REFERENCE_PANEL: &str = include_str!("../../data/reference-patients.ron");

/// One reference patient.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Patient {
    pub id: String,
    /// Who the patient is, in a line, for the reader.
    pub about: String,
    /// Field name → value as typed (see the field table); a field not named is unknown.
    pub facts: BTreeMap<String, String>,
}

impl Patient {
    /// The patient's profile, or which fact cannot be read.
    pub fn profile(&self) -> Result<Profile, String> {
        let mut p = Profile::default();
        for (name, value) in &self.facts {
            let field = Field::from_name(name)
                .ok_or_else(|| format!("patient `{}`: no field {name:?}", self.id))?;
            p.set(field, value)
                .map_err(|e| format!("patient `{}`: {name} {e}", self.id))?;
        }
        Ok(p)
    }
}

/// Reads a panel: a RON list of `Patient(id, about, facts)`, each id once, every fact a
/// field of the table with a value it allows.
pub fn parse_panel(text: &str, name: &str) -> Result<Vec<(Patient, Profile)>, String> {
    let patients: Vec<Patient> = ron::Options::default().from_str(text).map_err(|e| {
        format!(
            "{name}:{}:{}: {}",
            e.span.start.line, e.span.start.col, e.code
        )
    })?;
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(patients.len());
    for p in patients {
        if !seen.insert(p.id.clone()) {
            return Err(format!("{name}: the patient id `{}` is used twice", p.id));
        }
        let profile = p.profile().map_err(|e| format!("{name}: {e}"))?;
        out.push((p, profile));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_panel_reads_and_is_varied() {
        let panel = parse_panel(REFERENCE_PANEL, "panel").unwrap_or_default();
        assert!(panel.len() >= 60, "{}", panel.len());
        // Every field of the table is entered for some patient.
        for &f in Field::ALL {
            assert!(
                panel.iter().any(|(_, p)| p.is_set(f)),
                "no reference patient has {f}"
            );
        }
    }

    #[test]
    fn a_bad_fact_names_the_patient() {
        let text = r#"[Patient(id: "a", about: "x", facts: {"lesions": "many"})]"#;
        let e = parse_panel(text, "p.ron").unwrap_err();
        assert!(e.contains("patient `a`") && e.contains("lesions"), "{e}");
    }
}
