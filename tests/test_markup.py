"""Markdown fields: the fast path for plain sentences gives exactly what Markdown gives."""

from __future__ import annotations

import re

import pytest

from conftest import FIXTURE_SITE, ROOT
from srm_build import markup
from srm_build.links import is_safe_url
from srm_build.loader import read_file
from srm_build.markup import _PLAIN, _markdown, block_in_inline, render_block, render_inline

TRICKY = [
    "Plain sentence, with commas; colons: and 'quotes' and \"doubles\".",
    "- a list item",
    "1. numbered",
    "2) numbered",
    "  leading and trailing spaces  ",
    "    four spaces make code",
    "a\tb",
    "AWS's side = security of the cloud + more",
    "snake_case and *stars*",
    "100% sure (really) - yes",
    "",
]


def _all_strings() -> list[str]:
    found: list[str] = []
    for root in (ROOT / "content", FIXTURE_SITE / "content"):
        for path in root.rglob("*.yml"):
            stack = [read_file(path, path.name).data]
            while stack:
                value = stack.pop()
                if isinstance(value, str):
                    found.append(value)
                elif isinstance(value, dict):
                    stack.extend(value.values())
                elif isinstance(value, list):
                    stack.extend(value)
    return found


@pytest.mark.parametrize("text", TRICKY)
def test_fast_path_matches_markdown_on_tricky_text(text: str) -> None:
    assert render_block(text) == _markdown(text)


def test_fast_path_matches_markdown_on_all_content() -> None:
    strings = _all_strings()
    plain = [t for t in strings if _PLAIN.fullmatch(t)]
    assert len(plain) > 100  # the fast path is actually taken
    assert [t for t in strings if render_block(t) != _markdown(t)] == []


BLOCKY = [
    "one\n\ntwo",
    "one\n- a list after a line",
    "one\n# a heading after a line",
    "one\n> a quote after a line",
    "one\n---",
    "one\n===",
    "a | b\n--- | ---\n1 | 2",
    "one\n```\ncode\n```",
    "!!! note\n    an admonition",
    "??? x\n    details",
    "***",
    "term\n:   a definition",
    "text[^1]\n\n[^1]: a footnote",
    "  - an indented list",
    "\n\n    code after blank lines",
    "one line\nand a soft break, with **bold** and [a link](x.md)",
]


@pytest.mark.parametrize("text", TRICKY + BLOCKY)
def test_block_in_inline_asks_markdown_whenever_it_could_make_a_block(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`block_in_inline` skips Markdown for texts `_MAY_BLOCK` says cannot make a block;
    with Markdown asked every time, the verdict is the same."""
    fast = block_in_inline(text)
    monkeypatch.setattr(markup, "_MAY_BLOCK", re.compile(""))
    assert fast == block_in_inline(text)


def test_block_in_inline_agrees_with_markdown_on_all_content(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    strings = _all_strings()
    fast = [block_in_inline(t) for t in strings]
    monkeypatch.setattr(markup, "_MAY_BLOCK", re.compile(""))
    assert [block_in_inline(t) for t in strings] == fast


def test_inline_unwraps_a_lone_paragraph() -> None:
    assert render_inline("Just *one*") == "Just <em>one</em>"
    assert render_inline("Two\n\nparagraphs") == "<p>Two</p>\n<p>paragraphs</p>"


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://aws.amazon.com/", True),
        ("mailto:a@b.org", True),
        ("../page.md#x", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("&#106;avascript:alert(1)", False),
        ("data:text/html,x", False),
        ("vbscript:x", False),
    ],
)
def test_only_safe_schemes_are_kept(url: str, safe: bool) -> None:
    assert is_safe_url(url) is safe
    html = render_block(f"[link]({url})")
    assert ("href" in html) is safe


@pytest.mark.parametrize(
    "url",
    ["//evil.example/x", "&#47;&#47;evil.example/x", "\\\\/evil.example/x", " //evil.example"],
)
def test_scheme_relative_links_are_unlinked(url: str) -> None:
    """The last line behind the check (which refuses them with their place): an address
    that a browser reads as `//host` leads to another site, so it is not kept."""
    assert "href" not in render_block(f"[link]({url})")
    assert "src" not in render_block(f"![image]({url})")
    # No autolink form takes an address without a scheme: it stays text.
    assert render_block(f"<{url}>").startswith("<p>&lt;")


def test_links_in_yaml_text_become_paths_from_the_pages_source() -> None:
    """A relative link in a YAML file's text is relative to the file; on a page that shows
    the text it becomes the path from that page's source, which the engine resolves as it
    does an author's link (README, "Engines"). `#x` or `?x` alone names the file's own
    page; query and fragment are kept as written."""
    from srm_build.urls import SiteUrls, TextHrefs

    on_index = TextHrefs("quizzes", "index.md", "quizzes/basics.md")
    assert [
        on_index(href) for href in ("../idea.md#who", "img.png", "#x", "?x#y", "network.md?a#b")
    ] == [
        "idea.md#who",
        "quizzes/img.png",
        "quizzes/basics.md#x",
        "quizzes/basics.md?x#y",
        "quizzes/network.md?a#b",
    ]
    at_home = TextHrefs("quizzes", "quizzes/basics.md", "quizzes/basics.md")
    assert [at_home(href) for href in ("#x", "../idea.md")] == ["#x", "../idea.md"]
    # The study bank's script, which no engine reads, gets the addresses themselves.
    urls = SiteUrls({}, directory_urls=True)
    assert [
        urls.url_href("data/study.md", href)
        for href in ("quizzes/basics.md?x#y", "../glossary.md#srm-a", "#z", "img/a.png")
    ] == ["../quizzes/basics/?x#y", "../../glossary/#srm-a", "#z", "../img/a.png"]
