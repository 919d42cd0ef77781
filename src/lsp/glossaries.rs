//! User glossaries in the server: the files named by `jiaodui.toml` (`glossary = [...]`), read
//! and parsed once, kept in their last good version, and combined with the built-in glossary
//! into one matcher per distinct set of files.
//!
//! Documents without user glossaries use the shared built-in glossary (`Glossary::shared`).
//! A set's combined glossary is built on first use and dropped when one of its files changes
//! or a `jiaodui.toml` does. A file that fails to read or parse keeps its previous good version
//! (or contributes nothing if it never had one); each new problem is reported once.

use crate::analysis::glossary::{Entry, Glossary, SourcedEntry, parse_sourced_entries};
use crate::config_file;
use crate::position::{Encoding, LineIndex};
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One glossary file as last read successfully.
#[derive(Debug)]
pub struct GlossaryFile {
    pub path: PathBuf,
    text: String,
    index: LineIndex,
    entries: Vec<SourcedEntry>,
}

impl GlossaryFile {
    /// Reads and parses `path`; the error message names the file.
    pub fn load(path: &Path) -> Result<GlossaryFile, String> {
        let text = config_file::read_glossary(path).map_err(|e| e.to_string())?;
        GlossaryFile::parse(path, text)
    }

    /// Parses `text` as the contents of `path`.
    pub fn parse(path: &Path, text: String) -> Result<GlossaryFile, String> {
        let entries =
            parse_sourced_entries(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(GlossaryFile {
            path: path.to_path_buf(),
            index: LineIndex::new(&text),
            text,
            entries,
        })
    }

    /// Start and end (line, column in `encoding`) of a byte range of the file.
    pub fn line_cols(
        &self,
        range: Range<usize>,
        encoding: Encoding,
    ) -> (crate::position::LineCol, crate::position::LineCol) {
        self.index.range(&self.text, range, encoding)
    }
}

/// Where a user entry is written.
pub struct Origin<'a> {
    pub file: &'a GlossaryFile,
    /// Byte range of the entry's `term` value in the file.
    pub span: Range<usize>,
}

/// The built-in glossary with one set of user files merged on top.
pub struct UserGlossary {
    pub glossary: Glossary,
    files: Vec<Arc<GlossaryFile>>,
    /// Index of the first user entry in `glossary` (user entries come last, in order).
    first_user: usize,
    /// For each user entry: (file, entry within the file).
    origins: Vec<(usize, usize)>,
}

impl UserGlossary {
    /// Merges `files`, later files overriding earlier ones (and all of them the built-ins).
    pub fn build(files: Vec<Arc<GlossaryFile>>) -> UserGlossary {
        let mut user: Vec<Entry> = Vec::new();
        let mut origins = Vec::new();
        for (f, file) in files.iter().enumerate() {
            for (e, sourced) in file.entries.iter().enumerate() {
                user.push(sourced.entry.clone());
                origins.push((f, e));
            }
        }
        let glossary = Glossary::with_user(user);
        UserGlossary {
            first_user: glossary.len() - origins.len(),
            glossary,
            files,
            origins,
        }
    }

    /// Where entry `entry_index` of [`UserGlossary::glossary`] is written, if it is a user
    /// entry (`None` for built-in ones).
    pub fn origin(&self, entry_index: usize) -> Option<Origin<'_>> {
        let &(f, e) = self
            .origins
            .get(entry_index.checked_sub(self.first_user)?)?;
        let file = self.files.get(f)?;
        Some(Origin {
            file,
            span: file.entries.get(e)?.term_span.clone(),
        })
    }
}

#[derive(Default)]
struct FileState {
    good: Option<Arc<GlossaryFile>>,
    /// Set when the file should be read again before its next use.
    stale: bool,
    /// The last problem reported for this file, so it is reported once.
    reported: Option<String>,
}

/// What a store operation wants the server to tell the user or the client.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Effects {
    /// New problems (each message names its file), to log and show once.
    pub problems: Vec<String>,
    /// Files seen for the first time, to ask the client to watch.
    pub new_files: Vec<PathBuf>,
}

/// Every glossary file and combined glossary the server knows.
#[derive(Default)]
pub struct GlossaryStore {
    files: HashMap<PathBuf, FileState>,
    sets: HashMap<Vec<PathBuf>, Arc<UserGlossary>>,
}

impl GlossaryStore {
    /// The combined glossary of `paths` if it is built and current.
    pub fn cached(&self, paths: &[PathBuf]) -> Option<Arc<UserGlossary>> {
        let ready = paths
            .iter()
            .all(|p| self.files.get(p).is_some_and(|f| !f.stale));
        self.sets.get(paths).filter(|_| ready).cloned()
    }

    /// The combined glossary of `paths`, reading the files not read yet (or stale) and
    /// building the set if needed.
    pub fn get(&mut self, paths: &[PathBuf]) -> (Arc<UserGlossary>, Effects) {
        let mut effects = Effects::default();
        for path in paths {
            if !self.files.contains_key(path) {
                effects.new_files.push(path.clone());
                self.files.insert(
                    path.clone(),
                    FileState {
                        stale: true,
                        ..FileState::default()
                    },
                );
            }
            if self.files[path].stale {
                self.read(path, &mut effects);
            }
        }
        if let Some(set) = self.sets.get(paths) {
            return (set.clone(), effects);
        }
        let files = paths
            .iter()
            .filter_map(|p| self.files.get(p).and_then(|f| f.good.clone()))
            .collect();
        let set = Arc::new(UserGlossary::build(files));
        self.sets.insert(paths.to_vec(), set.clone());
        (set, effects)
    }

    /// Whether `path` is a glossary file in use.
    pub fn knows(&self, path: &Path) -> bool {
        self.files.contains_key(path)
    }

    /// Reads `path` again now (after a change on disk); returns what to report. Unknown
    /// paths are ignored.
    pub fn reload(&mut self, path: &Path) -> Effects {
        let mut effects = Effects::default();
        if self.knows(path) {
            self.read(path, &mut effects);
        }
        effects
    }

    /// Marks every file to be read again on next use and drops the combined glossaries (a
    /// `jiaodui.toml` changed: the sets in use may be different now).
    pub fn invalidate_all(&mut self) {
        for state in self.files.values_mut() {
            state.stale = true;
        }
        self.sets.clear();
    }

    /// Reads one known file, keeping the previous good version on failure, and drops the
    /// sets it is part of when its contents changed.
    fn read(&mut self, path: &Path, effects: &mut Effects) {
        let loaded = GlossaryFile::load(path);
        let state = self.files.entry(path.to_path_buf()).or_default();
        state.stale = false;
        match loaded {
            Ok(file) => {
                state.reported = None;
                let unchanged = state.good.as_ref().is_some_and(|old| old.text == file.text);
                if unchanged {
                    return;
                }
                state.good = Some(Arc::new(file));
            }
            Err(problem) => {
                let kept = if state.good.is_some() {
                    "; the previous version stays in use"
                } else {
                    ""
                };
                let message = format!("glossary {problem}{kept}");
                if state.reported.as_ref() != Some(&message) {
                    state.reported = Some(message.clone());
                    effects.problems.push(message);
                }
                return;
            }
        }
        self.sets
            .retain(|paths, _| !paths.iter().any(|p| p == path));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const USER: &str = "[[term]]\nterm = \"三会一课\"\nvariants = [\"三會一課\"]\n\
                        definition = \"本单位的解释。\"\n\n[[term]]\nterm = \"楼道议事会\"\n\
                        definition = \"居民自治。\"\n";

    fn definition_of(g: &UserGlossary, term: &str) -> String {
        g.glossary.lookup(term).unwrap().definition.clone()
    }

    #[test]
    fn origins_point_into_the_right_file() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.toml"), dir.path().join("b.toml"));
        std::fs::write(&a, USER).unwrap();
        std::fs::write(
            &b,
            "[[term]]\nterm = \"楼道议事会\"\ndefinition = \"第二个文件。\"\n",
        )
        .unwrap();
        let mut store = GlossaryStore::default();
        let (g, effects) = store.get(&[a.clone(), b.clone()]);
        assert_eq!(effects.new_files, [a.clone(), b.clone()]);
        assert!(effects.problems.is_empty());
        assert_eq!(definition_of(&g, "三會一課"), "本单位的解释。");
        assert_eq!(
            definition_of(&g, "樓道議事會"),
            "第二个文件。",
            "later files win"
        );
        let at = |term: &str| {
            let i = g.glossary.lookup_index(term).unwrap();
            g.origin(i).map(|o| {
                (
                    o.file.path.clone(),
                    o.file.line_cols(o.span, Encoding::Utf16),
                )
            })
        };
        let (path, (start, end)) = at("三会一课").unwrap();
        assert_eq!(path, a);
        assert_eq!((start.line, start.col, end.col), (1, 8, 12));
        let (path, (start, _)) = at("楼道议事会").unwrap();
        assert_eq!((path, start.line), (b.clone(), 1));
        assert!(at("四个意识").is_none(), "built-in entries have no origin");
        // Cached until something changes.
        assert!(Arc::ptr_eq(
            &store.cached(&[a.clone(), b.clone()]).unwrap(),
            &g
        ));
        assert!(store.cached(std::slice::from_ref(&a)).is_none());
    }

    #[test]
    fn broken_files_keep_the_last_good_version_and_report_once() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.toml");
        std::fs::write(&a, USER).unwrap();
        let mut store = GlossaryStore::default();
        let (first, _) = store.get(std::slice::from_ref(&a));
        std::fs::write(&a, "[[term]]\ndefinition = \"没有 term\"\n").unwrap();
        let effects = store.reload(&a);
        assert_eq!(effects.problems.len(), 1, "{effects:?}");
        assert!(effects.problems[0].contains("a.toml"), "{effects:?}");
        assert!(
            effects.problems[0].contains("previous version"),
            "{effects:?}"
        );
        assert!(store.reload(&a).problems.is_empty(), "reported once");
        let (g, _) = store.get(std::slice::from_ref(&a));
        assert!(Arc::ptr_eq(&g, &first), "the good version stays");
        // Fixed: new contents, a new set; broken again the same way: reported again.
        std::fs::write(&a, USER.replace("本单位的解释", "新的解释")).unwrap();
        assert!(store.reload(&a).problems.is_empty());
        let (g, _) = store.get(std::slice::from_ref(&a));
        assert_eq!(definition_of(&g, "三会一课"), "新的解释。");
        std::fs::write(&a, "not toml = = =").unwrap();
        assert_eq!(store.reload(&a).problems.len(), 1);
        // A missing file that never loaded: reported, and the built-ins still work.
        let missing = dir.path().join("missing.toml");
        let (g, effects) = store.get(std::slice::from_ref(&missing));
        assert_eq!(effects.problems.len(), 1);
        assert!(g.glossary.lookup("四个意识").is_some());
        assert_eq!(g.glossary.len(), Glossary::shared().len());
        // Unknown paths are ignored.
        assert_eq!(
            store.reload(&dir.path().join("other.toml")),
            Effects::default()
        );
    }

    #[test]
    fn invalidation_rereads_files_on_next_use() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.toml");
        std::fs::write(&a, USER).unwrap();
        let mut store = GlossaryStore::default();
        let (first, _) = store.get(std::slice::from_ref(&a));
        store.invalidate_all();
        assert!(store.cached(std::slice::from_ref(&a)).is_none());
        let (same, effects) = store.get(std::slice::from_ref(&a));
        assert!(effects.new_files.is_empty());
        assert_eq!(
            definition_of(&same, "三会一课"),
            definition_of(&first, "三会一课")
        );
    }
}
