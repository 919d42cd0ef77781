//! `jiaodui._jiaodui`: the Python extension module, a thin layer over the `jiaodui` library.
//!
//! It only converts: Python strings in, the library's findings, fixes and outlines out (in the
//! field names of the CLI's JSON). Batches (`check_many`, `fix_many`, `annotate_texts`) copy
//! their inputs' UTF-8 once, release the GIL and run on rayon's threads. The public Python
//! API, with docstrings and types, is `python/jiaodui/__init__.py` and `_jiaodui.pyi`.

use jiaodui::analysis::fix::{check_and_fix_all, fix_all, fix_all_from};
use jiaodui::analysis::{self, Code, glossary::Glossary, script::ScriptCounts};
use jiaodui::cli::outline as cli_outline;
use jiaodui::config_file;
use jiaodui::position::{LineIndex, Locator};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyDict, PyList, PyString};
use rayon::prelude::*;
use std::ops::Range;
use std::path::{Path, PathBuf};

pyo3::create_exception!(
    jiaodui,
    ConfigError,
    PyValueError,
    "A config that could not be read or parsed; the message is the one `jiaodui` prints."
);

/// Python's `repr` of a string, for `__repr__`s that read like constructor calls.
fn py_repr(py: Python<'_>, s: &str) -> String {
    PyString::new(py, s)
        .repr()
        .map(|r| r.to_string())
        .unwrap_or_else(|_| format!("{s:?}"))
}

/// One edit that repairs (part of) a finding; byte offsets into the checked text's UTF-8.
#[pyclass(frozen, get_all, eq, module = "jiaodui")]
#[derive(Clone, Debug, PartialEq, Eq)]
struct Fix {
    title: String,
    byte_start: usize,
    byte_end: usize,
    replacement: String,
    safe: bool,
}

#[pymethods]
impl Fix {
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Fix(title={}, byte_start={}, byte_end={}, replacement={}, safe={})",
            py_repr(py, &self.title),
            self.byte_start,
            self.byte_end,
            py_repr(py, &self.replacement),
            if self.safe { "True" } else { "False" }
        )
    }

    /// The fix as a dict with the CLI's JSON field names.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("title", &self.title)?;
        dict.set_item("byte_start", self.byte_start)?;
        dict.set_item("byte_end", self.byte_end)?;
        dict.set_item("replacement", &self.replacement)?;
        dict.set_item("safe", self.safe)?;
        Ok(dict)
    }
}

/// One problem found in a text: the fields of a `jiaodui check --format json` record
/// (lines and columns 1-based, columns in characters, end exclusive; byte offsets into UTF-8).
#[pyclass(frozen, get_all, eq, module = "jiaodui")]
#[derive(Clone, Debug, PartialEq, Eq)]
struct Finding {
    code: String,
    severity: String,
    message: String,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    byte_start: usize,
    byte_end: usize,
    fixes: Vec<Fix>,
}

#[pymethods]
impl Finding {
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Finding(code={}, severity={}, line={}, column={}, end_line={}, end_column={}, \
             byte_start={}, byte_end={}, message={}, fixes=[{}])",
            py_repr(py, &self.code),
            py_repr(py, &self.severity),
            self.line,
            self.column,
            self.end_line,
            self.end_column,
            self.byte_start,
            self.byte_end,
            py_repr(py, &self.message),
            self.fixes
                .iter()
                .map(|f| f.__repr__(py))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }

    /// The finding as a dict with the CLI's JSON field names (fixes as dicts too).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("code", &self.code)?;
        dict.set_item("severity", &self.severity)?;
        dict.set_item("message", &self.message)?;
        dict.set_item("line", self.line)?;
        dict.set_item("column", self.column)?;
        dict.set_item("end_line", self.end_line)?;
        dict.set_item("end_column", self.end_column)?;
        dict.set_item("byte_start", self.byte_start)?;
        dict.set_item("byte_end", self.byte_end)?;
        let fixes = PyList::empty(py);
        for fix in &self.fixes {
            fixes.append(fix.to_dict(py)?)?;
        }
        dict.set_item("fixes", fixes)?;
        Ok(dict)
    }
}

/// Settings for an analysis, as in `jiaodui.toml`: codes disabled or enabled, severities,
/// message locale (`zh` or `en`), extra boilerplate phrases.
#[pyclass(frozen, module = "jiaodui")]
#[derive(Clone, Debug, Default)]
struct Config {
    inner: analysis::Config,
    /// The file it was read from, if any.
    path: Option<PathBuf>,
}

#[pymethods]
impl Config {
    /// The defaults (what `jiaodui` uses when there is no `jiaodui.toml`).
    #[new]
    fn new() -> Config {
        Config::default()
    }

    /// A config from TOML text (`str`) or from a file (`os.PathLike`, e.g. `pathlib.Path`).
    /// Raises `ConfigError` with the CLI's message (naming the file, for a file).
    #[staticmethod]
    fn from_toml(source: &Bound<'_, PyAny>) -> PyResult<Config> {
        if let Ok(text) = source.extract::<PyBackedStr>() {
            let inner = analysis::Config::from_toml(&text)
                .map_err(|e| ConfigError::new_err(format!("invalid config: {e}")))?;
            return Ok(Config { inner, path: None });
        }
        let path: PathBuf = source.extract()?;
        load(&path)
    }

    /// The config `jiaodui check` would use for a file at `path`: the nearest `jiaodui.toml`
    /// (or `.jiaodui.toml`) in its directory or above, up to the repository root; `None`
    /// when there is none.
    #[staticmethod]
    fn discover(path: PathBuf) -> PyResult<Option<Config>> {
        match config_file::discover(&config_file::start_dir_for(&path)) {
            Ok(Some((path, inner))) => Ok(Some(Config {
                inner,
                path: Some(path),
            })),
            Ok(None) => Ok(None),
            Err(e) => Err(ConfigError::new_err(format!("invalid config {e}"))),
        }
    }

    /// `"zh"` or `"en"`: the language of finding messages.
    #[getter]
    fn locale(&self) -> &'static str {
        match self.inner.locale {
            analysis::Locale::Zh => "zh",
            analysis::Locale::En => "en",
        }
    }

    /// Whether findings of `code` (e.g. `"garble/mojibake"`) are reported.
    fn is_enabled(&self, code: &str) -> PyResult<bool> {
        let code = Code::parse(code)
            .ok_or_else(|| PyValueError::new_err(format!("unknown code `{code}`")))?;
        Ok(self.inner.is_enabled(code))
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        match &self.path {
            Some(path) => format!(
                "Config.from_toml(pathlib.Path({}))",
                py_repr(py, &path.display().to_string())
            ),
            None => format!(
                "Config(locale={}, disable={:?}, enable={:?})",
                py_repr(py, self.locale()),
                self.inner.disable,
                self.inner.enable
            ),
        }
    }
}

/// Reads a config file the way the CLI's `--config FILE` does.
fn load(path: &Path) -> PyResult<Config> {
    let inner = config_file::load_config(path)
        .map_err(|e| ConfigError::new_err(format!("invalid config {e}")))?;
    Ok(Config {
        inner,
        path: Some(path.to_path_buf()),
    })
}

/// The config for one call: the one given, else the one discovered from `path`, else defaults.
fn resolve(config: Option<&Config>, path: Option<PathBuf>) -> PyResult<analysis::Config> {
    if let Some(config) = config {
        return Ok(config.inner.clone());
    }
    if let Some(path) = path {
        return Ok(Config::discover(path)?.unwrap_or_default().inner);
    }
    Ok(analysis::Config::default())
}

/// The library's findings of `text` in the CLI's JSON fields.
fn findings_of(text: &str, config: &analysis::Config) -> Vec<Finding> {
    located(text, analysis::check(text, config))
}

/// `found` (findings of `text`) with their lines and columns, in the CLI's JSON fields.
fn located(text: &str, found: Vec<analysis::Finding>) -> Vec<Finding> {
    let mut locator = Locator::new(text);
    found
        .into_iter()
        .map(|f| {
            let at = locator.span(&f.range);
            Finding {
                code: f.code.as_str().to_string(),
                severity: f.severity.as_str().to_string(),
                message: f.message,
                line: at.line,
                column: at.column,
                end_line: at.end_line,
                end_column: at.end_column,
                byte_start: f.range.start,
                byte_end: f.range.end,
                fixes: f
                    .fixes
                    .into_iter()
                    .map(|x| Fix {
                        title: x.title,
                        byte_start: x.range.start,
                        byte_end: x.range.end,
                        replacement: x.replacement,
                        safe: x.safe,
                    })
                    .collect(),
            }
        })
        .collect()
}

/// Runs `work` on `threads` threads (rayon's global pool, one per core, when `None`).
fn on_threads<T: Send>(threads: Option<usize>, work: impl FnOnce() -> T + Send) -> PyResult<T> {
    match threads {
        None => Ok(work()),
        Some(0) => Err(PyValueError::new_err("threads must be at least 1")),
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map(|pool| pool.install(work))
            .map_err(|e| PyValueError::new_err(e.to_string())),
    }
}

/// `jiaodui.check`: the findings of one text.
#[pyfunction]
#[pyo3(signature = (text, *, config = None, path = None))]
fn check(
    py: Python<'_>,
    text: PyBackedStr,
    config: Option<&Config>,
    path: Option<PathBuf>,
) -> PyResult<Vec<Finding>> {
    let kind = kind_of(path.as_deref());
    let config = resolve(config, path)?;
    Ok(py.detach(|| {
        let profile = analysis::Profile::new(&config, kind);
        located(&text, analysis::check_with(&text, profile))
    }))
}

/// What a file named `path` holds, as the CLI decides it (Markdown by its extension).
fn kind_of(path: Option<&Path>) -> analysis::TextKind {
    path.map_or(analysis::TextKind::Plain, |p| {
        analysis::TextKind::of_path(&p.to_string_lossy())
    })
}

/// `jiaodui.fix`: the text with every safe fix applied (`fix_all`, as `jiaodui fix`).
#[pyfunction]
#[pyo3(signature = (text, *, config = None, path = None))]
fn fix(
    py: Python<'_>,
    text: PyBackedStr,
    config: Option<&Config>,
    path: Option<PathBuf>,
) -> PyResult<String> {
    let kind = kind_of(path.as_deref());
    let config = resolve(config, path)?;
    Ok(py.detach(|| analysis::fix::fix_all_with(&text, analysis::Profile::new(&config, kind)).0))
}

/// `jiaodui.check_many`: `check` of each text on rayon's threads, without the GIL.
#[pyfunction]
#[pyo3(signature = (texts, *, config = None, threads = None))]
fn check_many(
    py: Python<'_>,
    texts: Vec<PyBackedStr>,
    config: Option<&Config>,
    threads: Option<usize>,
) -> PyResult<Vec<Vec<Finding>>> {
    let config = resolve(config, None)?;
    py.detach(|| {
        on_threads(threads, || {
            texts
                .par_iter()
                .map(|text| findings_of(text, &config))
                .collect()
        })
    })
}

/// `jiaodui.fix_many`: `fix` of each text on rayon's threads, without the GIL.
#[pyfunction]
#[pyo3(signature = (texts, *, config = None, threads = None))]
fn fix_many(
    py: Python<'_>,
    texts: Vec<PyBackedStr>,
    config: Option<&Config>,
    threads: Option<usize>,
) -> PyResult<Vec<String>> {
    let config = resolve(config, None)?;
    py.detach(|| {
        on_threads(threads, || {
            texts
                .par_iter()
                .map(|text| fix_all(text, &config).0)
                .collect()
        })
    })
}

/// `jiaodui.check_and_fix_many`: for each text, its findings and its fixed text, from one
/// analysis fewer than `check_many` plus `fix_many`.
#[pyfunction]
#[pyo3(signature = (texts, *, config = None, threads = None))]
fn check_and_fix_many(
    py: Python<'_>,
    texts: Vec<PyBackedStr>,
    config: Option<&Config>,
    threads: Option<usize>,
) -> PyResult<Vec<(Vec<Finding>, String)>> {
    let config = resolve(config, None)?;
    py.detach(|| {
        on_threads(threads, || {
            texts
                .par_iter()
                .map(|text| {
                    let (found, fixed, _) = check_and_fix_all(text, &config);
                    (located(text, found), fixed)
                })
                .collect()
        })
    })
}

/// What the filters need of one text's findings: the distinct codes, the characters covered by
/// `garble/*` findings, the bytes covered by `spam/*` findings and their share of the text.
struct Measures {
    codes: Vec<&'static str>,
    garble_chars: usize,
    spam_bytes: usize,
    spam_ratio: f64,
}

/// Per-document columns of `annotate_arrow`, computed from one `check` of the text.
struct Annotation {
    measures: Measures,
    script: &'static str,
    fixed: Option<String>,
}

/// Sorts and merges ranges so that overlapping findings count their bytes once.
fn merged(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// The measures of `found`, the findings of `text`.
fn measure(text: &str, found: &[analysis::Finding]) -> Measures {
    let of_family = |family: &str| {
        merged(
            found
                .iter()
                .filter(|f| f.code.family() == family)
                .map(|f| f.range.clone())
                .collect(),
        )
    };
    let garble_chars = of_family("garble")
        .iter()
        .map(|r| text.get(r.clone()).map_or(0, |s| s.chars().count()))
        .sum();
    let spam_bytes: usize = of_family("spam").iter().map(|r| r.len()).sum();
    Measures {
        codes: distinct_codes(found),
        garble_chars,
        spam_bytes,
        spam_ratio: if text.is_empty() {
            0.0
        } else {
            spam_bytes as f64 / text.len() as f64
        },
    }
}

/// The distinct codes of `found`, sorted.
fn distinct_codes(found: &[analysis::Finding]) -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = found.iter().map(|f| f.code.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

/// One document's annotation: a single `check`, plus `fix_all` when asked (which starts from
/// that check's findings).
fn annotate(text: &str, config: &analysis::Config, with_fix: bool) -> Annotation {
    let found = analysis::check(text, config);
    Annotation {
        measures: measure(text, &found),
        script: ScriptCounts::of(text).label(),
        fixed: with_fix.then(|| fix_all_from(text, &found).0),
    }
}

/// `annotate_arrow`'s new columns, as lists named like the columns (a null text gives nulls);
/// a dict on the Python side.
#[derive(Default, IntoPyObject)]
struct AnnotationColumns {
    jiaodui_codes: Vec<Option<Vec<&'static str>>>,
    jiaodui_garble_chars: Vec<Option<usize>>,
    jiaodui_spam_bytes: Vec<Option<usize>>,
    jiaodui_spam_ratio: Vec<Option<f64>>,
    jiaodui_script: Vec<Option<&'static str>>,
    /// Only with `fix`.
    text_fixed: Option<Vec<Option<String>>>,
}

impl AnnotationColumns {
    fn push(&mut self, row: Option<Annotation>) {
        let Some(row) = row else {
            self.jiaodui_codes.push(None);
            self.jiaodui_garble_chars.push(None);
            self.jiaodui_spam_bytes.push(None);
            self.jiaodui_spam_ratio.push(None);
            self.jiaodui_script.push(None);
            if let Some(fixed) = &mut self.text_fixed {
                fixed.push(None);
            }
            return;
        };
        self.jiaodui_codes.push(Some(row.measures.codes));
        self.jiaodui_garble_chars
            .push(Some(row.measures.garble_chars));
        self.jiaodui_spam_bytes.push(Some(row.measures.spam_bytes));
        self.jiaodui_spam_ratio.push(Some(row.measures.spam_ratio));
        self.jiaodui_script.push(Some(row.script));
        if let Some(fixed) = &mut self.text_fixed {
            fixed.push(row.fixed);
        }
    }
}

/// The columns `annotate_arrow` adds, as a dict of lists.
#[pyfunction]
#[pyo3(signature = (texts, *, fix = false, config = None, threads = None))]
fn annotate_texts(
    py: Python<'_>,
    texts: Vec<Option<PyBackedStr>>,
    fix: bool,
    config: Option<&Config>,
    threads: Option<usize>,
) -> PyResult<AnnotationColumns> {
    let config = resolve(config, None)?;
    let rows: Vec<Option<Annotation>> = py.detach(|| {
        on_threads(threads, || {
            texts
                .par_iter()
                .map(|text| text.as_ref().map(|t| annotate(t, &config, fix)))
                .collect()
        })
    })?;
    let mut columns = AnnotationColumns {
        text_fixed: fix.then(Vec::new),
        ..AnnotationColumns::default()
    };
    for row in rows {
        columns.push(row);
    }
    Ok(columns)
}

/// The findings of one text, kept on the Rust side: what `JiaoduiFilter` hands to
/// `JiaoduiFixer` so that a document the filter kept is not analysed again. Opaque.
#[pyclass(frozen, module = "jiaodui._jiaodui")]
struct Analysis {
    findings: Vec<analysis::Finding>,
}

#[pymethods]
impl Analysis {
    /// How many findings.
    fn __len__(&self) -> usize {
        self.findings.len()
    }

    fn __repr__(&self) -> String {
        format!("<jiaodui Analysis: {} findings>", self.findings.len())
    }
}

/// `JiaoduiFilter`'s batch: one `check` of each text, returned as the analyses (for
/// `fix_analysed_many`) and, as lists, the distinct codes, garbled characters and spam ratio.
#[pyfunction]
#[pyo3(signature = (texts, *, config = None, threads = None))]
#[allow(clippy::type_complexity)]
fn screen_many(
    py: Python<'_>,
    texts: Vec<PyBackedStr>,
    config: Option<&Config>,
    threads: Option<usize>,
) -> PyResult<(Vec<Analysis>, Vec<Vec<&'static str>>, Vec<usize>, Vec<f64>)> {
    let config = resolve(config, None)?;
    let rows: Vec<(Vec<analysis::Finding>, Measures)> = py.detach(|| {
        on_threads(threads, || {
            texts
                .par_iter()
                .map(|text| {
                    let found = analysis::check(text, &config);
                    let measures = measure(text, &found);
                    (found, measures)
                })
                .collect()
        })
    })?;
    let n = rows.len();
    let (mut analyses, mut codes, mut garble, mut spam) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    for (findings, m) in rows {
        analyses.push(Analysis { findings });
        codes.push(m.codes);
        garble.push(m.garble_chars);
        spam.push(m.spam_ratio);
    }
    Ok((analyses, codes, garble, spam))
}

/// One text's result in `fix_analysed_many`.
struct Fixed {
    /// `None` when fixing left the text as it was.
    text: Option<String>,
    fixes: usize,
    count: usize,
    codes: Vec<&'static str>,
    findings: Option<Vec<Finding>>,
}

/// `JiaoduiFixer`'s batch: `fix` of each text, starting from its analysis when one is given
/// (`None`: the text is checked here). For each text: the fixed text (`None` when unchanged),
/// the number of safe fixes applied, the number of findings of the text before fixing, their
/// distinct codes and, with `findings`, the findings as dicts with the CLI's JSON fields (else
/// `None`).
#[pyfunction]
#[pyo3(signature = (texts, analyses, *, findings = false, config = None, threads = None))]
#[allow(clippy::type_complexity)]
fn fix_analysed_many<'py>(
    py: Python<'py>,
    texts: Vec<PyBackedStr>,
    analyses: Vec<Option<Py<Analysis>>>,
    findings: bool,
    config: Option<&Config>,
    threads: Option<usize>,
) -> PyResult<
    Vec<(
        Option<String>,
        usize,
        usize,
        Vec<&'static str>,
        Option<Vec<Bound<'py, PyDict>>>,
    )>,
> {
    if analyses.len() != texts.len() {
        return Err(PyValueError::new_err(
            "texts and analyses must have the same length",
        ));
    }
    let config = resolve(config, None)?;
    let rows: Vec<Fixed> = py.detach(|| {
        on_threads(threads, || {
            texts
                .par_iter()
                .zip(analyses.par_iter())
                .map(|(text, analysis)| {
                    let fresh;
                    let found = match analysis {
                        Some(a) => &a.get().findings,
                        None => {
                            fresh = analysis::check(text, &config);
                            &fresh
                        }
                    };
                    let (fixed, fixes) = fix_all_from(text, found);
                    Fixed {
                        text: (fixed.as_str() != &**text).then_some(fixed),
                        fixes,
                        count: found.len(),
                        codes: distinct_codes(found),
                        findings: findings.then(|| located(text, found.clone())),
                    }
                })
                .collect()
        })
    })?;
    rows.into_iter()
        .map(|row| {
            let dicts = match row.findings {
                Some(found) => Some(
                    found
                        .iter()
                        .map(|f| f.to_dict(py))
                        .collect::<PyResult<Vec<_>>>()?,
                ),
                None => None,
            };
            Ok((row.text, row.fixes, row.count, row.codes, dicts))
        })
        .collect()
}

/// The section tree as `jiaodui outline --format json` prints it (a JSON array).
#[pyfunction]
fn outline_json(py: Python<'_>, text: PyBackedStr) -> String {
    py.detach(|| {
        let symbols = analysis::outline::outline(&text);
        cli_outline::json(&symbols, &LineIndex::new(&text))
    })
}

/// What `jiaodui define --format json TERM` prints (built-in glossary, then CC-CEDICT), or
/// `None` when neither knows the term.
#[pyfunction]
fn define_json(py: Python<'_>, term: &str) -> Option<String> {
    py.detach(|| {
        Glossary::shared()
            .define(term)
            .and_then(|d| serde_json::to_string(&d).ok())
    })
}

#[pymodule]
fn _jiaodui(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Fix>()?;
    m.add_class::<Finding>()?;
    m.add_class::<Config>()?;
    m.add_class::<Analysis>()?;
    m.add("ConfigError", m.py().get_type::<ConfigError>())?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(fix, m)?)?;
    m.add_function(wrap_pyfunction!(check_many, m)?)?;
    m.add_function(wrap_pyfunction!(fix_many, m)?)?;
    m.add_function(wrap_pyfunction!(check_and_fix_many, m)?)?;
    m.add_function(wrap_pyfunction!(annotate_texts, m)?)?;
    m.add_function(wrap_pyfunction!(screen_many, m)?)?;
    m.add_function(wrap_pyfunction!(fix_analysed_many, m)?)?;
    m.add_function(wrap_pyfunction!(outline_json, m)?)?;
    m.add_function(wrap_pyfunction!(define_json, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
