"""Which link addresses content may use, and which of them lead to Markdown pages.

Shared by the reference checks and the Markdown renderer. Link addresses are read with
Python-Markdown's own reader of an inline link's parentheses (`_AddressReader`); the
rest of the parser is not run here.
"""

from __future__ import annotations

import fnmatch
import html
import re
from collections.abc import Collection
from dataclasses import dataclass

import markdown
from markdown.extensions import attr_list as attr_list_ext
from markdown.inlinepatterns import LINK_RE, LinkInlineProcessor

from .limits import shorten

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def is_safe_url(url: str) -> bool:
    """True for http(s), mailto and relative URLs, after undoing the usual disguises."""
    # Markdown undoes backslash escapes (`javascript\:`) before it writes the address.
    plain = _INVISIBLE.sub("", html.unescape(url)).replace("\\", "")
    match = _SCHEME.match(plain)
    return match is None or match.group(1).lower() in SAFE_SCHEMES


def is_relative_link(url: str) -> bool:
    """A link to a file of the site, relative to where it is written (not `#x` alone)."""
    path = url.split("#", 1)[0]
    return bool(path) and _SCHEME.match(url) is None and not url.startswith("/")


def is_page_link(url: str) -> bool:
    """A relative link to a Markdown source file, which must become the page's URL."""
    path = url.split("#", 1)[0]
    return (
        bool(path)
        and _SCHEME.match(url) is None
        and not url.startswith("/")
        and path.endswith(".md")
    )


# --- finding every link form in Markdown text -------------------------------------------
# Written out here because the check reports each link with its place and loads no
# Markdown parser; the patterns follow Python-Markdown's (inline links and images,
# reference definitions, autolinks, attribute lists). The renderer drops whatever unsafe
# address gets past them.

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.MULTILINE)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_INLINE = re.compile(r"\]\(")
"""Where an inline link's or image's address may start; Python-Markdown's own parser
reads the address from there (`_inline_address`)."""
_DEFINITION = re.compile(
    r"^[ \t>]*\[([^\]\n]+)\]:[ \t]*\n?[ \t>]*<?([^\s>]+)", re.MULTILINE
)  # also inside block quotes and list items
_REFERENCE_IMAGE = re.compile(r"!\[([^\]\n]*)\](?:\[([^\]\n]*)\])?")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*)>")
_ATTRS = r"\{:?[ ]*([^}\n ][^}\n]*?)[ ]*\}"
_ATTR_LIST = re.compile(
    rf"^[ ]*{_ATTRS}[ ]*$"  # on a line of its own, at the end of a block
    rf"|^ {{0,3}}#{{1,6}}[ ].*?[ ]+{_ATTRS}[ ]*$"  # at the end of a heading
    rf"|[ ]+{_ATTRS}[ ]*(?=\|)"  # at the end of a table cell
    rf"|(?<=[)*_\]`~]){_ATTRS}",  # right after an inline element
    re.MULTILINE,
)


@dataclass(frozen=True)
class Link:
    """One link address written in Markdown, and where."""

    kind: str
    """"link", "image", "definition" (of a reference) or "autolink"."""
    url: str
    offset: int
    """Where the address starts in the text."""


def blank_code(text: str) -> str:
    """`text` with fenced code blocks and code spans blanked out (lines kept), since links
    and attribute lists in code are shown as written."""
    chars = list(text)
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    i = 0
    while i < len(lines):
        opening = _FENCE.match(lines[i])
        if opening is None:
            i += 1
            continue
        fence = opening.group(1)
        end = i + 1
        while end < len(lines) and not re.match(
            rf" {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$", lines[end]
        ):
            end += 1
        for j in range(i, min(end + 1, len(lines))):
            for k in range(starts[j], starts[j] + len(lines[j])):
                chars[k] = " "
        i = end + 1
    blanked = "".join(chars)
    return _CODE_SPAN.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), blanked)


def _label(text: str) -> str:
    return " ".join(text.lower().split())


def _openers(text: str) -> dict[int, int]:
    """Position of each `]` -> position of the `[` it closes (brackets nest in link text),
    in one pass; backslash-escaped brackets are text."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for match in re.finditer(r"\\.|[\[\]]", text):
        char = match.group()
        if char == "[":
            stack.append(match.start())
        elif char == "]" and stack:
            pairs[match.start()] = stack.pop()
    return pairs


class _AddressReader(LinkInlineProcessor):
    """Python-Markdown's reading of an inline link's `(...)`: balanced parentheses, the
    `<...>` form and a title after the address (`LinkInlineProcessor.getLink`), so the
    check reads the address the page gets, rather than a pattern of its own that stopped
    at the first `)`. Used on source text, which holds none of the parser's placeholders
    for `unescape` to undo."""

    def __init__(self) -> None:
        super().__init__(LINK_RE)

    def unescape(self, text: str) -> str:
        return text


_ADDRESS = _AddressReader()


def _inline_address(text: str, paren: int) -> tuple[str, int] | None:
    """The address of the inline link whose `(` is at `paren` in `text`, and its offset,
    as Python-Markdown reads it; None where it makes no link of it."""
    href, _title, _end, handled = _ADDRESS.getLink(text, paren)
    if not handled:
        return None
    start = _ADDRESS.RE_LINK.match(text, paren)
    if start is None:
        return href, paren + 1
    at = start.start(1) + 1 if start.group(1) else start.end()  # `<` or the first character
    found = text.find(href, at) if href else -1
    return href, found if found >= 0 else at


def find_links(text: str) -> list[Link]:
    """Every link and image address in Markdown `text`, in order: inline, reference
    definitions (an image through a reference counts as an image at its use), autolinks;
    one per place (an address in angle brackets is not also an autolink)."""
    plain = blank_code(text)
    openers = _openers(plain) if "](" in plain else {}
    found = []
    for m in _INLINE.finditer(plain):
        address = _inline_address(plain, m.end() - 1)
        if address is None:
            continue
        opener = openers.get(m.start(), 0)
        image = opener > 0 and plain[opener - 1] == "!"
        found.append(Link("image" if image else "link", *address))
    definitions = {}
    for m in _DEFINITION.finditer(plain):
        definitions.setdefault(_label(m.group(1)), m.group(2))
        found.append(Link("definition", m.group(2), m.start(2)))
    for m in _REFERENCE_IMAGE.finditer(plain):
        if plain.startswith("(", m.end()):
            continue  # an inline image, found above
        url = definitions.get(_label(m.group(2) or m.group(1)))
        if url is not None:
            found.append(Link("image", url, m.start()))
    found.extend(Link("autolink", m.group(1), m.start(1)) for m in _AUTOLINK.finditer(plain))
    # One address, one link: `[x](<url>)` and `[r]: <url>` hold what reads as an autolink.
    at: dict[int, Link] = {}
    for link in found:
        at.setdefault(link.offset, link)
    return sorted(at.values(), key=lambda link: link.offset)


def find_attr_lists(text: str) -> list[tuple[int, str]]:
    """Offset and content of every attribute list (`{: #id .class }`) in Markdown `text`."""
    plain = blank_code(text)
    return [
        (m.start(), next(group for group in m.groups() if group))
        for m in _ATTR_LIST.finditer(plain)
    ]


def as_browser_reads(url: str) -> str:
    r"""The start of `url` as a browser reads it in an `href` or `src`, for telling where it
    leads: character references undone (Markdown passes `&#47;` through and the HTML parser
    decodes it), control characters and spaces dropped (the URL parser strips them at the
    ends, and tabs and line breaks anywhere), and every
    backslash read as `/` (the WHATWG URL parser does so for http(s), so `\\host` and `\/host`
    lead to another host; Python-Markdown keeps a `\` before `/`)."""
    return _INVISIBLE.sub("", html.unescape(url)).replace("\\", "/")


def is_scheme_relative(url: str) -> bool:
    """A scheme-relative address (`//host/path`): it leads to another host with the scheme
    of the page that holds it, so it reads like a link within the site but is not one."""
    return as_browser_reads(url).startswith("//")


def is_root_relative(url: str) -> bool:
    """An address from the root of the host (`/path`), which breaks when the site is served
    from a sub-path."""
    plain = as_browser_reads(url)
    return plain.startswith("/") and not plain.startswith("//")


def is_external(url: str) -> bool:
    """An address on another host (a scheme, or `//host`)."""
    return is_scheme_relative(url) or _SCHEME.match(as_browser_reads(url)) is not None


THEME_PREFIX = "__"
THEME_OWNER = (
    "the theme's (Material's templates use __config, __drawer, __search, __toc, "
    "__palette_0, __consent, ...)"
)
"""Material's base.html and partials name their elements `__...`: the `__config` script
holds its settings and `__drawer`/`__search` are its toggles, so a second element with such
an id breaks the theme. Every id with this prefix is refused."""

CLIENT_GLOBALS = ("srm", "srmBanks")
"""Names the client scripts (srm_build/assets/*.js) look up on `window`: the core's registry
(`srm`) and the study bank's script (`srmBanks`); an element with such an id would stand in
for them (DOM clobbering)."""

COMPONENT_IDS: tuple[tuple[str, str], ...] = (
    ("srm-tip", "the glossary's tooltip (srm-tip.js)"),
    ("srm-reset-title", "the progress bar's reset dialog (progress.html.jinja)"),
    ("srm-reset-what", "the progress bar's reset dialog (progress.html.jinja)"),
    ("srm-matrix-caption", "the service matrix (file-services.html.jinja)"),
    ("srm-bank", "the study bank's headings (file-tools-end.html.jinja)"),
    ("srm-bank-*", "the study bank's headings (file-tools-end.html.jinja)"),
    ("srm-exam-*", "the exam's copies of questions (srm-exam.js)"),
    ("srm-review-*", "the review's copies of questions (srm-review.js)"),
    ("srm-*--*", "the parts of an item (srm-<id>--<option or row>, in the templates)"),
)
"""The one list of ids the components give elements, as shell patterns compared in lower
case, and what uses each; `tests/test_hostile_input.py` checks that every id the templates
and scripts write is in it. Besides these, `srm-<id>` is the anchor of the item `<id>`
(`reserved_id_problem` takes the content's item ids). Other ids that start with `srm`, such
as a heading "SRM in practice" (`srm-in-practice`), are free."""


_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_CLASS = re.compile(r"-?[A-Za-z_][A-Za-z0-9_-]*")


def reserved_id_problem(
    ident: str, what: str = "the id", items: Collection[str] = ()
) -> str | None:
    """Why `ident` may not be an element's id, or None: it starts with the theme's `__`,
    is a name the client scripts look up (`CLIENT_GLOBALS`), an id a component writes
    (`COMPONENT_IDS`), or `srm-<id>` for one of the item ids `items` (an item's anchor).
    The message names it as `what`. Applies to attribute lists, fenced code attributes and
    heading anchors."""
    lower = ident.lower()
    if lower.startswith(THEME_PREFIX):
        return (
            f"{what} '{ident}' is reserved: ids starting with '{THEME_PREFIX}' belong to "
            f"{THEME_OWNER}"
        )
    for name in CLIENT_GLOBALS:
        if lower == name.lower():
            return (
                f"{what} '{ident}' is reserved: the site's scripts look up window.{name}, "
                f"which an element with this id would replace"
            )
    for pattern, owner in COMPONENT_IDS:
        if fnmatch.fnmatchcase(lower, pattern):
            return f"{what} '{ident}' is reserved: the site's components use it for {owner}"
    if lower.startswith("srm-") and (ident[4:] in items or lower[4:] in items):
        return (
            f"{what} '{ident}' is reserved: it is the anchor of the item '{ident[4:]}' "
            f"(links to '#srm-<id>' lead to items)"
        )
    return None


def _with_written(handler):  # re.Scanner's callback shape
    return None if handler is None else lambda scanner, token: (token, *handler(scanner, token))


_ATTR_SCANNER = re.Scanner(
    [(pattern, _with_written(handler)) for pattern, handler in attr_list_ext._scanner.lexicon]
)
"""The `attr_list` extension's own scanner (its patterns and handlers, so `title="a b"` is
one attribute, as the page gets it), each attribute also giving the text it was read from,
which messages quote."""

_ESCAPE = re.compile(r"\\(.)")
_ESCAPED_CHARS = frozenset(markdown.Markdown(extensions=["tables"]).ESCAPED_CHARS)
"""What a backslash escapes in the site's Markdown (Python-Markdown's list, with the `|` of
`tables`): an attribute list is applied after the inline parser has read its escapes, so
`{: #\\_\\_config }` gives the id `__config`."""


def attr_entries(content: str) -> list[tuple[str, str, str | None]]:
    """(as written, key, value) of each attribute of an attribute list's `content`, read as
    the `attr_list` extension reads it: `#x` has the key `id`, `.x` the key `.`, a word
    alone the value None, and backslash escapes are undone in values as Markdown undoes
    them. Text the extension cannot read is one more entry, its key as written."""
    found, rest = _ATTR_SCANNER.scan(content)
    entries = [
        (written, key, None if value is None else unescaped(value)) for written, key, value in found
    ]
    if rest.strip():
        entries.append((rest.strip(), rest.strip(), None))
    return entries


def unescaped(value: str) -> str:
    """`value` with the backslash escapes Markdown undoes undone (`\\.` is `.`, `\\/` stays):
    an address or an attribute value as the page gets it."""
    if "\\" not in value:
        return value
    return _ESCAPE.sub(lambda m: m.group(1) if m.group(1) in _ESCAPED_CHARS else m.group(0), value)


def attr_list_problem(content: str, items: Collection[str] = ()) -> str | None:
    """Why an attribute list may not be used, or None. Authors may give an element an id
    that no component uses and classes that are not the theme's (`md-`) or the
    components' (`srm-`); anything else (event handlers, `style`, `href`) is refused.
    `content` is read as the `attr_list` extension reads it (`attr_entries`): ids and
    classes are judged as the page gets them, and messages quote what the author wrote.
    `items`: the content's item ids, whose `srm-<id>` anchors are reserved."""
    for written, key, value in attr_entries(content):
        shown = shorten(written, 40, quote='"' if "'" in written else "'")
        if key == "id" and value:
            reserved = reserved_id_problem(value, items=items)
            if reserved is not None:
                return reserved
            if not _ID.fullmatch(value):
                return f"{shown} is not a plain id: use letters, digits, '-' and '_'"
        elif key == "." and value:
            if not _CLASS.fullmatch(value):
                return f"{shown} is not a plain class name"
            if value.lower().startswith(("md-", "srm-")):
                return f"the class '{value}' belongs to the theme or the components"
        else:
            return (
                f"{shown} is not allowed in an attribute list: only an #id and .classes are "
                f"(write \\{{ for a brace in text)"
            )
    return None


# A fence's opening line with attributes in braces (pymdownx.superfences), also inside
# block quotes and list items: ```{.text #id hl_lines="1"}
_FENCE_ATTRS = re.compile(
    r"^[ \t>]*(?:(?:[-*+]|\d+[.)])[ \t]+)*(?:`{3,}|~{3,})[ \t]*\{([^}\n]*)\}", re.MULTILINE
)
FENCE_OPTIONS = frozenset({"hl_lines", "linenums", "title"})
"""The key=value options of a fence that authors need (superfences' and the highlighter's);
with `attr_list` on, superfences would put any other key on the element."""


def find_fence_attrs(text: str) -> list[tuple[int, str]]:
    """Offset and content of the braces of every fenced code block's opening line."""
    return [(m.start(), m.group(1)) for m in _FENCE_ATTRS.finditer(text)]


def fence_attr_problem(content: str, items: Collection[str] = ()) -> str | None:
    """Why a fence's attributes may not be used, or None: an id follows the rule of
    attribute lists; classes are free (they name the language); options are limited to
    `FENCE_OPTIONS`. `content` is read as `attr_list` reads it (`attr_entries`), as
    superfences reads it with `attr_list` on: a quoted value is one value, spaces and all,
    and a word alone is dropped. `items` as for `attr_list_problem`."""
    for written, key, value in attr_entries(content):
        shown = shorten(written, 40, quote='"' if "'" in written else "'")
        if key == "id" and value is not None:
            reserved = reserved_id_problem(value, items=items)
            if reserved is not None:
                return reserved
            if not _ID.fullmatch(value):
                return f"{shown} is not a plain id: use letters, digits, '-' and '_'"
        elif key != "." and value is not None and key not in FENCE_OPTIONS:
            return (
                f"{shown} is not allowed on fenced code: only an #id, .classes and "
                f"{', '.join(sorted(FENCE_OPTIONS))} are"
            )
    return None
