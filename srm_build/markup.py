"""Markdown fields of content, rendered to HTML that cannot carry markup of its own.

Raw HTML in content is shown as text, and links keep only safe schemes, because content
arrives through pull requests from anyone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from html.parser import HTMLParser
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.extensions.toc import slugify
from markdown.treeprocessors import Treeprocessor, UnescapeTreeprocessor
from markupsafe import Markup

from .anchors import EXTENSIONS
from .links import is_relative_link, is_safe_url, is_scheme_relative
from .urls import Hrefs

_UNESCAPE = UnescapeTreeprocessor()


class _SafeLinks(Treeprocessor):
    """Unlinks addresses with unsafe schemes or none (`//host`); rewrites links to pages;
    drops event handler and style attributes (which an attribute list could add).

    The check refuses all of these with their place; this is the last line behind it. An
    unsafe link becomes a `<span>` of its text and an unsafe image goes, rather than keeping
    an `<a>` without `href`, which MkDocs' own link processing cannot take."""

    resolve: Hrefs | None = None
    """Relative links written in the text -> their hrefs on the page (`TextHrefs`)."""

    def run(self, root: Element) -> None:
        for parent in list(root.iter()):
            for element in list(parent):
                for name in list(element.attrib):
                    if name.lower().startswith("on") or name.lower() == "style":
                        del element.attrib[name]
                for attribute in ("href", "src"):
                    value = element.get(attribute)
                    if value is None:
                        continue
                    # Judged as the browser gets it: backslash escapes are still
                    # placeholders here (Markdown's unescape step runs later).
                    plain = _UNESCAPE.unescape(value)
                    if not is_safe_url(plain) or is_scheme_relative(plain):
                        del element.attrib[attribute]
                        if element.tag == "a":
                            element.tag = "span"
                            element.attrib.clear()
                        elif element.tag == "img":
                            _remove(parent, element)
                    elif self.resolve is not None and (
                        is_relative_link(value) or value.startswith("#")
                    ):
                        element.set(attribute, self.resolve(value))
                if element.tag == "a" and element.get("href", "").startswith(("http:", "https:")):
                    element.set("rel", "noopener")


def _remove(parent: Element, element: Element) -> None:
    """Take `element` out of `parent`, keeping the text that follows it."""
    if element.tail:
        index = list(parent).index(element)
        if index:
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


class SafeMarkdown(Extension):
    """Markdown that shows `<tags>` as text and drops links with unsafe schemes.

    Used for the text of YAML content, and by the plugin for the site's prose pages, the
    way Hugo omits raw HTML by default."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.safe_links = _SafeLinks()

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown API)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        self.safe_links.md = md
        # Before MkDocs' own link processing (priority 0), so it never sees unsafe links.
        md.treeprocessors.register(self.safe_links, "srm_safe_links", 1)


def makeExtension(**kwargs: object) -> SafeMarkdown:  # noqa: N802 (Markdown API)
    return SafeMarkdown(**kwargs)


_SAFE = SafeMarkdown()


@lru_cache(maxsize=1)
def _md() -> markdown.Markdown:
    """The parser of fields, with the block extensions the prose pages have in mkdocs.yml,
    so fenced code, admonitions and details render in YAML text as they do in prose (the
    check keeps them out of fields shown inline). Made on the first field that needs it,
    not at import: `check`, and builds whose fields are all plain text, never do."""
    return markdown.Markdown(
        extensions=[_SAFE, "sane_lists", "pymdownx.superfences", "admonition", "pymdownx.details"],
        output_format="html",
    )


# One line with nothing Markdown acts on: no markup characters, no list, code or details
# (`???`) start.
_PLAIN = re.compile(r"(?!(?:[-+]|\d+[.)])[ \t]|\?\?\?)[^\n\r\t*_\[\]`<>&\\!|~{}#]+")


class TooDeepError(ValueError):
    """Markdown text nested past Python's recursion limit (a list 500 levels deep on one
    line, `- - - ... x`): the check's limits refuse it first (`limits.markdown_problem`);
    a renderer that meets it anyway raises this, which the caller reports with the place
    of the text (`pages.SitePages`), never a `RecursionError` traceback."""

    def __init__(self, text: str) -> None:
        super().__init__(TOO_DEEP)
        self.text = text


TOO_DEEP = (
    "this text nests too deep for the Markdown parser (Python's recursion limit); write "
    "fewer nested lists, quotes or emphasis marks"
)


def _markdown(text: str, md: markdown.Markdown | None = None) -> str:
    md = md or _md()
    md.reset()
    try:
        return md.convert(text)
    except RecursionError:
        # A parse cut short leaves state behind that `reset` keeps (the block parser's
        # stack still says "list", and later paragraphs lose their <p>): start afresh.
        if md is _md():
            _md.cache_clear()
        else:
            _intro_md.cache_clear()
        raise TooDeepError(text) from None


@lru_cache(maxsize=65536)
def _convert(text: str, hrefs: Hrefs | None) -> str:
    # `hrefs` is part of the key: the same text links differently from different pages.
    # Most fields are one plain sentence: they skip the Markdown parser (same output).
    if text == text.strip() and _PLAIN.fullmatch(text):
        return f"<p>{text}</p>"
    _SAFE.safe_links.resolve = hrefs
    return _markdown(text)


def render_block(text: str, hrefs: Hrefs | None = None) -> Markup:
    """Markdown text as block HTML (paragraphs, lists); `hrefs` rewrites its relative links
    (a `TextHrefs`, hashable)."""
    return Markup(_convert(text, hrefs))


def render_inline(text: str, hrefs: Hrefs | None = None) -> Markup:
    """Markdown text as inline HTML: a lone paragraph is unwrapped."""
    result = _convert(text, hrefs)
    if result.startswith("<p>") and result.endswith("</p>") and result.count("<p>") == 1:
        result = result[3:-4]
    return Markup(result)


# --- fields shown inline -----------------------------------------------------------------
# A prompt, an option or a table entry stands in a <legend>, a <label>, a <span> or a cell
# list item; `render_inline` unwraps a lone paragraph for it. Anything else Markdown makes of
# the text (a second paragraph, a list, a heading) would nest a block in phrasing content:
# invalid HTML, which browsers repair by moving the block out of the label. What Markdown
# makes is read from its output, not guessed from the source.

_BLOCKS = {
    "p": "a second paragraph",
    "h1": "a heading",
    "h2": "a heading",
    "h3": "a heading",
    "h4": "a heading",
    "h5": "a heading",
    "h6": "a heading",
    "ul": "a list",
    "ol": "a list",
    "blockquote": "a block quote",
    "pre": "a code block",
    "hr": "a horizontal rule",
    "details": "a details block",
    "table": "a table",
}


_BLOCK_START = re.compile(r"[\s#>*+\-=_`~!?:|\d]")
"""The characters a Markdown block can start a line with (a heading, a quote, a list, a
rule, a setext underline, code, an admonition or details); a text none of whose lines
starts with one, and with no blank line, is one paragraph, which the check then knows
without building the field parser (`check` builds none: #18)."""


class _TopLevel(HTMLParser):
    """The start tags of the top-level elements of a piece of HTML, with their classes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.tags: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0:
            self.tags.append((tag, dict(attrs).get("class") or ""))
        if tag not in _VOID:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        self.depth -= 1


def block_in_inline(text: str) -> str | None:
    """What Markdown makes of `text` that cannot be shown inline, or None: "a list", "a
    heading", "a second paragraph", "a block quote", "fenced code", "a code block" (indented),
    "an admonition", "a details block", "a horizontal rule", "a table". Fine: one paragraph
    (which `render_inline` unwraps), or nothing. Raises TooDeepError as rendering does."""
    # Lines that open no block, none blank (a YAML block scalar's final line break is no
    # blank line): one paragraph, known without the parser.
    lines = text.rstrip("\n").split("\n")
    if all(line and _BLOCK_START.match(line) is None for line in lines):
        return None
    html = _convert(text, None)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return None  # one paragraph: Markdown writes '<' in text as '&lt;'
    reader = _TopLevel()
    reader.feed(html)
    reader.close()
    for number, (tag, classes) in enumerate(reader.tags):
        if tag == "p" and number == 0:
            continue
        if tag == "div":
            return "an admonition" if "admonition" in classes.split() else "fenced code"
        return _BLOCKS.get(tag, f"a <{tag}> block")
    return None


# --- slots: controls put into text rendered whole ----------------------------------------
# A fill-in's sentence is rendered once, as one text, so that a code span, a link or
# emphasis reads the same on the page as in the check; its gaps' controls go in afterwards.
# While Markdown runs, each gap is a slot: U+001A, a number, U+001A. Content cannot hold
# U+001A (`limits.forbidden_character` refuses every control character), Python-Markdown
# uses only U+0002 and U+0003 for its own placeholders, and no Markdown syntax or
# extension of the site acts on a control character or a digit, so a slot comes out as it
# went in, wherever the text puts it. Python-Markdown has no extension point for "keep
# this place": hence this small mechanism.

_SLOT_MARK = "\x1a"
_SLOT = re.compile(f"{_SLOT_MARK}(\\d+){_SLOT_MARK}")
_SLOT_HOLDERS = {"a": "a link", "code": "code", "pre": "code"}
"""Elements a control cannot stand in: a link's text (a control in a link is
interactive content inside interactive content) and code (shown as written)."""
_VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "source", "wbr"})


def slot(number: int) -> str:
    """The text that stands for the `number`th (0-based) slot while Markdown runs."""
    return f"{_SLOT_MARK}{number}{_SLOT_MARK}"


def has_slot(text: str) -> bool:
    """Whether `text` (a message, an address) holds a slot."""
    return _SLOT_MARK in text


class _SlotPlaces(HTMLParser):
    """Where each slot of rendered HTML stands: "text" (running text, where a control may
    go), "a link" or "code" (inside such an element), or "an address" (in an attribute:
    a link's or an image's address, an image's text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.places: dict[int, list[str]] = {}

    def _attributes(self, attrs: list[tuple[str, str | None]]) -> None:
        for _name, value in attrs:
            for match in _SLOT.finditer(value or ""):
                self.places.setdefault(int(match[1]), []).append("an address")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attributes(attrs)
        if tag not in _VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attributes(attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        holder = next((_SLOT_HOLDERS[t] for t in reversed(self.open) if t in _SLOT_HOLDERS), None)
        for match in _SLOT.finditer(data):
            self.places.setdefault(int(match[1]), []).append(holder or "text")


def misplaced_slots(text: str, count: int) -> dict[int, str]:
    """Slot number -> where it stands when it cannot take a control there, for Markdown
    `text` holding the slots 0 to `count - 1`: "a link", "code", "an address" (see
    `_SlotPlaces`), or "nowhere"/"twice" if Markdown lost or doubled it (it does not; this
    says so rather than trusting it). Empty when every slot stands once in running text,
    as `render_slotted` needs. Raises TooDeepError as rendering does."""
    reader = _SlotPlaces()
    reader.feed(_convert(text, None))
    reader.close()
    misplaced = {}
    for number in range(count):
        places = reader.places.get(number, [])
        elsewhere = [place for place in places if place != "text"]
        if elsewhere:
            misplaced[number] = elsewhere[0]
        elif len(places) != 1:
            misplaced[number] = "twice" if places else "nowhere"
    return misplaced


def render_slotted(text: str, count: int, hrefs: Hrefs | None = None) -> list[Markup]:
    """Markdown `text` holding the slots 0 to `count - 1` (`slot`), in that order, rendered
    inline as one text, cut at its slots: `count + 1` pieces of HTML, between which the
    caller puts its controls (the pieces alone may leave an element open, as `<em>` around
    a slot; joined with the controls, they are the whole). Raises ValueError if a slot is
    misplaced (`misplaced_slots`, which the check reports first)."""
    misplaced = misplaced_slots(text, count)
    if misplaced:
        raise ValueError(f"slots not in running text: {misplaced}")
    html = render_inline(text, hrefs)
    pieces = _SLOT.split(str(html))
    numbers = [int(n) for n in pieces[1::2]]
    if numbers != list(range(count)):
        raise ValueError(f"slots out of order: {numbers}")
    return [Markup(piece) for piece in pieces[::2]]


def intro_markdown(title: str, intro: str | None) -> str:
    """The Markdown whose headings make the ids at the top of a YAML file's page: its
    title (as the page's Markdown writes it), then its intro. The check reads the anchors
    of the page from it; `render_intro` renders it."""
    return f"# {heading_text(title)}\n\n{intro or ''}"


@lru_cache(maxsize=16)
def _intro_md(slugify: Callable[[str, str], str], separator: str) -> markdown.Markdown:
    """The parser of YAML files' intros: the extensions of the site's prose pages
    (`anchors.EXTENSIONS`, this module's among them), so an intro's headings and
    `{: #id }` give its page the ids the check counts (`references.page_anchors`), and its
    attribute lists are judged by the prose pages' rules."""
    return markdown.Markdown(
        extensions=list(EXTENSIONS),
        extension_configs={"toc": {"slugify": slugify, "separator": separator}},
        output_format="html",
    )


_H1 = re.compile(r"<h1[^>]*>.*?</h1>\n?", re.DOTALL)


def render_intro(
    title: str,
    intro: str,
    hrefs: Hrefs | None = None,
    slugify: Callable[[str, str], str] = slugify,
    separator: str = "-",
) -> Markup:
    """A YAML file's intro as block HTML whose headings have ids, the ones the `toc`
    extension gives them on the page (with the site's `slugify` and `separator`): links
    may lead to them, as to a prose page's headings. The intro is rendered after the
    title's heading, so that a heading named like the title gets `_1`, as `toc` would
    give it on the page; that heading is then left out (the page's Markdown has it)."""
    md = _intro_md(slugify, separator)
    md.treeprocessors["srm_safe_links"].resolve = hrefs  # type: ignore[attr-defined]
    html = _markdown(intro_markdown(title, intro), md)
    return Markup(_H1.sub("", html, count=1))


_MD_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+\-.!|<>:~=^&\"'$%@]")


def heading_text(text: str) -> str:
    """Plain text made safe to stand in a Markdown heading line: shown exactly as written.

    Punctuation becomes numeric character references, which every Markdown flavour and
    extension leaves alone."""
    return _MD_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", " ".join(text.split()))
