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

def outline_json(text: str) -> str: ...
def define_json(term: str) -> Optional[str]: ...
