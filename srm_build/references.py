"""Checks across items and files, run once every file has loaded.

Each check returns problems rather than raising, so one run reports everything wrong.
"""

from __future__ import annotations

import difflib
import functools
import html
import posixpath
import re
from collections import Counter
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import unquote

from .anchors import HeadingIds, PageIds, Tree
from .embeds import ATX_HEADING, shown_file
from .errors import ContentError, Problem
from .export import EXPORTS
from .items.base import Model
from .items.question import ChoiceItem
from .limits import bracket_problem, line_col, markdown_problem, shorten
from .links import (
    as_browser_reads,
    attr_list_problem,
    fence_attr_problem,
    find_attr_lists,
    find_fence_attrs,
    find_links,
    is_external,
    is_root_relative,
    is_safe_url,
    is_scheme_relative,
    reserved_id_problem,
    unescaped,
)
from .loader import Document, PathKey
from .markup import TooDeepError, block_in_inline, has_slot, intro_markdown
from .models import Content, FileBase, Item, Page, items_with_ids, page_path
from .owners import check_owner_claims
from .parse import item_label
from .positional import check_positional_references
from .urls import anchor_of


def index_items(files: dict[str, FileBase]) -> tuple[dict[str, Item], list[Problem]]:
    """Index every addressable item by id; a repeated id is a problem at its second use."""
    by_id: dict[str, Item] = {}
    problems: list[Problem] = []
    for file in files.values():
        for item in items_with_ids(file):
            first = by_id.setdefault(item.id, item)
            if first is not item:
                was = first.where.problem("", "id")
                problems.append(
                    item.where.problem(
                        f"duplicate id '{item.id}'; it is already used at "
                        f"{was.path}:{was.line}:{was.col}",
                        "id",
                    )
                )
    return by_id, problems


def check_references(content: Content, headings: HeadingIds | None = None) -> list[Problem]:
    """Every cross-item rule: links and embeds lead somewhere, each unit's own checks, owner
    claims agree with the matrix, and no question names a part by a position its readers do
    not see (srm_build/positional.py). References declared in the models were checked by
    the resolve step (srm_build/resolve.py), which must have run. `headings` says how the
    site makes heading ids (default: Python-Markdown's)."""
    headings = headings or HeadingIds()
    checks = (
        functools.partial(_page_links, headings=headings),
        _unit_checks,
        _item_anchors,
        _page_embeds,
    )
    problems = [problem for check in checks for problem in check(content)]
    return problems + check_owner_claims(content) + check_positional_references(content)


def _unit_checks(content: Content) -> Iterator[Problem]:
    for item in content.by_id.values():
        yield from item.checks(content)


def _item_anchors(content: Content) -> Iterator[Problem]:
    """An item's anchor, `srm-<id>`, is an id no component gives an element of its own
    (`links.COMPONENT_IDS`): an item `bank` would repeat the study bank's `srm-bank`, and
    one named `tip` would take the glossary tooltip's id, which links point at."""
    for item in content.by_id.values():
        problem = reserved_id_problem(f"srm-{item.id}", f"item '{item.id}': its anchor")
        if problem:
            yield item.where.problem(problem, "id")


@contextmanager
def located(doc: Document, key: PathKey) -> Iterator[None]:
    """Turns `markup.TooDeepError` from rendering what `doc` holds under `key` into a
    ContentError at the text that caused it (the first string there that is, or is part
    of, the text the parser gave up on), else at `key`. The check refuses such text first
    (`limits.markdown_problem`); this keeps a build that meets it anyway to a located
    message."""
    try:
        yield
    except TooDeepError as exc:
        node: Any = doc.data
        for part in key:
            node = node[part]
        place = next(
            (
                (*key, *inner)
                for inner, text in yaml_strings(node)
                if text and (text == exc.text or text in exc.text)
            ),
            key,
        )
        label = item_label(doc.data, place)
        raise ContentError([doc.problem(place, f"{label}{exc}")]) from None


def yaml_strings(data: object, key: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple, str]]:
    """Every string in YAML data, with its key path under `data`."""
    if isinstance(data, str):
        yield key, data
    elif isinstance(data, dict):
        for name, value in data.items():
            yield from yaml_strings(value, (*key, name))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from yaml_strings(value, (*key, i))


_UNSAFE_LINK = "link {} is not allowed: use an http(s), mailto or relative address"
_MARKUP = re.compile(r"[\[<{`~]")
"""Characters without which a text holds no link, attribute list or fence."""
INLINE_FIELDS = frozenset({"prompt", "statement", "text", "note", "notes"})
"""YAML fields shown inline (in a legend, a label, a span, a pick-layer question's
statement; the templates' `md_inline`, and `render_inline` in `render.choice_view`):
Markdown may make only one paragraph of them
(`markup.block_in_inline`). `tests/test_hostile_input.py` checks that the templates'
`md_inline` fields are all here or in `INLINE_ENTRIES`."""
INLINE_ENTRIES = frozenset({"aws", "customer", "shared"})
"""Lists whose every entry is shown inline: a table row's entries, each in a list item.
(A scenario's `feedback` has keys of these names, shown as blocks.)"""


def _inline_field(key: PathKey) -> str | None:
    """The name of the field shown inline that holds the text at `key`, or None."""
    if len(key) >= 2 and isinstance(key[-1], int) and key[-2] in INLINE_ENTRIES:
        return str(key[-2])
    if key and key[-1] in INLINE_FIELDS:
        return str(key[-1])
    return None


def _published_files(content: Content) -> set[str]:
    """Every file of the site a relative link may lead to, content-relative."""
    pages = set(content.pages) | {page_path(path) for path in content.files}
    return pages | content.assets | {uri for uri, _ in EXPORTS.values()}


def data_file_pages(content: Content) -> dict[str, list[str]]:
    """YAML file (content-relative) -> the pages that show its items: its own page first,
    then every other page that embeds one of them, in path order."""
    shown_on = items_on_pages(content)
    found = {}
    for path, file in content.files.items():
        own = page_path(path)
        ids = {one.id for one in items_with_ids(file)}
        others = sorted(page for page, shown in shown_on.items() if page != own and ids & shown)
        found[path] = [own, *others]
    return found


def items_on_pages(content: Content) -> dict[str, set[str]]:
    """Page path -> ids of the items shown on it (see `Resolution.shown_on`)."""
    assert content.resolved is not None, "content is resolved when it loads"
    return content.resolved.shown_on


def link_problems(
    text: str,
    base: str,
    published: set[str],
    items_on: dict[str, set[str]] | None = None,
    here: str | None = None,
    anchors_on: dict[str, set[str]] | None = None,
    here_shown: str = "this page",
    *,
    data_pages: dict[str, list[str]] | None = None,
) -> Iterator[tuple[int, str]]:
    """Offset and message of each link in Markdown `text` that is unsafe, would be blocked
    by the Content Security Policy, or leads nowhere (see `url_problem`), found in the
    source with `links.find_links`."""
    for link in find_links(text):
        kind = "image" if link.kind == "image" else "link"
        message = url_problem(
            kind,
            link.url,
            base,
            published,
            items_on,
            here,
            anchors_on,
            here_shown,
            data_pages=data_pages,
        )
        if message is not None:
            yield link.offset, message


def _echo(text: str, quote: str = "'") -> str:
    """A part of an address as a message quotes it: as written, cut at 60 characters and
    saying how long it was (`limits.shorten`), as long ids and values are."""
    return shorten(text, quote=quote)


def url_problem(
    kind: str,
    url: str,
    base: str,
    published: set[str],
    items_on: dict[str, set[str]] | None = None,
    here: str | None = None,
    anchors_on: dict[str, set[str]] | None = None,
    here_shown: str = "this page",
    *,
    data_pages: dict[str, list[str]] | None = None,
) -> str | None:
    """Why the address `url` of a "link" or an "image" (`kind`) may not be used, or None:
    unsafe, blocked by the Content Security Policy, or leading nowhere. `base` is the
    folder relative links start from (content-relative). With `items_on` (see
    `items_on_pages`), an `#srm-<id>` anchor must name an item shown on the page linked to
    (`here` for `#...` alone); with `anchors_on` (see `page_anchors`), any other anchor must
    be an id of that page, as written (a percent-encoded anchor is refused, as MkDocs'
    strict build refuses it). `here_shown` names `here` in messages. With `data_pages`
    (see `data_file_pages`), a link to a YAML file names the pages that show its items."""
    shown = _echo(url)
    url = unescaped(url)  # judged as the page gets it: `[x](\./a.md)` leads to ./a.md
    if not is_safe_url(url):
        return _UNSAFE_LINK.format(shown)
    if kind == "image" and is_external(url):
        return (
            f"image {shown} is on another site, which the Content Security Policy "
            f"(img-src 'self') blocks: save the image in the content folder and link "
            f"it relatively"
        )
    if is_root_relative(url):
        return (
            f"link {shown} starts with '/', which breaks when the site is served "
            f"from a sub-path; write it relative to this file"
        )
    if is_scheme_relative(url):
        full = _echo("https:" + as_browser_reads(url))
        return (
            f"{kind} {shown} starts with '//', so it leads to another site while it reads "
            f"like a link within this one; write the full address, {full}"
        )
    if is_external(url):
        return None
    path = unquote(url.partition("#")[0].partition("?")[0])
    target = posixpath.normpath(posixpath.join(base, path)) if path else here
    if target is None:
        return None
    if target not in published:
        shown_by = data_pages.get(target) if data_pages is not None else None
        if shown_by:
            pages = ", ".join(shown_by[:3]) + (", ..." if len(shown_by) > 3 else "")
            return (
                f"link {shown} leads to a YAML file, which is data for pages and is not "
                f"published; link to a page that shows its items: {pages}"
            )
        what = "page" if target.endswith(".md") else "file"
        return f"link {shown} leads to no {what} (no {_echo(target, '')} in the content)"
    # The engines compare a fragment with the page's ids as it is written: MkDocs and
    # ProperDocs do not decode `%73rm-x` (their strict build then fails), so neither does
    # the check; only when the decoded form would pass is the encoding named as the cause.
    anchor = url.partition("#")[2]
    if not anchor:
        return None
    decoded = unquote(anchor)
    if decoded != anchor and "#" not in decoded:
        plain_url = f"{url.partition('#')[0]}#{decoded}"
        args = (base, published, items_on, here, anchors_on, here_shown)
        if url_problem(kind, plain_url, *args, data_pages=data_pages) is None:
            return (
                f"link {shown}: the anchor {_echo('#' + anchor)} is percent-encoded, and the build "
                f"compares anchors as they are written (MkDocs does not decode them); "
                f"write {_echo('#' + decoded)}"
            )
    present = anchors_on.get(target) if anchors_on is not None else None
    if present is not None and anchor in present:
        return None
    shows = items_on.get(target, set()) if items_on is not None else None
    if shows is not None and anchor.startswith("srm-"):
        item, dashes, part = anchor[4:].partition("--")  # an item, or one of its parts
        if item not in shows:
            return (
                f"link {shown}: {target} shows no item {_echo(item)} (anchors "
                f"'#srm-<id>' lead to the items a page shows)"
            )
        if dashes and present is not None:
            return (
                f"link {shown}: the item '{item}' has no part {_echo(part)} (anchors "
                f"'#srm-<id>--<part>' lead to an item's options, sort items and table rows)"
            )
    elif present is not None:
        where = here_shown if target == here and not path else target
        return (
            f"link {shown}: {where} has no anchor {_echo('#' + anchor)} (headings, "
            f"{{: #id }} and the items a page shows make its anchors)"
        )
    return None


def page_trees(content: Content, headings: HeadingIds) -> dict[str, Tree]:
    """Page path -> what Python-Markdown makes of the prose page, with the site's
    extensions and `toc` settings (see `anchors.PageIds.inspect`)."""
    inspect = PageIds(headings).inspect
    return {src: inspect(page.body) for src, page in content.pages.items()}


def part_ids(item: Item) -> list[str]:
    """The ids of the parts of `item` that its unit's template gives an anchor,
    `#srm-<id>--<part>`: the options of an item answered by choosing (its `choices`, which
    for true/false are `true` and `false`, for a scenario the owners), else every part
    with an id of its own (a sort's items, a table's rows). Items it holds (a quiz's
    questions) have anchors of their own. `tests/test_hostile_input.py` compares these with
    the ids in the built pages."""
    if isinstance(item, ChoiceItem):
        return [choice.id for choice in item.choices()]
    found: list[str] = []
    for name in type(item).model_fields:
        value = getattr(item, name)
        for one in value if isinstance(value, list) else (value,):
            if isinstance(one, Model) and not isinstance(one, Item) and one.anchored and one.ident:
                found.append(one.ident)
    return found


def intro_trees(content: Content, headings: HeadingIds) -> dict[str, Tree]:
    """YAML file path -> what Python-Markdown makes of the top of its page, its title and
    intro (`markup.intro_markdown`), with the site's `toc` settings."""
    inspect = PageIds(headings).inspect
    return {
        path: inspect(intro_markdown(file.title, file.intro))
        for path, file in content.files.items()
    }


def page_anchors(
    content: Content,
    headings: HeadingIds,
    trees: dict[str, Tree] | None = None,
    intros: dict[str, Tree] | None = None,
) -> dict[str, set[str]]:
    """Page path -> the anchors links to it may name, as the build makes them (see
    `anchors.PageIds`): a prose page's heading and `{: #id }` ids; on a YAML file's page
    its title's heading and its intro's headings; on every page the anchors of the items
    it shows (`#srm-<id>`) and of their parts (`#srm-<id>--<part>`, `part_ids`).
    `trees` and `intros`: the pages' `page_trees` and the files' `intro_trees`, when
    already made."""
    if trees is None:
        trees = page_trees(content, headings)
    if intros is None:
        intros = intro_trees(content, headings)
    anchors = {src: set(tree.ids) for src, tree in trees.items()}
    for path, tree in intros.items():
        anchors.setdefault(page_path(path), set()).update(tree.ids)
    for src, shown in items_on_pages(content).items():
        found = anchors.setdefault(src, set())
        for ident in shown:
            item = content.by_id.get(ident)
            if item is not None:
                found.add(anchor_of(ident))
                found.update(f"{anchor_of(ident)}--{part}" for part in part_ids(item))
    return anchors


def _plain_address(url: str) -> str:
    return html.unescape(url).replace("\\", "").strip()


def _locate(text: str, *needles: str) -> tuple[int, int]:
    """Line and column of the first of `needles` found in `text` (1:1 if none is): where
    an element of the rendered tree was written, as well as its text tells."""
    for needle in needles:
        needle = needle.strip()
        if needle:
            at = text.find(needle)
            if at >= 0:
                return line_col(text, at)
    return 1, 1


_SETEXT_RULE = re.compile(r" {0,3}(?:=+|-+)[ \t]*$")
_WORD = re.compile(r"\w+")


def _heading_at(text: str, shown: str) -> int | None:
    """Offset in `text` of the text of the first heading line whose words hold the words of
    `shown` (a heading's text as rendered) in order, or None: `## *SRM* bank` renders as
    "SRM bank", which the source does not hold as written."""
    words = _WORD.findall(shown.casefold())
    if not words:
        return None
    lines = text.split("\n")
    offset = 0
    for number, line in enumerate(lines):
        following = lines[number + 1] if number + 1 < len(lines) else ""
        atx = ATX_HEADING.match(line)
        if atx or (line.strip() and _SETEXT_RULE.match(following)):
            found = iter(_WORD.findall(line.casefold()))
            if all(word in found for word in words):
                start = atx.end() if atx else 0
                return offset + start + len(line[start:]) - len(line[start:].lstrip())
        offset += len(line) + 1
    return None


def _repeated_id(text: str, ident: str, count: int) -> tuple[int, str]:
    """Offset in `text` of the `count`th `#ident` (-1 if not found), and why an id given
    to more than one element is refused. Neither Markdown nor the engines tell: `toc` makes
    only heading ids unique, and `{: #id }` is taken as written."""
    at = -1
    for _ in range(count):
        at = text.find("#" + ident, at + 1)
    return at, (
        f"the id {_echo(ident)} is given to more than one element of this page; an id names "
        f"one element (a link to it leads to the first): give each its own"
    )


def _tree_problems(
    content: Content,
    page: Page,
    relative: str,
    tree: Tree,
    judged: tuple[dict[str, tuple[int, int]], set[tuple[int, int]], set[str], set[str]],
    url_check: functools.partial[str | None],
) -> Iterator[Problem]:
    """What the pattern pass over the source missed, judged on the element tree
    Python-Markdown makes of the page: every attribute list `attr_list` applied, every id
    an element has and every link and image address. `judged`: the addresses the pattern
    pass found (plain, `_plain_address`) and their places, the places where it reported a
    link, and the attribute lists and messages it already dealt with (it gives exact
    places; here a place is where the offending text is first found)."""
    urls, reported, attr_lists, messages = judged
    text = page.body
    if tree.error is not None:
        yield Problem(page.path, 1, 1, tree.error)
        return
    for written in tree.attr_lists:
        if " ".join(written.split()) in attr_lists:
            continue
        reason = attr_list_problem(written, content.by_id)
        if reason is not None and reason not in messages:
            messages.add(reason)
            yield Problem(page.path, *_locate(text, "{" + written, written), reason)
    shows = items_on_pages(content).get(relative, set())
    given_ids: Counter[str] = Counter()
    for ident, shown, given in tree.elements:
        if given:
            reason = reserved_id_problem(ident, items=content.by_id)
            where = _locate(text, "#" + ident, ident)
            given_ids[ident] += 1
            if reason is None and given_ids[ident] > 1:
                at, reason = _repeated_id(text, ident, given_ids[ident])
                where = where if at < 0 else line_col(text, at)
        else:
            reason = _heading_problem(ident, shows, content)
            heading = _heading_at(text, shown)
            where = _locate(text, shown, ident) if heading is None else line_col(text, heading)
        if reason is not None and reason not in messages:
            messages.add(reason)
            yield Problem(page.path, *where, reason)
    places = set(urls.values())
    for kind, url in tree.links:
        plain = _plain_address(url)
        if plain in urls:
            continue
        # The address as the source wrote it, which the parser has decoded (`&#x09;`,
        # `\:`) or the pattern read shorter (`(1` of `(1)`): the longest address the
        # pattern pass found that starts the same. Judged once, at that place.
        written = max((one for one in urls if one and plain.startswith(one)), key=len, default=None)
        if written is not None:
            where = urls[written]
            if where in reported:
                continue
        else:
            where = _locate(text, url, url.partition("#")[2])
            if where in places:
                continue
        reason = url_check(kind, url)
        if reason is not None and reason not in messages:
            messages.add(reason)
            yield Problem(page.path, *where, reason)


def _page_links(content: Content, headings: HeadingIds) -> Iterator[Problem]:
    """Every link form (inline, reference, autolink, image) in prose pages and YAML text
    uses a safe scheme, passes the Content Security Policy and leads to a page or file that
    exists; attribute lists in prose hold only an id and classes, and no element of a page
    gets a reserved id; a YAML field shown inline holds one paragraph. Prose is
    judged twice: with patterns over the source, for exact places, and on the element tree
    Python-Markdown makes of it (`_tree_problems`), for what the patterns cannot see (code
    spans and fences as the parser reads them, every heading form)."""
    published = _published_files(content)
    items_on = items_on_pages(content)
    data_pages = data_file_pages(content)
    trees = page_trees(content, headings)
    intros = intro_trees(content, headings)  # read once: for anchors, then for problems
    anchors_on = page_anchors(content, headings, trees, intros)
    for relative, page in content.pages.items():
        text = page.body
        base = posixpath.dirname(relative)
        messages: set[str] = set()
        reported = set()
        for offset, message in link_problems(
            text, base, published, items_on, relative, anchors_on, data_pages=data_pages
        ):
            messages.add(message)
            reported.add(line_col(text, offset))
            yield Problem(page.path, *line_col(text, offset), message)
        attr_lists = set()
        for offset, attrs in find_attr_lists(text):
            attr_lists.add(" ".join(attrs.split()))
            reason = attr_list_problem(attrs, content.by_id)
            if reason is not None:
                messages.add(reason)
                yield Problem(page.path, *line_col(text, offset), reason)
        for offset, attrs in find_fence_attrs(text):
            reason = fence_attr_problem(attrs, content.by_id)
            if reason is not None:
                yield Problem(page.path, *line_col(text, offset), reason)
        found = find_links(text)
        urls = {_plain_address(link.url): line_col(text, link.offset) for link in reversed(found)}
        url_check = functools.partial(
            _url_check, base, published, items_on, relative, anchors_on, data_pages
        )
        yield from _tree_problems(
            content,
            page,
            relative,
            trees[relative],
            (urls, reported, attr_lists, messages),
            url_check,
        )
    for path, file in content.files.items():
        doc = file.where.doc
        base = posixpath.dirname(path)
        home = page_path(path)
        if file.intro:
            yield from _intro_problems(content, file, intros[path])
        # What the page renders, where a unit renders a field other than as written.
        rendered = {
            (*item.where.key, field): markdown
            for item in items_with_ids(file)
            for field, markdown in item.rendered_markdown().items()
        }
        # Items with a field shown as blocks, where a block of an inline field may go.
        roomy = {
            item.where.key
            for item in items_with_ids(file)
            if {"explanation", "feedback"} & set(type(item).model_fields)
        }
        for key, text in yaml_strings(doc.data):
            limit = bracket_problem(text) or markdown_problem(text)
            if limit is not None:
                yield doc.problem(key, item_label(doc.data, key) + limit[1])
                continue
            label = item_label(doc.data, key)
            field = _inline_field(key)
            if field is not None:
                block = block_in_inline(rendered.get(key, text))
                if block is not None:
                    room = any(key[: len(held)] == held for held in roomy)
                    yield doc.problem(
                        key,
                        f"{label}'{field}' is shown inline, so it cannot hold {block}; write "
                        f"one paragraph"
                        + (", or move the block to a feedback or explanation" if room else ""),
                    )
            if _MARKUP.search(text) is None:
                continue
            # `#x` alone is an anchor of the file's own page, as every relative link in
            # YAML is relative to the file; the page that shows the text links there.
            for offset, message in link_problems(
                rendered.get(key, text),
                base,
                published,
                items_on,
                home,
                anchors_on,
                f"{home}, this file's page,",
                data_pages=data_pages,
            ):
                if has_slot(message):
                    continue  # a slot in an address: its unit's checks say so
                if key in rendered:  # offsets of the rendered text: the field's place
                    yield doc.problem(key, label + message)
                else:
                    yield doc.problem_at(key, offset, label + message)
            for offset, attrs in find_fence_attrs(text):
                reason = fence_attr_problem(attrs, content.by_id)
                if reason is not None:
                    yield doc.problem_at(key, offset, label + reason)


def _intro_problems(content: Content, file: FileBase, tree: Tree) -> Iterator[Problem]:
    """A YAML file's intro is rendered with the prose pages' extensions
    (`markup.render_intro`), so it is judged by their rules, on its element tree: every
    attribute list holds only an id and classes (`links.attr_list_problem`), no id it
    gives is reserved, and no heading's anchor is (`_heading_problem`). `tree`: what
    Markdown makes of the top of the file's page (`intro_trees`). Each problem is located
    where its text stands in the intro (`loader.text_place`, through `Document.problem_at`),
    else at the `intro` field."""
    doc = file.where.doc
    # Places are found in the text as the YAML holds it: the model's may be stripped
    # (`|2` keeps the spaces past its indentation in the value).
    raw = doc.data.get("intro") if isinstance(doc.data, dict) else None
    intro = raw if isinstance(raw, str) else file.intro or ""
    if tree.error is not None:
        yield doc.problem(("intro",), tree.error)
        return
    lists = {" ".join(attrs.split()): offset for offset, attrs in find_attr_lists(intro)}

    def at(offset: int | None, message: str) -> Problem:
        if offset is None or offset < 0:
            return doc.problem(("intro",), message)
        return doc.problem_at(("intro",), offset, message)

    messages: set[str] = set()
    for written in tree.attr_lists:
        reason = attr_list_problem(written, content.by_id)
        if reason is not None and reason not in messages:
            messages.add(reason)
            offset = lists.get(" ".join(written.split()))
            if offset is not None:  # past the indentation the match starts with
                offset += len(intro[offset:]) - len(intro[offset:].lstrip(" "))
            else:
                found = intro.find(written.strip())
                offset = intro.rfind("{", 0, found) if found > 0 else found
            yield at(offset, reason)
    shows = {one.id for one in items_with_ids(file)}
    given_ids: Counter[str] = Counter()
    for ident, shown, given in tree.elements:
        repeated = None
        if given:
            reason = reserved_id_problem(ident, items=content.by_id)
            needles = ("#" + ident, ident)
            given_ids[ident] += 1
            if reason is None and given_ids[ident] > 1:
                repeated, reason = _repeated_id(intro, ident, given_ids[ident])
        else:
            reason = _heading_problem(ident, shows, content)
            needles = (shown, ident)
        if reason is not None and reason not in messages:
            messages.add(reason)
            found = next(
                (f for n in needles if n.strip() and (f := intro.find(n.strip())) >= 0), None
            )
            if not given:
                found = _heading_at(intro, shown) if found is None else found
            yield at(found if repeated is None or repeated < 0 else repeated, reason)


def _url_check(
    base: str,
    published: set[str],
    items_on: dict[str, set[str]],
    here: str,
    anchors_on: dict[str, set[str]],
    data_pages: dict[str, list[str]],
    kind: str,
    url: str,
) -> str | None:
    return url_problem(
        kind, url, base, published, items_on, here, anchors_on, data_pages=data_pages
    )


def _page_embeds(content: Content) -> Iterator[Problem]:
    for path, page in content.pages.items():
        yield from check_page_embeds(content, page, path)


def _heading_problem(ident: str, shows: Collection[str], content: Content) -> str | None:
    """Why a heading may not have the anchor `ident` that `toc` gave it, or None: it is
    the id of an element of an item the page shows (`srm-<id>`, `srm-<id>-...`), or an id
    reserved for the theme or the components (`links.reserved_id_problem`). Judged on the
    element tree (`Tree.elements`), so every heading form counts: setext, in admonitions,
    in lists, with markup in its text."""
    if ident.startswith("srm-"):
        rest = ident[4:]
        if rest in shows or any(rest.startswith(f"{one}-") for one in shows):
            return (
                f"the heading anchor '#{ident}' is also the id of an embedded item's "
                f"element; give the heading another anchor"
            )
    reserved = reserved_id_problem(ident, "the heading anchor", content.by_id)
    return reserved and f"{reserved}; reword the heading or give it an anchor with {{: #id }}"


def check_page_embeds(content: Content, page: Page, path: str | None = None) -> Iterator[Problem]:
    """Embedded ids on a Markdown page exist, and every item appears once on it (headings
    whose anchor is the id of an element they bring are found on the element tree:
    `_heading_problem`). A block that shows a whole YAML file (`path` is the page's place
    in the content) names only that file, and the file shows on its own page, `x.md` beside
    `x.yml`, so it has one address.

    An item is shown by its own embed, by the embed of the item it is part of (a question
    by its quiz's), by the block that shows its whole file, and, if it is studied, by the
    study bank of a tools file's page: every one of those gives it its ids (`srm-<id>`,
    its parts' and controls'), so two on one page would repeat them. The second is refused
    where it is written, naming what already shows the item."""
    seen: set[str] = set()
    shown: dict[str, tuple[str, int, str | None]] = {}
    """Item id -> what on this page already shows it, its line, and the id of the item
    embedded there (None for a file's block)."""
    for embed in page.embeds:
        if not embed.ids:
            yield Problem(
                page.path, embed.first_line + 1, 1, "empty srm block; write one item id per line"
            )
        for name, line, col in embed.files:
            if len(embed.ids) > 1:
                yield Problem(
                    page.path, line, col, f"an srm block that shows '{name}' shows nothing else"
                )
            elif path is not None:
                target = shown_file(path, name)
                if target not in content.files:
                    yield Problem(page.path, line, col, f"shows unknown file '{name}'")
                elif page_path(target) != path:
                    yield Problem(
                        page.path,
                        line,
                        col,
                        f"'{name}' is shown on its own page, {page_path(target)}; "
                        "embed its items here by id instead",
                    )
                else:
                    own, bank = file_shows(content, content.files[target])
                    clash = _shown_again(own + bank, f"the file '{name}'", None, shown)
                    if clash is not None:
                        yield Problem(page.path, line, col, clash)
                    for items, by in ((own, "the file"), (bank, "the study bank of")):
                        for one in items:
                            shown.setdefault(one.id, (f"{by} '{name}'", line, None))
        for ident, line, col in embed.items:
            if ident not in content.by_id:
                close = []
                if len(ident) <= 80:  # the longest id; the matcher's time grows with length
                    close = difflib.get_close_matches(ident, content.by_id, n=3, cutoff=0.75)
                hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
                yield Problem(page.path, line, col, f"embeds unknown item {shorten(ident)}{hint}")
            elif ident in seen:
                yield Problem(page.path, line, col, f"embeds '{ident}' twice on one page")
            else:
                item = content.by_id[ident]
                clash = _shown_again(item.addressable(), _named(item), item, shown)
                if clash is not None:
                    yield Problem(page.path, line, col, clash)
                for one in item.addressable():
                    shown.setdefault(one.id, (_named(item), line, item.id))
            seen.add(ident)


def _named(item: Item) -> str:
    """How a message names an item: `quiz 'basics'`."""
    return f"{item.noun or 'item'} '{item.id}'"


def file_shows(content: Content, file: FileBase) -> tuple[list[Item], list[Item]]:
    """The items the block that shows `file` whole puts on its page: the file's items and
    the items they hold; and, for a tools file, every item its study bank shows on the
    page (what the exam draws, `study = "exam"`: study-bank.html.jinja leaves out what only
    the review brings back, which stays in the bank's script), else none."""
    own = [one for item in file.items() for one in item.addressable()]
    if not file.content_kind.bank:
        return own, []
    return own, [item for item in content.by_id.values() if item.study == "exam"]


def _shown_again(
    items: list[Item],
    subject: str,
    embedded: Item | None,
    shown: dict[str, tuple[str, int, str | None]],
) -> str | None:
    """The message for the first of `items` that `shown` says is already on the page, or
    None. `subject` names what shows them now (an embed of `embedded`, or a file's block
    when `embedded` is None). One message per embed: a quiz shown twice is one mistake,
    not one per question."""
    for one in items:
        earlier = shown.get(one.id)
        if earlier is None:
            continue
        by, line, ident = earlier
        by = "its own embed" if ident == one.id else by
        if one is embedded:
            return f"{subject} is already shown on this page by {by} (line {line})"
        return (
            f"{subject} shows {_named(one)}, which is already shown on this page by {by} "
            f"(line {line})"
        )
    return None


def shows_file(page: Page, path: str, yaml_path: str) -> bool:
    """True if the page at `path` shows the whole YAML file `yaml_path` in an srm block."""
    return any(
        shown_file(path, name) == yaml_path
        for embed in page.embeds
        for name, _line, _col in embed.files
    )
