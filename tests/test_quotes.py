"""Official AWS wording is quoted character for character and attributed to the document it
comes from. The table below is typed from the documents themselves (and the content brief,
section 1 and 12); nothing in it is read from the content, so a misquote cannot pass by being
copied into both."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from srm_build.models import Content, Source, Term
from srm_build.pipeline import load_content

ROOT = Path(__file__).resolve().parent.parent

OFFICIAL = {
    "Security and Compliance is a shared responsibility between AWS and the customer.": (
        "aws-srm",
        "https://aws.amazon.com/compliance/shared-responsibility-model/",
    ),
    "Security and compliance are shared responsibilities between AWS and the customer.": (
        "risk-compliance-whitepaper",
        "https://docs.aws.amazon.com/whitepapers/latest/aws-risk-and-compliance/",
    ),
    "An AWS Region is a physical location in the world where we cluster data centers.": (
        "regions-azs",
        "https://aws.amazon.com/about-aws/global-infrastructure/regions_az/",
    ),
    "An Availability Zone is one or more discrete data centers with redundant power, "
    "networking, and connectivity in an AWS Region.": (
        "regions-azs",
        "https://aws.amazon.com/about-aws/global-infrastructure/regions_az/",
    ),
}
"""Each official sentence -> (the source id that must carry it, the start of that source's URL)."""

# The distinctive part of each official sentence: wherever one of these appears in the
# content, the whole official sentence must stand there, unaltered.
_SIGNATURES = [
    re.compile(r"Security and compliance\s+(?:is|are)\s+(?:a\s+)?shared\s+responsibilit", re.I),
    re.compile(r"where we cluster data cent", re.I),
    re.compile(r"one or more discrete data cent", re.I),
]


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(ROOT / "content")


def _texts(data: object):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _texts(value)
    elif isinstance(data, list):
        for value in data:
            yield from _texts(value)


def test_every_quoted_term_is_an_official_sentence_of_its_source(content: Content):
    quoted = [t for t in content.terms if t.quote]
    assert quoted, "the glossary quotes nothing"
    for term in quoted:
        assert term.definition in OFFICIAL, (
            f"{term.id}: not an official sentence: {term.definition!r}"
        )
        source_id, url = OFFICIAL[term.definition]
        assert term.source == source_id, f"{term.id}: attributed to {term.source}, not {source_id}"
        source = content.by_id[term.source]
        assert isinstance(source, Source) and source.url.startswith(url), source.url


def test_every_official_sentence_is_in_the_glossary_as_a_quote(content: Content):
    quoted = {t.definition: t for t in content.terms if isinstance(t, Term) and t.quote}
    assert set(quoted) == set(OFFICIAL)


def test_no_text_misquotes_an_official_sentence(content: Content):
    """Anywhere in YAML or prose, a phrase that starts an official sentence is that sentence
    exactly (the page form with its capital C, or the whitepaper form in the plural)."""
    texts = [page.text for page in content.pages.values()]
    texts += [t for file in content.files.values() for t in _texts(file.where.doc.data)]
    found = 0
    for text in texts:
        flat = " ".join(text.split())
        for signature in _SIGNATURES:
            for match in signature.finditer(flat):
                found += 1
                around = flat[max(0, match.start() - 120) : match.end() + 120]
                assert any(
                    sentence in flat
                    and flat.index(sentence) <= match.start() < flat.index(sentence) + len(sentence)
                    for sentence in OFFICIAL
                ), f"misquoted official wording: ...{around}..."
    assert found >= 4


def test_the_misquote_the_site_once_taught_is_gone(content: Content):
    texts = [page.text for page in content.pages.values()]
    texts += [t for file in content.files.values() for t in _texts(file.where.doc.data)]
    assert not any(
        "compliance are a shared responsibility" in " ".join(t.split()).casefold() for t in texts
    )


def test_quotes_are_shown_as_quotes_with_their_source(engine_real_site):
    soup = engine_real_site.soup("data/glossary/index.html")
    for sentence, (_source, url) in OFFICIAL.items():
        quote = next(
            (
                b
                for b in soup.select("blockquote.srm-quote")
                if " ".join(b.p.get_text().split()) == sentence
            ),
            None,
        )
        assert quote is not None, f"no blockquote of {sentence!r}"
        cite = quote.select_one(".srm-attribution cite a")
        assert cite is not None and cite["href"].startswith(url)
