"""A folder of cached results, each filed under the digest of the input it was computed from.

The cache is an optimisation only: an entry is trusted just when it says which
input it is for (the digest it is filed under) and its value passes the
caller's shape check; anything else (a truncated file, another version's
pickle, a value of the wrong shape) is dropped and recomputed. Deleting the
folder changes nothing but time. Entries are written to a temporary name and
renamed into place, so a build stopped half-way leaves no half-written entry.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

from newsdigest.publish import temp_prefix

FORMAT = 1
"""Bumped when the layout of an entry changes."""


def digest(*parts: str | bytes) -> str:
    """A hex SHA-256 of the parts, each length-prefixed so that no two sequences collide."""
    chunks = []
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        chunks += (len(data).to_bytes(8, "little"), data)
    return hashlib.sha256(b"".join(chunks)).hexdigest()  # one call: a build digests thousands of small parts


@cache
def code_digest(*places: Path) -> str:
    """The digest of the Python sources in `places` (folders, or single files): a change of code invalidates
    what it computed."""
    files = sorted(p for place in places for p in (place.rglob("*.py") if place.is_dir() else (place,)))
    return digest(*(part for p in files for part in (p.relative_to(p.parent.parent).as_posix(), p.read_bytes())))


class Store:
    """Values filed under the digest of their input, in `folder` (None: a store that keeps nothing)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str, valid: Callable[[Any], bool]) -> Any | None:
        """The value filed under `key` if it is there, claims to be for `key` and passes `valid`; else None."""
        if self.folder is None:
            return None
        path = self._path(key)
        try:
            with path.open("rb") as handle:
                entry = pickle.load(handle)
            if (isinstance(entry, dict) and entry.get("format") == FORMAT and entry.get("key") == key
                    and valid(entry.get("value"))):
                return entry["value"]
        except FileNotFoundError:
            pass
        except Exception:  # noqa: BLE001 - any unreadable entry is just a miss
            pass
        self._drop(path)
        return None

    def put(self, key: str, value: Any) -> None:
        """File `value` under `key` (atomically); a cache that cannot be written is no error."""
        if self.folder is None:
            return
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path.name), dir=path.parent)  # a dead build's is cleaned
            with os.fdopen(fd, "wb") as handle:
                pickle.dump({"format": FORMAT, "key": key, "value": value}, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            return

    def keep_only(self, keys: Iterable[str]) -> None:
        """Remove entries not among `keys` (the ones the last build used), so the cache does not grow forever."""
        if self.folder is None or not self.folder.is_dir():
            return
        wanted = {f"{key}.pickle" for key in keys}
        for entry in self.folder.glob("??/*"):  # entries only: a store may hold another store's folder
            if entry.name not in wanted:
                self._drop(entry)

    @staticmethod
    def _drop(path: Path) -> None:
        try:
            path.unlink()
        except OSError:
            pass


def _text_table(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())


class Table:
    """Texts made from one input each, kept between builds in one entry of `store` (filed under `name`): a
    build makes again only the texts whose key it has not kept. A text asked for without a key is always made."""

    def __init__(self, store: Store | None, name: str, valid: Callable[[Any], bool] = _text_table) -> None:
        self._store = store
        self._name = name
        self._known: dict[str, str] = (store.get(name, valid) or {}) if store is not None else {}
        self._used: dict[str, str] = {}

    def get(self, key: str | None, make: Callable[[], str]) -> str:
        if key is None:
            return make()
        if key not in self._used:
            known = self._known.get(key)
            self._used[key] = known if known is not None else make()
        return self._used[key]

    def save(self, wanted: Callable[[str], bool] | None = None) -> None:
        """Keep this build's texts, and those it did not need whose key is `wanted` (only these: the cache
        does not grow)."""
        kept = self._used | {k: v for k, v in self._known.items() if wanted(k)} if wanted else self._used
        if self._store is not None and kept != self._known:
            self._store.put(self._name, kept)
