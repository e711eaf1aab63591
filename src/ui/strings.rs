//! Every word of the app's interface, in one place per language (as the handout's
//! `Labels`). Views ask for `s(lang).overview`, never spell a word themselves; texts with
//! numbers in them are the functions below the tables.

use crate::dataset::Lang;

/// The interface's fixed texts in one language.
pub struct Strings {
    // Top bar and shell
    pub overview: &'static str,
    pub compare: &'static str,
    pub handout: &'static str,
    pub sources: &'static str,
    pub light_theme: &'static str,
    pub dark_theme: &'static str,
    pub zoom_in: &'static str,
    pub zoom_out: &'static str,
    pub page_only: &'static str,
    pub with_guidelines: &'static str,
    pub scope_hint: &'static str,
    pub no_dataset: &'static str,
    pub focus_hint: &'static str,
    // Profile
    pub patient: &'static str,
    pub profile_hint: &'static str,
    pub not_entered: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub new_patient: &'static str,
    pub new_patient_hint: &'static str,
    pub guideline_field: &'static str,
    pub to_check_field: &'static str,
    // Overview
    pub show: &'static str,
    pub all: &'static str,
    pub not_ruled_out: &'static str,
    pub search: &'static str,
    pub search_hint: &'static str,
    pub clear_search: &'static str,
    pub compare_go: &'static str,
    pub choose_two: &'static str,
    pub nothing_matches: &'static str,
    pub aim: &'static str,
    pub source: &'static str,
    pub details: &'static str,
    pub details_hint: &'static str,
    pub interpretation: &'static str,
    pub guidelines_add: &'static str,
    pub page_alone: &'static str,
    pub with_guidelines_verdict: &'static str,
    pub set_aside_here: &'static str,
    pub to_check: &'static str,
    // Compare
    pub compare_label: &'static str,
    pub remove: &'static str,
    pub remove_hint: &'static str,
    pub add_treatment: &'static str,
    pub clear: &'static str,
    pub choose_for_grid: &'static str,
    pub answers_differ: &'static str,
    pub answers_same: &'static str,
    pub not_stated: &'static str,
    pub open_details: &'static str,
    pub template: &'static str,
    pub no_treatment_hint: &'static str,
    // Detail
    pub back: &'static str,
    pub in_comparison: &'static str,
    pub assessment: &'static str,
    pub before_for_patient: &'static str,
    pub how: &'static str,
    pub effect: &'static str,
    pub common: &'static str,
    pub rare: &'static str,
    pub preparation_all: &'static str,
    pub follow_up: &'static str,
    pub suited: &'static str,
    pub not_suited: &'static str,
    pub criteria_and_rules: &'static str,
    pub criterion: &'static str,
    pub rule: &'static str,
    pub grid_answers: &'static str,
    pub patient_questions: &'static str,
    pub sources_on_page: &'static str,
    pub citation: &'static str,
    pub where_sources_differ: &'static str,
    // Handout
    pub handout_title: &'static str,
    pub in_handout: &'static str,
    pub handout_language: &'static str,
    pub handout_da: &'static str,
    pub handout_en: &'static str,
    pub paper: &'static str,
    pub doctor: &'static str,
    pub department: &'static str,
    pub patient_name: &'static str,
    pub save_pdf: &'static str,
    pub print: &'static str,
    pub choose_for_handout: &'static str,
    pub updating: &'static str,
    pub readability: &'static str,
    pub readability_hint: &'static str,
    pub follow_interface: &'static str,
    pub follow_comparison: &'static str,
    // Sources
    pub publisher: &'static str,
    pub date: &'static str,
    pub no_date: &'static str,
    pub language: &'static str,
    pub checked: &'static str,
    pub about_net: &'static str,
    pub choice_depends: &'static str,
    pub how_verdicts: &'static str,
    pub how_verdicts_text: &'static str,
    pub interpretations: &'static str,
    pub literature: &'static str,
    // Error page
    pub dataset_broken: &'static str,
    pub at: &'static str,
    pub hint: &'static str,
}

pub const DA: Strings = Strings {
    overview: "Overblik",
    compare: "Sammenlign",
    handout: "Patientfolder",
    sources: "Kilder",
    light_theme: "☀ Lyst tema",
    dark_theme: "🌙 Mørkt tema",
    zoom_in: "Forstør",
    zoom_out: "Formindsk",
    page_only: "Kun patientsiden",
    with_guidelines: "Med retningslinjer",
    scope_hint: "Vurderingerne bygger på patientsiden alene eller på patientsiden sammen med nationale retningslinjer, konsensus og studier.",
    no_dataset: "Intet datasæt indlæst",
    focus_hint: "F6 skifter mellem patientfelterne og visningen",
    patient: "Patient",
    profile_hint: "Tomt felt = ikke angivet. Gemmes aldrig.",
    not_entered: "Ikke angivet",
    yes: "Ja",
    no: "Nej",
    new_patient: "Ny patient",
    new_patient_hint: "Rydder alle felter (Ctrl+N)",
    guideline_field: "Bruges af retningslinjerne",
    to_check_field: "tjek",
    show: "Vis:",
    all: "Alle",
    not_ruled_out: "Ikke udelukket",
    search: "Søg:",
    search_hint: "fx feber, 65 grader",
    clear_search: "Ryd søgning",
    compare_go: "Sammenlign ▶",
    choose_two: "Vælg mindst 2 behandlinger",
    nothing_matches: "Ingen behandlinger passer til filter og søgning.",
    aim: "Mål",
    source: "Kilde",
    details: "Detaljer",
    details_hint: "Alt om behandlingen, med kilder",
    interpretation: "Fortolkning",
    guidelines_add: "Retningslinjerne tilføjer:",
    page_alone: "Patientsiden alene:",
    with_guidelines_verdict: "Med retningslinjerne:",
    set_aside_here: "lagt til side her",
    to_check: "Tjek før behandling",
    compare_label: "Sammenlign:",
    remove: "Fjern",
    remove_hint: "Fjern fra sammenligningen",
    add_treatment: "Tilføj behandling…",
    clear: "Ryd",
    choose_for_grid: "Vælg 2–4 behandlinger ovenfor eller på Overblik for at se dem side om side.",
    answers_differ: "Svarene er forskellige",
    answers_same: "Svarene er ens",
    not_stated: "Kilden oplyser det ikke – spørg lægen.",
    open_details: "Åbn detaljer",
    template: "netlivers ordlyd, ikke kildens",
    no_treatment_hint: "Muligheden for ikke at få behandling af leveren nu; kilden beskriver den ikke selv.",
    back: "◀ Overblik",
    in_comparison: "Med i sammenligningen",
    assessment: "Vurdering for denne patient",
    before_for_patient: "Før behandlingen, for denne patient",
    how: "Sådan foregår det",
    effect: "Virkning",
    common: "Almindelige bivirkninger",
    rare: "Sjældne, alvorlige bivirkninger",
    preparation_all: "Forberedelse (alle regler)",
    follow_up: "Kontrol bagefter",
    suited: "Hvem er behandlingen til",
    not_suited: "Hvem er den ikke til",
    criteria_and_rules: "Kriterier og regler i datasættet",
    criterion: "kriterium",
    rule: "regel",
    grid_answers: "Svar i sammenligningen",
    patient_questions: "Spørgsmål patienten kan stille",
    sources_on_page: "Kilder på denne side",
    citation: "Kildehenvisning",
    where_sources_differ: "Hvor kilderne er uenige",
    handout_title: "Patientfolder",
    in_handout: "I folderen:",
    handout_language: "Folderens sprog",
    handout_da: "Folder på dansk",
    handout_en: "Folder på engelsk",
    paper: "Papir",
    doctor: "Læge",
    department: "Afdeling",
    patient_name: "Patientens navn (gemmes ikke)",
    save_pdf: "Gem PDF…",
    print: "Udskriv…",
    choose_for_handout: "Vælg en eller flere behandlinger til venstre for at se folderen.",
    updating: "Opdaterer forhåndsvisningen …",
    readability: "Læsbarhed:",
    readability_hint: "LIX for dansk (under 35 er let, 35–45 middel), Flesch for engelsk (over 60 er let). Kun til orientering.",
    follow_interface: "Følger sproget i programmet, til du vælger",
    follow_comparison: "Følger sammenligningen, til du vælger selv",
    publisher: "Udgiver",
    date: "Dato",
    no_date: "ikke angivet i kilden",
    language: "Sprog",
    checked: "Kontrolleret",
    about_net: "Generelt om NET med spredning til leveren",
    choice_depends: "Valget af behandling afhænger af",
    how_verdicts: "Sådan bliver vurderingerne til",
    how_verdicts_text: "Hver behandling har kriterier fra kilderne. Den opfylder kriterierne (eller kan komme på tale, hvor kilden kun tillader den) kun, når alle kriterier vides at være opfyldt, og ingen regel holder den tilbage. Et kriterium, der ikke er opfyldt, giver forbehold eller 'opfylder ikke kriterierne'; et felt, patientsiden bygger på, som ikke er udfyldt, giver forbehold og nævnes. Et felt fra retningslinjerne, som ikke er udfyldt, står på listen 'Tjek før behandling'. Den værste vurdering vinder. Hvor kilden bruger ord uden tal (få, mange, meget svækket), læser datasættet dem som nedenfor; hver læsning vises også ved sin begrundelse.",
    interpretations: "Datasættets fortolkninger",
    literature: "Retningslinjer og studier",
    dataset_broken: "Datasættet kunne ikke indlæses",
    at: "ved",
    hint: "Forslag:",
};

pub const EN: Strings = Strings {
    overview: "Overview",
    compare: "Compare",
    handout: "Handout",
    sources: "Sources",
    light_theme: "☀ Light theme",
    dark_theme: "🌙 Dark theme",
    zoom_in: "Zoom in",
    zoom_out: "Zoom out",
    page_only: "Patient page only",
    with_guidelines: "With guidelines",
    scope_hint: "The verdicts rest on the patient page alone, or on the patient page together with national guidelines, consensus papers and studies.",
    no_dataset: "No dataset loaded",
    focus_hint: "F6 moves between the patient's fields and the view",
    patient: "Patient",
    profile_hint: "Empty = not entered. Never saved.",
    not_entered: "Not entered",
    yes: "Yes",
    no: "No",
    new_patient: "New patient",
    new_patient_hint: "Clears every field (Ctrl+N)",
    guideline_field: "Used by the guidelines",
    to_check_field: "check",
    show: "Show:",
    all: "All",
    not_ruled_out: "Not ruled out",
    search: "Search:",
    search_hint: "e.g. fever, octreotide",
    clear_search: "Clear search",
    compare_go: "Compare ▶",
    choose_two: "Choose at least 2 treatments",
    nothing_matches: "No treatments match the filter and search.",
    aim: "Aim",
    source: "Source",
    details: "Details",
    details_hint: "Everything on the treatment, with sources",
    interpretation: "Interpretation",
    guidelines_add: "The guidelines add:",
    page_alone: "The patient page alone:",
    with_guidelines_verdict: "With the guidelines:",
    set_aside_here: "set aside here",
    to_check: "To check before treatment",
    compare_label: "Compare:",
    remove: "Remove",
    remove_hint: "Remove from the comparison",
    add_treatment: "Add treatment…",
    clear: "Clear",
    choose_for_grid: "Choose 2–4 treatments above or on the Overview to see them side by side.",
    answers_differ: "The answers differ",
    answers_same: "The answers are the same",
    not_stated: "The source does not say – ask the doctor.",
    open_details: "Open details",
    template: "netliver's wording, not the source's",
    no_treatment_hint: "The option of no liver-directed treatment now; the source does not describe it itself.",
    back: "◀ Overview",
    in_comparison: "In the comparison",
    assessment: "Assessment for this patient",
    before_for_patient: "Before treatment, for this patient",
    how: "How it is done",
    effect: "Effect",
    common: "Common side effects",
    rare: "Rare, serious side effects",
    preparation_all: "Preparation (all rules)",
    follow_up: "Follow-up",
    suited: "Who it is for",
    not_suited: "Who it is not for",
    criteria_and_rules: "Criteria and rules in the dataset",
    criterion: "criterion",
    rule: "rule",
    grid_answers: "Answers in the comparison",
    patient_questions: "Questions the patient may ask",
    sources_on_page: "Sources on this page",
    citation: "Citation",
    where_sources_differ: "Where the sources differ",
    handout_title: "Patient handout",
    in_handout: "In the handout:",
    handout_language: "Handout language",
    handout_da: "Handout in Danish",
    handout_en: "Handout in English",
    paper: "Paper",
    doctor: "Doctor",
    department: "Department",
    patient_name: "Patient's name (not saved)",
    save_pdf: "Save PDF…",
    print: "Print…",
    choose_for_handout: "Choose one or more treatments on the left to see the handout.",
    updating: "Updating the preview …",
    readability: "Readability:",
    readability_hint: "LIX for Danish (under 35 easy, 35–45 average), Flesch for English (over 60 easy). For information only.",
    follow_interface: "Follows the interface language until you choose",
    follow_comparison: "Follows the comparison until you choose yourself",
    publisher: "Publisher",
    date: "Date",
    no_date: "not stated by the source",
    language: "Language",
    checked: "Checked",
    about_net: "About NET with spread to the liver",
    choice_depends: "The choice of treatment depends on",
    how_verdicts: "How verdicts are made",
    how_verdicts_text: "Each treatment has criteria from the sources. It meets the criteria (or may be considered, where the source only permits it) only when every criterion is known to hold and no rule holds it back. A criterion that does not hold gives a reservation or 'does not meet the criteria'; a field the patient page relies on that is not entered gives a reservation and is named. A field of the guidelines that is not entered is listed 'to check before treatment'. The worst verdict wins. Where the source uses words without a number (few, many, very weakened), the dataset reads them as below; each reading is also shown beside its reason.",
    interpretations: "The dataset's interpretations",
    literature: "Guidelines and studies",
    dataset_broken: "The dataset could not be loaded",
    at: "at",
    hint: "Hint:",
};

/// The interface's texts in this language.
pub fn s(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Da => &DA,
        Lang::En => &EN,
    }
}

/// "3 af 12 felter udfyldt"
pub fn fields_entered(lang: Lang, known: usize, all: usize) -> String {
    match lang {
        Lang::Da => format!("{known} af {all} felter udfyldt"),
        Lang::En => format!("{known} of {all} fields entered"),
    }
}

/// "5 felter at tjekke før behandling"
pub fn fields_to_check(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::Da, 1) => "1 felt at tjekke før behandling".to_owned(),
        (Lang::Da, _) => format!("{n} felter at tjekke før behandling"),
        (Lang::En, 1) => "1 field to check before treatment".to_owned(),
        (Lang::En, _) => format!("{n} fields to check before treatment"),
    }
}

/// "2 af højst 4 valgt til sammenligning"
pub fn chosen_for_comparison(lang: Lang, n: usize, max: usize) -> String {
    match lang {
        Lang::Da => format!("{n} af højst {max} valgt til sammenligning"),
        Lang::En => format!("{n} of at most {max} chosen for comparison"),
    }
}

/// The message when one more would exceed the limit.
pub fn at_most_compared(lang: Lang, max: usize) -> String {
    match lang {
        Lang::Da => format!("Højst {max} behandlinger kan sammenlignes ad gangen."),
        Lang::En => format!("At most {max} treatments can be compared at a time."),
    }
}

/// The message when one more would exceed the handout's limit.
pub fn at_most_in_handout(lang: Lang, max: usize) -> String {
    match lang {
        Lang::Da => format!("Højst {max} behandlinger i én folder."),
        Lang::En => format!("At most {max} treatments in one handout."),
    }
}

/// "Behandlinger (1–4)"
pub fn handout_treatments(lang: Lang, max: usize) -> String {
    match lang {
        Lang::Da => format!("Behandlinger (1–{max})"),
        Lang::En => format!("Treatments (1–{max})"),
    }
}

/// "3 sider"
pub fn pages(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::Da, 1) => "1 side".to_owned(),
        (Lang::Da, _) => format!("{n} sider"),
        (Lang::En, 1) => "1 page".to_owned(),
        (Lang::En, _) => format!("{n} pages"),
    }
}

/// The alternative text of a previewed page.
pub fn page(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Da => format!("Side {n}"),
        Lang::En => format!("Page {n}"),
    }
}

/// "The patient page alone: May be considered · The guidelines add:", shown where the
/// guideline layer changes a verdict; `None` where it does not.
pub fn page_alone(lang: Lang, a: &crate::assessment::Assessment) -> Option<String> {
    let page = a.page_verdict_if_changed()?;
    let t = s(lang);
    Some(format!(
        "{} {} · {}",
        t.page_alone,
        page.words(a.eligible_as).get(lang),
        t.guidelines_add
    ))
}

/// "With the guidelines: Does not meet the criteria · set aside here: ascites", shown with
/// the patient page alone where the guideline facts entered would change the verdict.
pub fn guidelines_line(lang: Lang, a: &crate::assessment::Assessment) -> Option<String> {
    let full = a.guideline_verdict_if_changed()?;
    let t = s(lang);
    let mut fields: Vec<crate::dataset::fields::Field> = a
        .set_aside
        .iter()
        .flat_map(|r| r.reads.iter().copied())
        .filter(|f| f.spec().layer == crate::dataset::fields::Layer::Guideline)
        .collect();
    fields.sort();
    fields.dedup();
    let names: Vec<String> = fields.iter().map(|f| f.label_in_sentence(lang)).collect();
    Some(format!(
        "{} {} · {}: {}",
        t.with_guidelines_verdict,
        full.words(a.eligible_as).get(lang),
        t.set_aside_here,
        names.join(", ")
    ))
}

/// Characters in a name that no font of the handout can print.
pub fn unprintable(lang: Lang, chars: &str) -> String {
    match lang {
        Lang::Da => format!("⚠ Kan ikke udskrives (bliver tomme felter): {chars}"),
        Lang::En => format!("⚠ Cannot be printed (comes out as empty boxes): {chars}"),
    }
}

/// The status bar's line on the dataset.
pub fn dataset_line(lang: Lang, id: &str, version: &str, reviewed: &str, sources: usize) -> String {
    match lang {
        Lang::Da => {
            format!("Datasæt {id} · version {version} · gennemgået {reviewed} · {sources} kilder")
        }
        Lang::En => {
            format!("Dataset {id} · version {version} · reviewed {reviewed} · {sources} sources")
        }
    }
}

/// The Sources page's summary of the dataset.
pub fn dataset_summary(
    lang: Lang,
    d: &crate::dataset::Dataset,
    s: &crate::dataset::Stats,
) -> String {
    match lang {
        Lang::Da => format!(
            "Datasæt {} version {}, senest gennemgået {}. {} behandlinger, {} kriterier og regler, {} citater kontrolleret ord for ord mod patientsiden, {} henvisninger til retningslinjer og studier.",
            d.id, d.version, d.reviewed, s.treatments, s.rules, s.quoted, s.located
        ),
        Lang::En => format!(
            "Dataset {} version {}, last reviewed {}. {} treatments, {} criteria and rules, {} quotations checked word for word against the patient page, {} references to guidelines and studies.",
            d.id, d.version, d.reviewed, s.treatments, s.rules, s.quoted, s.located
        ),
    }
}

/// The error page's summary.
pub fn dataset_errors(lang: Lang, file: &str, n: usize) -> String {
    match lang {
        Lang::Da => format!(
            "{file}: {n} fejl. Ret dem i filen, og kontrollér med `netliver check`. Intet fra datasættet vises, før alle er rettet."
        ),
        Lang::En => format!(
            "{file}: {n} error(s). Fix them in the file and check with `netliver check`. Nothing from the dataset is shown until all are fixed."
        ),
    }
}

/// The messages after saving or printing.
pub fn saved(lang: Lang, path: &std::path::Path) -> String {
    match lang {
        Lang::Da => format!("Gemt: {}", path.display()),
        Lang::En => format!("Saved: {}", path.display()),
    }
}

pub fn not_saved(lang: Lang, why: &str) -> String {
    match lang {
        Lang::Da => format!("Ikke gemt: {why}. Folderen er ikke tabt; prøv en anden mappe."),
        Lang::En => format!("Not saved: {why}. The handout is not lost; try another folder."),
    }
}

pub fn no_file_dialog(lang: Lang, folder: &std::path::Path) -> String {
    match lang {
        Lang::Da => format!(
            "Systemet har ingen fildialog; folderen gemmes i {}",
            folder.display()
        ),
        Lang::En => format!(
            "This system has no file dialog; handouts are saved in {}",
            folder.display()
        ),
    }
}

pub fn printed(lang: Lang, spooler: &str) -> String {
    match lang {
        Lang::Da => format!("Sendt til printeren. {spooler}"),
        Lang::En => format!("Sent to the printer. {spooler}"),
    }
}

pub fn opened_in_viewer(lang: Lang) -> String {
    match lang {
        Lang::Da => "Ingen printer fundet; PDF'en er åbnet i fremviseren – udskriv derfra. Den midlertidige fil slettes, når netliver lukkes.".to_owned(),
        Lang::En => "No printer found; the PDF is open in the viewer – print from there. The temporary file is deleted when netliver closes.".to_owned(),
    }
}

pub fn not_printed(lang: Lang, why: &str) -> String {
    match lang {
        Lang::Da => format!("Kunne ikke udskrive: {why}"),
        Lang::En => format!("Could not print: {why}"),
    }
}
