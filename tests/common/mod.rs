//! What several test files share.

/// The built-in dataset's treatments, in its order.
pub const TREATMENT_IDS: [&str; 7] = [
    "resection",
    "debulking",
    "rfa",
    "tae",
    "tace",
    "sirt",
    "sbrt",
];
