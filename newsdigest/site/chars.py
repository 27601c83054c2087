"""Characters no page or feed may carry, removed on the way out.

Outlet text can hold NULs, form feeds or stray C1 controls from a bad decode.
HTML forbids them (the Nu checker reports each one) and XML 1.0 cannot encode
them at all (lxml refuses, which would fail the whole build over one byte), so
every string a template prints or a feed carries passes through `printable()`.
"""

from __future__ import annotations

import re

from markupsafe import Markup

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]")


def printable(value: str) -> str:
    """`value` without control characters and noncharacters; keeps `Markup` as `Markup`."""
    if not _FORBIDDEN.search(value):
        return value
    cleaned = _FORBIDDEN.sub("", value)
    return Markup(cleaned) if isinstance(value, Markup) else cleaned


def finalize(value: object) -> object:
    """Jinja's `finalize` hook: every `{{ … }}` output goes through `printable()`."""
    return printable(value) if isinstance(value, str) else value
