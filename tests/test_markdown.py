"""The `srm` block as plain Python-Markdown, the way any engine runs it: here a host that
keeps its rendering context on the Markdown instance, as Zensical does, with no engine."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from conftest import FIXTURE_SITE
from srm_build.markdown import SrmError, fence

CONFIG = {
    "docs_dir": str(FIXTURE_SITE / "content"),
    "site_url": "https://example.org/",
    "repo_url": "https://github.com/example/srm",
    "use_directory_urls": True,
}


class _Page:
    def __init__(self, path: str) -> None:
        self.path = path


class _Context(Preprocessor):
    """What the host keeps: the page being rendered and the loaded configuration."""

    def __init__(self, md: markdown.Markdown, page: str) -> None:
        super().__init__(md)
        self.page, self.config = _Page(page), CONFIG

    def run(self, lines: list[str]) -> list[str]:
        return lines


class _Host(Extension):
    def __init__(self, page: str) -> None:
        super().__init__()
        self.path = page

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown API)
        md.preprocessors.register(_Context(md, self.path), "rendering_context", 0)


def render(page: str, text: str) -> tuple[BeautifulSoup, markdown.Markdown]:
    md = markdown.Markdown(
        extensions=[
            _Host(page),
            "attr_list",
            "toc",
            "pymdownx.superfences",
            "srm_build.markup",
            "srm_build.markdown",
        ],
        extension_configs={
            "pymdownx.superfences": {
                "custom_fences": [{"name": "srm", "class": "srm", "format": fence}]
            }
        },
    )
    return BeautifulSoup(md.convert(text), "html.parser"), md


def test_an_srm_fence_in_a_list_becomes_the_items_html() -> None:
    soup, _ = render(
        "network.md", "# Net\n\n- Try this:\n\n    ```srm\n    ec2-patching\n    ```\n"
    )
    form = soup.select_one("li form#srm-ec2-patching")
    assert form is not None  # nested in the list item, like any SuperFences block
    assert form.select_one("details.srm-key[data-search-exclude]") is not None
    report = soup.select_one(".srm-report a")["href"]
    assert report.startswith("https://github.com/example/srm/issues/new?")
    assert "https%3A%2F%2Fexample.org%2Fnetwork%2F%23srm-ec2-patching" in report


def test_a_block_naming_a_yaml_file_is_that_files_page() -> None:
    soup, md = render("quizzes/basics.md", "```srm\nbasics.yml\n```\n")
    assert soup.h1.get_text() == "Basics check"
    headings = [token["id"] for token in md.toc_tokens[0]["children"]]  # type: ignore[attr-defined]
    assert "srm-basics" in headings  # in the table of contents, as authored headings are
    assert soup.select_one("form#srm-ec2-patching") is not None


def test_glossary_terms_link_from_prose_but_not_in_items() -> None:
    soup, _ = render("network.md", "# Net\n\nThe hypervisor runs under the guest.\n")
    link = soup.select_one("a.srm-glossary-link")
    # A link to the Markdown page, which the engine turns into the page's address.
    assert link is not None and link["href"] == "glossary.md#srm-hypervisor"
    assert link["data-srm-tip"]


def test_raw_html_in_prose_stays_text_next_to_item_html() -> None:
    soup, _ = render("network.md", '<b onclick="x()">bold</b>\n\n```srm\nec2-patching\n```\n')
    assert soup.find("b") is None and "<b onclick" in soup.get_text()
    assert soup.select_one("form#srm-ec2-patching") is not None


@pytest.mark.parametrize("indent", ["", "    "], ids=["top level", "in a list"])
def test_an_unknown_id_stops_the_page_with_its_name(indent: str) -> None:
    # `check` reports it first with its place; a build that skipped it still stops.
    text = f"- x\n\n{indent}```srm\n{indent}nope\n{indent}```\n"
    with pytest.raises(SrmError, match=r"network\.md: embeds unknown item 'nope'"):
        render("network.md", text)


class _Relpath(Treeprocessor):
    """An engine's link processing on the element tree, as MkDocs' `relpath` (priority 0)
    does it: here it marks each relative link it resolves."""

    def run(self, root) -> None:
        for element in root.iter("a"):
            href = element.get("href", "")
            if href and not href.startswith(("#", "http")):
                element.set("href", f"resolved:{href}")


class _Engine(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown API)
        md.treeprocessors.register(_Relpath(md), "relpath", 0)


def test_item_links_are_resolved_by_the_engines_own_link_processing() -> None:
    """Item HTML is stashed, out of the element tree, yet its links reach the engine's
    tree-level link processing (MkDocs' and ProperDocs' `relpath`), which resolves them as
    it does the page's own; with no such processing (Zensical resolves the finished HTML)
    they stay as an author writes them, relative to the page's source file."""
    text = "# Net\n\n```srm\nunpatched-apache\n```\n\nSee [the quiz](quizzes/basics.md).\n"
    plain, _ = render("network.md", text)
    written = [a["href"] for a in plain.select("[data-srm-id='unpatched-apache'] a[href]")]
    relative = [href for href in written if not href.startswith(("#", "http"))]
    assert relative and all(".md" in href for href in relative)

    md = markdown.Markdown(
        extensions=[
            _Host("network.md"),
            _Engine(),
            "pymdownx.superfences",
            "srm_build.markup",
            "srm_build.markdown",
        ],
        extension_configs={
            "pymdownx.superfences": {
                "custom_fences": [{"name": "srm", "class": "srm", "format": fence}]
            }
        },
    )
    soup = BeautifulSoup(md.convert(text), "html.parser")
    resolved = [a["href"] for a in soup.select("[data-srm-id='unpatched-apache'] a[href]")]
    assert resolved == [f"resolved:{href}" if href in relative else href for href in written]
    own = [a["href"] for a in soup.select("a") if a.get_text() == "the quiz"]
    assert own == ["resolved:quizzes/basics.md"]  # the page's own link, as before
    assert soup.select("body > div[hidden], div[hidden] > a") == []  # no holder left
