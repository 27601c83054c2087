"""Which templates a page is made of, so a template edit re-renders only the pages that use it.

Every page names one template (`Page.template`); that template extends,
includes and imports others, which may do the same. The set a page depends on
is the transitive closure of those references, read from the templates'
sources with `jinja2.meta.find_referenced_templates`. A reference Jinja
cannot name statically (`{% include name_in_a_variable %}`), or a template
that does not even parse, makes the template depend on everything: guessing
too few pages would leave stale ones published, guessing too many only costs
time (and a broken template must be rendered to report its error).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from weakref import WeakKeyDictionary

from jinja2 import Environment, TemplateError, meta

EVERYTHING = None
"""A template's references when they cannot be known: it depends on every template."""


_parsed: WeakKeyDictionary[Environment, dict[str, frozenset[str] | None]] = WeakKeyDictionary()
"""References per environment and template: `theme.environment` builds a new environment whenever a
template file changes, so each template is parsed once per state of the theme."""


def references(env: Environment, name: str) -> frozenset[str] | None:
    """The template names `name` refers to directly; None when unknown (dynamic or unparsable)."""
    known = _parsed.setdefault(env, {})
    if name not in known:
        known[name] = _parse(env, name)
    return known[name]


def _parse(env: Environment, name: str) -> frozenset[str] | None:
    try:
        source, _filename, _uptodate = env.loader.get_source(env, name)  # type: ignore[union-attr]
        found = tuple(meta.find_referenced_templates(env.parse(source)))
    except TemplateError:  # missing or broken: the page's own render reports it
        return EVERYTHING
    if any(ref is None for ref in found):
        return EVERYTHING
    return frozenset(ref for ref in found if ref is not None)


def closure(env: Environment, name: str) -> frozenset[str] | None:
    """`name` and every template it reaches through extends, include and import; None for everything."""
    seen: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        refs = references(env, current)
        if refs is EVERYTHING:
            return EVERYTHING
        todo.extend(refs - seen)
    return frozenset(seen)


def users_of(env: Environment, changed: Collection[str]) -> Callable[[str], bool]:
    """A predicate on template names: does rendering it read any of the `changed` templates?

    Answers are remembered per name, and templates are parsed once per
    environment, so asking for every page of the site costs one parse per template.
    """
    wanted = frozenset(changed)
    known: dict[str, bool] = {}

    def uses(template: str) -> bool:
        if template not in known:
            reached = closure(env, template)
            known[template] = bool(wanted) and (reached is EVERYTHING or not reached.isdisjoint(wanted))
        return known[template]

    return uses


__all__ = ["closure", "references", "users_of"]
