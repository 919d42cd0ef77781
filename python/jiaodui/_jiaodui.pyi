"""Types of the Rust extension module (see jiaodui/__init__.py for the documented API)."""

import os
from typing import Any, Optional, Sequence, Union

__version__: str

_Path = Union[str, os.PathLike[str]]

class ConfigError(ValueError):
    """A config that could not be read or parsed; the message is the one `jiaodui` prints."""

class Fix:
    """One edit that repairs (part of) a finding; byte offsets into the text's UTF-8."""

    @property
    def title(self) -> str: ...
    @property
    def byte_start(self) -> int: ...
    @property
    def byte_end(self) -> int: ...
    @property
    def replacement(self) -> str: ...
    @property
    def safe(self) -> bool:
        """Safe fixes are the ones `fix` applies."""
    def to_dict(self) -> dict[str, Any]: ...

class Finding:
    """One finding: the fields of a `jiaodui check --format json` record."""

    @property
    def code(self) -> str:
        """e.g. `garble/inline-pinyin`, `spam/boilerplate`."""
    @property
    def severity(self) -> str:
        """`error`, `warning`, `info` or `hint`."""
    @property
    def message(self) -> str: ...
    @property
    def line(self) -> int:
        """1-based line of the start."""
    @property
    def column(self) -> int:
        """1-based column of the start, in characters."""
    @property
    def end_line(self) -> int: ...
    @property
    def end_column(self) -> int:
        """1-based column just past the end, in characters."""
    @property
    def byte_start(self) -> int: ...
    @property
    def byte_end(self) -> int: ...
    @property
    def fixes(self) -> list[Fix]: ...
    def to_dict(self) -> dict[str, Any]:
        """The finding with the CLI's JSON field names (fixes as dicts)."""

class Config:
    """Settings as in `jiaodui.toml`; `Config()` is the defaults."""

    def __init__(self) -> None: ...
    @staticmethod
    def from_toml(source: Union[str, os.PathLike[str]]) -> Config:
        """TOML text (`str`) or a file (`os.PathLike`); raises `ConfigError`."""
    @staticmethod
    def discover(path: _Path) -> Optional[Config]:
        """The nearest `jiaodui.toml` for a file at `path`, as `jiaodui check` finds it."""
    @property
    def locale(self) -> str: ...
    def is_enabled(self, code: str) -> bool: ...

def check(text: str, *, config: Optional[Config] = None, path: Optional[_Path] = None) -> list[Finding]: ...
def fix(text: str, *, config: Optional[Config] = None, path: Optional[_Path] = None) -> str: ...
def check_many(
    texts: Sequence[str], *, config: Optional[Config] = None, threads: Optional[int] = None
) -> list[list[Finding]]: ...
def fix_many(texts: Sequence[str], *, config: Optional[Config] = None, threads: Optional[int] = None) -> list[str]: ...
def check_and_fix_many(
    texts: Sequence[str], *, config: Optional[Config] = None, threads: Optional[int] = None
) -> list[tuple[list[Finding], str]]: ...
def annotate_texts(
    texts: Sequence[Optional[str]], *, fix: bool = False, config: Optional[Config] = None, threads: Optional[int] = None
) -> dict[str, Optional[list[Any]]]:
    """`annotate_arrow`'s new columns by name, as lists (`text_fixed` is None without `fix`)."""

class Analysis:
    """The findings of one text, kept in Rust (opaque): `JiaoduiFilter` hands them to `JiaoduiFixer`."""

    def __len__(self) -> int: ...

def screen_many(
    texts: Sequence[str], *, config: Optional[Config] = None, threads: Optional[int] = None
) -> tuple[list[Analysis], list[list[str]], list[int], list[float]]:
    """One check per text: the analyses, and per text the distinct codes, garbled characters and
    spam ratio (as `annotate_texts` computes them)."""

def fix_analysed_many(
    texts: Sequence[str],
    analyses: Sequence[Optional[Analysis]],
    *,
    findings: bool = False,
    config: Optional[Config] = None,
    threads: Optional[int] = None,
) -> list[tuple[Optional[str], int, int, list[str], Optional[list[dict[str, Any]]]]]:
    """`fix` of each text, starting from its analysis (`None`: checked here). Per text: the fixed
    text (`None` when unchanged), safe fixes applied, findings of the text before fixing, their
    distinct codes, and with `findings` those findings as `Finding.to_dict()` dicts."""

def outline_json(text: str) -> str: ...
def define_json(term: str) -> Optional[str]: ...
