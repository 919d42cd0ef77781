//! Pure analysis.
pub mod glossary;
