//! Web-spam detectors: page chrome, appended keyword lists, injected brand names.
//! One file per code.
