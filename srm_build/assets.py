"""The client files the package ships, minified as they are published, and which of them
each page loads.

The client is a small core (`srm.js`: storage, the review queue, shuffling, announcing,
the registry that mounts components) and one file per component (`srm-<name>.js`). A page
loads the core and the files of the components its HTML uses, found by their data
attribute (`data-srm-component="<name>"`, or `data-srm-tip` for glossary tips): the build
links them after the core (`page_scripts`, `link_components`), and the core loads a
component's files itself when instant navigation brings a page that uses one the first page
did not. Every file is external (CSP `script-src 'self'`) and minified with rjsmin and
rcssmin; sources keep their comments. Which files there are comes from the registry: the
core every page loads (`CORE_CLIENT`) and each unit's own (`client` in its unit); the
theme fixes (`THEME_FIXES`) are published beside them.

Styles are mostly one stylesheet, `srm.css`, linked in every page's head: the shared rules
(feedback, actions, the room kept for controls before the script runs), then the unit
stylesheets the registry's `IN_CORE_STYLESHEET` names (sort, flashcards, quiz, exam), which
the build appends to it as it publishes it. Other units' own
stylesheets (`.css` files in its `client`) are linked in the head of the pages whose HTML
uses its component, right after `srm.css` (`link_components`), so that its markup is styled
without the script and in print; as the theme's instant navigation keeps the first page's
head, and the exam and the review load the scripts of the question types they copy, the
build puts before the script of such a component the lines that link its stylesheets where
the page lacks them (`component_script`, templates/link-styles.js), finding them by
`data-srm-<name>`.

The budget (see tests/test_components.py) is measured on what each page loads."""

from __future__ import annotations

import functools
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import rcssmin
import rjsmin

from .registry import CORE_CLIENT, IN_CORE_STYLESHEET, UNITS, client_files

FOLDER = Path(__file__).parent / "assets"
URI = "assets/srm/{}"
"""Where each file is published, relative to the site root."""

STYLESHEET = URI.format("srm.css")
SCRIPT = URI.format("srm.js")
"""The core: linked from every page by the plugin; the theme overrides load the boot
scripts (theme.js, palette.js) themselves."""
EVERY_PAGE = CORE_CLIENT
"""The files every page loads, whatever components it has (the registry's core)."""
THEME_FIXES = ("theme-modern.css",)
"""Files that patch a theme rather than belong to a unit, so the registry does not list them."""
MODERN_STYLESHEET = URI.format(THEME_FIXES[0])
"""Contrast fixes to Zensical's "modern" theme: the package's partial links it on that
theme's pages only."""


@dataclass(frozen=True)
class Component:
    """A client component, whose script is `srm-<name>.js` (see `path_of`): the `selector`
    that finds its elements in a page, its own stylesheets (linked in the head of the pages
    that use it, and by its published script where a page lacks them: `component_script`), and
    the other entries of `COMPONENTS` whose scripts must run before its own (`needs`). An
    entry with no selector is a module that components share, never mounted itself."""

    selector: str | None = None
    styles: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()


def _by_attribute(name: str, **options: tuple[str, ...]) -> Component:
    return Component(f'[data-srm-component="{name}"]', **options)


_ORDER = (
    *("sort", "choice", "flashcards", "quiz", "progress", "chapters"),
    *("study", "exam", "review", "explorer", "tip"),
)
"""The order bundles are named in, for the components listed here; others come after, in the
registry's order. Sort first, so that the file a page with a sort question loads says so
first (srm-sort-choice-....js)."""

_SPECIAL: dict[str, Component] = {
    "study": Component(),
    "drag": Component(),
    "tip": Component("[data-srm-tip]"),
}
"""Components that no unit's `component` describes: modules that components share (never
mounted themselves): `study`, the exam's and the review's, and `drag`, the sort's and the
order's; and glossary tips, found by their own attribute."""


def _name(script: str) -> str:
    return script.removeprefix("srm-").removesuffix(".js")


def _declared() -> dict[str, Component]:
    """The components the registry's units declare (`component`): found by their own
    `data-srm-component` attribute, needing the scripts its unit's `client` names before
    its own (in that order; a unit may name others after it, to publish them) and linking
    the stylesheets among them. A new unit needs no entry here."""
    found: dict[str, Component] = {}
    for unit in UNITS:
        if unit.component and unit.component not in found:
            scripts = [_name(f) for f in unit.client if f.endswith(".js")]
            if unit.component in scripts:
                scripts = scripts[: scripts.index(unit.component)]
            found[unit.component] = _by_attribute(
                unit.component,
                needs=tuple(s for s in scripts if s != unit.component),
                styles=tuple(
                    f for f in unit.client if f.endswith(".css") and f not in IN_CORE_STYLESHEET
                ),
            )
    return found


def _components() -> dict[str, Component]:
    """The components of the registry's client files (each `srm-<name>.js` a unit names
    in its `client`), in `_ORDER`, then the others in the registry's; each as its unit
    declares it, else `_SPECIAL`'s, else found by its own attribute with no needs."""
    names = [
        _name(f)
        for f in client_files()
        if f not in CORE_CLIENT and f.startswith("srm-") and f.endswith(".js")
    ]
    names.sort(key=lambda n: _ORDER.index(n) if n in _ORDER else len(_ORDER))
    declared = _declared()
    return {name: declared.get(name) or _SPECIAL.get(name) or _by_attribute(name) for name in names}


COMPONENTS: dict[str, Component] = _components()
"""Component name -> what it is made of: one entry per component script the registry's
units name (`client`). `register` may add entries."""


def register(name: str, component: Component) -> None:
    """Adds (or replaces) the client component `name`, whose script `srm-<name>.js` and
    styles must be in `FOLDER` or beside a unit that lists them (`path_of`). Raises
    ValueError for a name that is not lowercase letters, digits and dashes, for a missing
    file, or for a need that is not registered."""
    if not re.fullmatch(r"[a-z][a-z0-9]*", name):
        raise ValueError(f"client component name {name!r}: lowercase letters and digits")
    if component.selector:
        _pattern(component.selector)  # raises for a selector the build cannot find
    unknown = [need for need in component.needs if need not in COMPONENTS]
    if unknown:
        raise ValueError(f"client component {name!r} needs unknown {', '.join(unknown)}")
    missing = [f for f in (script_of(name), *component.styles) if not path_of(f).is_file()]
    if missing:
        raise ValueError(f"client component {name!r}: no {', '.join(missing)} in {FOLDER}")
    global _registered
    COMPONENTS[name] = component
    _registered += 1


def path_of(name: str) -> Path:
    """Where the client file `name` is: beside a unit that lists it in its `client` (in the
    unit's package folder, `srm_build/items/<type>/`) or beside a unit it builds on (the
    choice questions' `srm-choice.js` is in `items/choice/`, with `ChoiceItem`, which
    single, multiple and true/false questions extend), else in `FOLDER`."""
    for unit in UNITS:
        if name in unit.client:
            for cls in unit.__mro__:
                where = getattr(sys.modules.get(cls.__module__), "__file__", None)
                if where and (Path(where).parent / name).is_file():
                    return Path(where).parent / name
    return FOLDER / name


def script_of(name: str) -> str:
    """The script file of component `name` (published under `URI`)."""
    return f"srm-{name}.js"


def with_needs(names: Iterable[str]) -> list[str]:
    """The components `names` and those they need, each after what it needs, each once, in
    a stable order (the order of `COMPONENTS`). Unknown names are ignored."""
    ordered: list[str] = []

    def add(name: str) -> None:
        for need in COMPONENTS[name].needs:
            add(need)
        if name not in ordered:
            ordered.append(name)

    wanted = set(names)
    for name in COMPONENTS:
        if name in wanted:
            add(name)
    return ordered


_SELECTOR = re.compile(r"""\[([a-z][a-z0-9-]*)(?:=(["']?)([^"'\]]*)\2)?\]""")


def _pattern(selector: str) -> re.Pattern[str]:
    """A regular expression that finds, in a page's HTML, an element that `selector`
    matches. Components are found by one attribute (`[name]` or `[name="value"]`), the way
    the theme's are by `data-md-component`, so that the build can tell without parsing the
    page which components it uses. Raises ValueError for any other selector."""
    match = _SELECTOR.fullmatch(selector)
    if not match:
        raise ValueError(
            f"client component selector {selector!r}: [attribute] or [attribute=value]"
        )
    name, value = match.group(1), match.group(3)
    if value is None:
        return re.compile(rf"<[^>]*\s{name}(?=[\s=>/])")
    return re.compile(rf"""<[^>]*\s{name}=(["']?){re.escape(value)}\1(?=[\s>/])""")


def components_in(html: str) -> list[str]:
    """The names of the registered components a page's HTML uses (an element matches the
    component's selector), in `COMPONENTS` order."""
    # The build asks about one page's HTML four times in a row (`bundle_of`, then
    # `link_components`: `bundle_of`, `modules_of`, `styles_of`), and each answer scans the
    # whole page once per component (some 300 KB a page at 1,000 questions): the answer
    # for the last page is kept, for that very string and that table of components.
    last = _LAST_FOUND
    if last and last[0] is html and last[1] is COMPONENTS and last[2] == _registered:
        return list(last[3])
    found = tuple(
        name
        for name, component in COMPONENTS.items()
        if component.selector and _finds(html, component.selector)
    )
    _LAST_FOUND[:] = [html, COMPONENTS, _registered, found]
    return list(found)


_LAST_FOUND: list = []
"""[html, the COMPONENTS it was judged against, `_registered` then, its components]."""
_registered = 0
"""How many times `register` has changed `COMPONENTS`."""


def _finds(html: str, selector: str) -> bool:
    """Whether an element of `html` matches `selector`: what `_pattern(selector).search`
    tells, found faster. That pattern starts at every `<` and scans its tag; on a large
    page, scanning every tag once per component, three times per page, was a quarter of a
    build at 1,000 questions (bench/FINDINGS.md). This finds the attribute's name as a
    string, then checks what the pattern asks around it: a `<` before it with no `>`
    between (the pattern's `<[^>]*`), white space right before it, and the rest of the
    pattern right after it."""
    name, rest = _parts(selector)
    at = html.find(name)
    while at != -1:
        end = at + len(name)
        if (
            at
            and html[at - 1].isspace()
            and html.rfind("<", 0, at) > html.rfind(">", 0, at)
            and rest.match(html, end)
        ):
            return True
        at = html.find(name, at + 1)
    return False


@functools.cache
def _parts(selector: str) -> tuple[str, re.Pattern[str]]:
    """The attribute name of `selector`, and what `_pattern(selector)` matches after it."""
    pattern = _pattern(selector).pattern
    name = _SELECTOR.fullmatch(selector).group(1)  # type: ignore[union-attr]
    return name, re.compile(pattern[pattern.index(name) + len(name) :])


def _is_module(name: str) -> bool:
    return COMPONENTS[name].selector is None


def modules_of(html: str) -> list[str]:
    """The script files of the shared modules a page's components need (names under
    `URI`), in order. Each is linked as its own file, before the page's bundle, so that
    the pages that share it (the exam's and the review's) share one cached copy."""
    return [script_of(n) for n in with_needs(components_in(html)) if _is_module(n)]


def bundle_of(html: str) -> str | None:
    """The name of the bundle (under `URI`) of a page's components, or None for a page
    without any: `srm-` and the names of its components in `COMPONENTS` order, then those
    of the components they need that it does not use; shared modules are left to their own
    files (`modules_of`). A bundle of one component that needs nothing is that component's
    own script."""
    names = components_in(html)
    names += [n for n in with_needs(names) if n not in names and not _is_module(n)]
    return "srm-" + "-".join(names) + ".js" if names else None


def page_files(html: str) -> list[str]:
    """The package's files a page loads (names under `URI`): those of `EVERY_PAGE`, the
    shared modules, its bundle, and the stylesheets its components link."""
    names = components_in(html)
    bundle = bundle_of(html)
    styles = [s for name in with_needs(names) for s in COMPONENTS[name].styles]
    return [*EVERY_PAGE, *modules_of(html), *([bundle] if bundle else []), *styles]


_CORE_TAG = re.compile(r"""<script\b[^>]*\ssrc="([^"]*?)srm\.js(\?[^"]*)?"[^>]*>\s*</script>""")
_CORE_STYLE = re.compile(r"""<link\b[^>]*\shref="([^"]*?)srm\.css(\?[^"]*)?"[^>]*>""")


def styles_of(html: str) -> list[str]:
    """The stylesheets (names under `URI`) of the components a page's HTML uses and of those
    they need, each once, in `COMPONENTS` order."""
    return list(
        dict.fromkeys(
            s for name in with_needs(components_in(html)) for s in COMPONENTS[name].styles
        )
    )


def link_components(html: str) -> str:
    """`html` with script elements right after the core's own (same folder, same query
    string) for the shared modules its components need and then for its bundle, so that
    its components are defined before the page is mounted; and with its components'
    stylesheets (`styles_of`) linked right after the core's stylesheet, each marked
    `data-srm-<name>` (`srm-<name>.css`) so that a component finds it. A page without the
    core's script element, or without components, is returned unchanged."""
    match = _CORE_TAG.search(html)
    bundle = bundle_of(html)
    if not match or not bundle:
        return html
    folder, query = match.group(1), match.group(2) or ""
    tags = "".join(
        f'<script src="{folder}{name}{query}"></script>' for name in [*modules_of(html), bundle]
    )
    linked = html[: match.end()] + tags + html[match.end() :]
    style = _CORE_STYLE.search(linked)
    styles = styles_of(html)
    if style is None or not styles:
        return linked
    folder, query = style.group(1), style.group(2) or ""
    links = "".join(
        f'<link rel="stylesheet" href="{folder}{name}{query}" data-{name.removesuffix(".css")}>'
        for name in styles
    )
    return linked[: style.end()] + links + linked[style.end() :]


def bundle(name: str) -> bytes:
    """The minified content of the bundle `name` (as `bundle_of` names it): the scripts of
    its components and of the components they need, each after what it needs (shared
    modules come in files of their own). Raises KeyError for a name that names an unknown
    component."""
    names = name.removeprefix("srm-").removesuffix(".js").split("-")
    for component in names:
        if component not in COMPONENTS:
            raise KeyError(component)
    return b"\n".join(component_script(n) for n in with_needs(names) if not _is_module(n))


LINK_STYLES = Path(__file__).parent / "templates" / "link-styles.js"
"""What the build puts before the script of a component with stylesheets of its own
(`component_script`)."""


def component_script(name: str) -> bytes:
    """Component `name`'s script as published, minified; for a component with stylesheets
    of its own, after the lines that link them on a page that lacks them (`LINK_STYLES`,
    their names in place of its empty list), so that no component's file repeats them."""
    script = _minified(path_of(script_of(name)))
    styles = COMPONENTS[name].styles
    if not styles:
        return script
    names = json.dumps(list(styles), separators=(",", ":"))
    link = LINK_STYLES.read_text(encoding="utf-8").replace("/*SRM_STYLES*/[]", names, 1)
    return rjsmin.jsmin(link).encode("utf-8") + b"\n" + script


def _table() -> str:
    """The core's table of components: name -> [selector (1 for the usual one, 0 for a
    shared module), the names it needs...], as JavaScript (JSON)."""

    def selector(name: str, component: Component) -> str | int:
        if component.selector == _by_attribute(name).selector:
            return 1  # the core writes the usual selector itself
        return component.selector or 0

    table = {name: [selector(name, c), *c.needs] for name, c in COMPONENTS.items()}
    return json.dumps(table, separators=(",", ":"))


def _minified(path: Path) -> bytes:
    if path.suffix == ".js":
        source = path.read_text(encoding="utf-8")
        if path.name == "srm.js":
            source = source.replace("/*SRM_COMPONENTS*/{}", _table(), 1)
        return rjsmin.jsmin(source).encode("utf-8")
    css = rcssmin.cssmin(path.read_text(encoding="utf-8"))
    if path.name == "srm.css":
        css += "".join(
            rcssmin.cssmin(path_of(name).read_text(encoding="utf-8")) for name in IN_CORE_STYLESHEET
        )
    return css.encode("utf-8")


def published() -> dict[str, bytes]:
    """Site path -> minified content, for every client file the registry names (each
    component's own script is what the core loads when instant navigation brings a
    component the first page did not have) and the theme fixes; `path_of` finds each of
    them. The core gets the table of components in place of its empty one, and `srm.css` the
    unit stylesheets the registry puts in it (`IN_CORE_STYLESHEET`) after its own rules.
    Bundles are published as pages name them (`bundle`). Raises FileNotFoundError for a
    unit's file that is missing there."""
    scripts = {script_of(name): name for name in COMPONENTS}
    return {
        URI.format(name): (
            component_script(scripts[name]) if name in scripts else _minified(path_of(name))
        )
        for name in sorted({*client_files(), *THEME_FIXES} - set(IN_CORE_STYLESHEET))
    }
