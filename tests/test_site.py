"""The real site, built from content/ with the repository's mkdocs.yml (strict)."""

from __future__ import annotations

import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, Site


def _key(form) -> dict[str, bool]:
    return {
        li["data-srm-option"]: li["data-srm-correct"] == "true"
        for li in form.select(".srm-key [data-srm-option]")
    }


def _find(site: Site, selector: str) -> BeautifulSoup:
    """The first element matching `selector` on any page."""
    for page in site.pages():
        found = site.soup(page).select_one(selector)
        if found is not None:
            return found
    raise AssertionError(f"no page has {selector}")


def _correct_text(form) -> list[str]:
    options = {li["data-srm-option"]: li for li in form.select(".srm-options li")}
    return [options[o].get_text(" ", strip=True) for o, right in _key(form).items() if right]


def test_known_questions_have_their_known_answers_in_the_html(engine_real_site: Site) -> None:
    ec2 = _find(engine_real_site, "form#srm-known-ec2-customer-task")
    assert [t.lower() for t in _correct_text(ec2)] == [
        "patching the operating system on the instances"
    ]
    of_cloud = _find(engine_real_site, "form#srm-known-security-of-the-cloud")
    assert len(_correct_text(of_cloud)) == 1
    assert "physical destruction" in _correct_text(of_cloud)[0].lower()
    ultimately = _find(engine_real_site, "form#srm-known-ultimately-responsible")
    assert len(_correct_text(ultimately)) == 1
    assert "both" in _correct_text(ultimately)[0].lower()


def test_sort_exercise_answer_key_in_the_html(engine_real_site: Site) -> None:
    sort = _find(engine_real_site, "form#srm-sort-ten-tasks")
    key = {li["data-srm-item"]: li["data-srm-owner"] for li in sort.select(".srm-key li")}
    aws = {f"t{n}" for n in (1, 5, 8, 10)}
    assert key == {f"t{n}": "aws" if f"t{n}" in aws else "customer" for n in range(1, 11)}
    selects = sort.select("select")
    assert len(selects) == 10
    assert all([o["value"] for o in s.select("option")] == ["", "aws", "customer"] for s in selects)


def test_every_nav_page_is_built(engine_real_site: Site) -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)

    def paths(entries):
        for entry in entries:
            for value in entry.values():
                yield from paths(value) if isinstance(value, list) else [value]

    for src in paths(config["nav"]):
        page = "index.html" if src == "index.md" else src.removesuffix(".md") + "/index.html"
        assert (engine_real_site.root / page).is_file(), src


def test_edit_links_point_at_files_in_the_repository(engine_real_site: Site) -> None:
    prefix = "https://github.com/srm-study/srm/edit/main/"
    checked = 0
    for page in engine_real_site.pages():
        button = engine_real_site.soup(page).select_one("a.md-content__button[rel=edit]")
        if button is None:
            continue
        assert button["href"].startswith(prefix), (page, button["href"])
        assert (ROOT / button["href"].removeprefix(prefix)).is_file(), (page, button["href"])
        checked += 1
    generated = engine_real_site.soup("data/glossary/index.html").select_one("a[rel=edit]")["href"]
    assert generated.endswith("content/data/glossary.yml")
    assert checked >= 20


def test_no_yaml_is_published(engine_real_site: Site) -> None:
    assert [p for p in engine_real_site.root.rglob("*") if p.suffix in (".yml", ".yaml")] == []


def test_element_ids_are_unique_on_every_page(engine_real_site: Site) -> None:
    for page in engine_real_site.pages():
        ids = [el["id"] for el in engine_real_site.soup(page).select("[id]")]
        assert len(ids) == len(set(ids)), (page, sorted({i for i in ids if ids.count(i) > 1}))


def test_links_between_pages_resolve(engine_real_site: Site) -> None:
    for page in engine_real_site.pages():
        soup = engine_real_site.soup(page)
        base = (engine_real_site.root / page).parent
        for a in soup.select("article a[href]"):
            href = a["href"]
            if href.startswith(("http:", "https:", "mailto:", "#")):
                continue
            path = href.split("#")[0]
            target = (base / path).resolve()
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), (page, href)
            fragment = href.partition("#")[2]
            if fragment:
                assert engine_real_site.soup(str(target.relative_to(engine_real_site.root))).find(
                    id=fragment
                ), (
                    page,
                    href,
                )


def test_report_links_open_a_prefilled_issue_naming_item_and_file(engine_real_site: Site) -> None:
    from urllib.parse import parse_qs, urlsplit

    seen: dict[str, int] = {}
    for page in engine_real_site.pages():
        for link in engine_real_site.soup(page).select(".srm-report a[href]"):
            url = urlsplit(link["href"])
            assert f"{url.scheme}://{url.netloc}{url.path}" == (
                "https://github.com/srm-study/srm/issues/new"
            )
            query = parse_qs(url.query)
            ident = query["title"][0].split("'")[1]
            body = query["body"][0]
            assert f"Item: `{ident}`" in body
            path = body.split("File: `", 1)[1].split("`", 1)[0]
            assert (ROOT / path).is_file(), path
            assert f"id: {ident}" in (ROOT / path).read_text(), (ident, path)
            assert f"#srm-{ident}" in body  # the page and the item on it
            kind = query["title"][0].split()[2]
            seen[kind] = seen.get(kind, 0) + 1
    assert set(seen) == {"question", "scenario", "term", "misconception", "deck"}
    assert seen["question"] >= 60


def test_a_report_link_and_its_issue_name_the_item_as_its_unit_does(real_site: Site) -> None:
    """The link's "Report a problem with this X" and the issue's "Problem with X 'id'" name
    the item alike, by its unit's `report_noun` (its `noun`, or what its page calls it):
    no template or title keeps a noun of its own. Every kind of item with a report link on
    the site is seen."""
    from urllib.parse import parse_qs, urlsplit

    from srm_build.pipeline import load_content

    content = load_content(ROOT / "content")
    kinds: set[str] = set()
    for page in real_site.pages():
        for link in real_site.soup(page).select(".srm-report a[href]"):
            title = parse_qs(urlsplit(link["href"]).query)["title"][0]
            noun, ident = title.removeprefix("Problem with ").split(" '")
            item = content.by_id[ident.rstrip("'")]
            assert link.get_text() == f"Report a problem with this {noun}", (page, title)
            assert noun == item.report_noun, (page, title)
            kinds.add(type(item).__name__)
    assert {"Misconception", "Flashcards", "Scenario", "Term", "Sort", "Match"} <= kinds
