"""Which release of a library is installed, as cache keys need it: without `importlib.metadata`.

The caches of ingest, of analysis and of the site stage are filed under the
releases of the libraries whose output they keep (a new release may extract,
compute or lay out text otherwise), and each stage reads them here, nowhere
else. Asking `importlib.metadata` would cost every build tens of milliseconds:
its import, then a scan and a parse of each library's metadata file. An installed
distribution's folder of metadata is named after its release
(`charset_normalizer-3.4.0.dist-info`, as installers write it), so the folders
on the import path are listed once and the release read from their names. A
folder counts only when it holds its METADATA file (a failed uninstall may leave
an empty one, which `importlib.metadata` gives no release for); a library
installed another way (an egg, a development checkout), or found only through
such a folder, is asked of `importlib.metadata` as before.
"""

from __future__ import annotations

import os
import re
import sys
from functools import cache

_SUFFIX = ".dist-info"


def _normal(name: str) -> str:
    """A distribution's name as its metadata folder and the index compare it (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


@cache
def _installed() -> dict[str, tuple[str, str]]:
    """Normalised distribution name -> its release and metadata folder, for each such folder on the import path
    (the first wins, as the import system's own)."""
    found: dict[str, tuple[str, str]] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:  # a zip file, a folder that is not there
            continue
        for name in names:
            if name.endswith(_SUFFIX) and "-" in name:
                dist, release = name[: -len(_SUFFIX)].split("-", 1)
                found.setdefault(_normal(dist), (release, os.path.join(entry or ".", name)))
    return found


def release(distribution: str) -> str | None:
    """The installed release of `distribution` ("charset-normalizer"); None when it is not installed."""
    found = _installed().get(_normal(distribution))
    if found is not None and os.path.isfile(os.path.join(found[1], "METADATA")):
        return found[0]
    from importlib import metadata

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def releases(*distributions: str) -> tuple[str, ...]:
    """"name=release" of each distribution ("name=None" when it is not installed), as cache keys are filed under."""
    return tuple(f"{name}={release(name)}" for name in distributions)
