"""The fixture site, built once, read as HTML: each kind renders with its structure and ids,
the YAML is not published, and the assets are linked once per page."""

from __future__ import annotations

import gzip
from urllib.parse import urljoin
from xml.etree import ElementTree

from conftest import Site


def test_yaml_is_not_published_raw(engine_fixture_site: Site) -> None:
    published = [
        p.name for p in engine_fixture_site.root.rglob("*") if p.suffix in (".yml", ".yaml")
    ]
    assert published == []


def test_each_yaml_file_becomes_a_page(engine_fixture_site: Site) -> None:
    pages = engine_fixture_site.pages()
    for page in (
        "glossary/index.html",
        "quizzes/basics/index.html",
        "scenarios/index.html",
        "services/index.html",
        "sources/index.html",
        "stack/index.html",
        "tables/index.html",
    ):
        assert page in pages


def test_generated_pages_are_in_nav_sitemap_and_search(engine_fixture_site: Site) -> None:
    site = engine_fixture_site
    # As the browser reads them (Zensical writes `./glossary/` where MkDocs writes `glossary/`).
    nav = {urljoin(site.url, a["href"]) for a in site.soup("index.html").select("nav.md-nav a")}
    assert site.url + "glossary/" in nav and site.url + "quizzes/basics/" in nav
    sitemap = ElementTree.parse(engine_fixture_site.root / "sitemap.xml").getroot()
    locations = {el.text for el in sitemap.iter() if el.tag.endswith("loc")}
    assert engine_fixture_site.url + "glossary/" in locations
    assert any(
        doc["location"].startswith("glossary/") and "physical location" in doc["text"]
        for doc in engine_fixture_site.search_documents()
    )


def test_the_sitemap_is_published_plain_and_gzipped(engine_fixture_site: Site) -> None:
    # Every engine publishes sitemap.xml and the same sitemap gzipped, as MkDocs does.
    site = engine_fixture_site
    plain = (site.root / "sitemap.xml").read_bytes()
    assert gzip.decompress((site.root / "sitemap.xml.gz").read_bytes()) == plain
    locations = {el.text for el in ElementTree.fromstring(plain).iter() if el.tag.endswith("loc")}
    assert {site.url + page.removesuffix("index.html") for page in site.pages()} - {
        site.url + "404.html"
    } == locations


def test_assets_are_linked_once_per_page(engine_fixture_site: Site) -> None:
    for page in engine_fixture_site.pages():
        soup = engine_fixture_site.soup(page)
        styles = [el["href"] for el in soup.select("link[rel=stylesheet]")]
        scripts = [el["src"] for el in soup.select("script[src]")]
        assert sum(s.endswith("assets/srm/srm.css") for s in styles) == 1, page
        assert sum("srm.css" in s for s in styles) == 1, page
        assert sum(s.endswith("assets/srm/srm.js") for s in scripts) == 1, page
        assert sum("srm.js" in s for s in scripts) == 1, page
        # The package's contrast fixes to Zensical's own theme, on its pages only.
        modern = sum(s.endswith("assets/srm/theme-modern.css") for s in styles)
        assert modern == (engine_fixture_site.engine == "zensical"), page
    assert (engine_fixture_site.root / "assets/srm/srm.js").is_file()
    assert (engine_fixture_site.root / "assets/srm/srm.css").is_file()


def test_glossary_terms_have_anchors_and_quotes_are_attributed(engine_fixture_site: Site) -> None:
    soup = engine_fixture_site.soup("glossary/index.html")
    headings = {h["id"]: h.get_text(" ", strip=True) for h in soup.select("h2[id]")}
    assert headings["srm-region"].startswith("AWS Region")
    assert headings["srm-guest-os"].startswith("Guest operating system")
    region = soup.select_one('[data-srm-id="region"]')
    quote = region.select_one("blockquote")
    assert "physical location in the world" in quote.get_text()
    assert quote.select_one("cite a")["href"].startswith("https://aws.amazon.com/")
    related = soup.select_one('[data-srm-id="guest-os"] .srm-related a')
    assert related["href"] == "#srm-hypervisor"


def test_table_rows_list_owners_in_columns(engine_fixture_site: Site) -> None:
    table = engine_fixture_site.soup("tables/index.html").select_one(
        '[data-srm-id="service-models"] table'
    )
    columns = [th.get_text(strip=True) for th in table.select("thead th")]
    assert columns == ["Area", "AWS", "Customer", "Notes"]
    row = table.select_one("tr#srm-service-models--iaas")
    cells = row.find_all("td")
    assert "hypervisor" in cells[0].get_text()
    assert "Guest OS patches" in cells[1].get_text()
    assert row.select_one("th a")["href"] == "../services/#srm-ec2"


def test_service_matrix_has_a_cell_per_layer_and_service(engine_fixture_site: Site) -> None:
    soup = engine_fixture_site.soup("services/index.html")
    matrix = soup.select_one(".srm-matrix table")
    services = [th.get_text(strip=True) for th in matrix.select("thead th")][1:]
    assert services == ["Amazon EC2", "AWS Lambda"]
    rows = {
        tr.th.get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")]
        for tr in matrix.select("tbody tr")
    }
    assert rows == {
        "Customer data": ["Customer", "Customer"],
        "Guest operating system": ["Customer", "AWS"],
        "Virtualization": ["AWS", "AWS"],
    }
    lam = soup.select_one('[data-srm-id="lambda"]')
    assert "isolates the execution environment" in lam.get_text()
    assert lam.select_one(".srm-service-model").get_text(strip=True) == "PaaS"


def _key(form) -> dict[str, bool]:
    return {
        li["data-srm-option"]: li["data-srm-correct"] == "true"
        for li in form.select(".srm-key [data-srm-option]")
    }


def test_choice_questions_have_options_feedback_and_a_readable_key(
    engine_fixture_site: Site,
) -> None:
    soup = engine_fixture_site.soup("quizzes/basics/index.html")
    single = soup.select_one("form#srm-ec2-patching")
    radios = single.select("fieldset input[type=radio]")
    assert [r["value"] for r in radios] == ["a", "b", "c"]
    assert all(single.select_one(f'label[for="{r["id"]}"]') for r in radios)
    assert _key(single) == {"a": False, "b": True, "c": False}
    assert all(
        li.select_one(".srm-feedback-text").get_text(strip=True)
        for li in single.select(".srm-key li")
    )
    key = single.select_one("details.srm-key")
    assert key.has_attr("data-search-exclude") == engine_fixture_site.keeps_search_marks
    multiple = soup.select_one("form#srm-customer-tasks")
    assert len(multiple.select("input[type=checkbox]")) == 3
    assert _key(multiple) == {"a": True, "b": False, "c": True}
    true_false = soup.select_one("form#srm-aws-does-all")
    assert _key(true_false) == {"true": False, "false": True}


def test_sort_and_flashcards_render(engine_fixture_site: Site) -> None:
    soup = engine_fixture_site.soup("quizzes/basics/index.html")
    sort = soup.select_one("form#srm-sort-basics")
    selects = sort.select("select")
    assert [s["id"] for s in selects] == ["srm-sort-basics--guards", "srm-sort-basics--patch"]
    assert [o["value"] for o in selects[0].select("option")] == ["", "aws", "customer"]
    key = {li["data-srm-item"]: li["data-srm-owner"] for li in sort.select(".srm-key li")}
    assert key == {"guards": "aws", "patch": "customer"}
    cards = soup.select("#srm-deck-basics .srm-card summary")
    assert [c.get_text(strip=True) for c in cards] == [
        "AWS Region",
        "Guest operating system",
        "Hypervisor",
    ]


def test_scenarios_ask_who_is_responsible(engine_fixture_site: Site) -> None:
    scenario = engine_fixture_site.soup("scenarios/index.html").select_one(
        '[data-srm-id="unpatched-apache"]'
    )
    form = scenario.select_one("form")
    # The group is named by its situation: the title, hidden on screen under the heading.
    title = "Unpatched web server"
    legend = form.select_one("legend")
    assert legend.get_text() == f"{title}: Who is responsible?"
    assert legend.select_one(".srm-visually-hidden").get_text() == f"{title}: "
    assert _key(form) == {"aws": False, "customer": True, "shared": False}
    assert scenario.select_one(".srm-where a")["href"] == "../services/#srm-ec2"


def test_markdown_pages_embed_items_by_id(engine_fixture_site: Site) -> None:
    soup = engine_fixture_site.soup("index.html")
    quiz = soup.select_one('section.srm-quiz[data-srm-id="basics"]')
    assert quiz is not None and quiz["id"] == "srm-basics"
    assert soup.select_one('[data-srm-id="unpatched-apache"]#srm-unpatched-apache')
    assert "```srm" not in soup.get_text()
    # Links inside embedded items are relative to the page that embeds them.
    assert soup.select_one("form#srm-ec2-patching .srm-terms a")["href"] == "glossary/#srm-guest-os"


def test_element_ids_are_unique_on_every_page(engine_fixture_site: Site) -> None:
    for page in engine_fixture_site.pages():
        ids = [el["id"] for el in engine_fixture_site.soup(page).select("[id]")]
        assert len(ids) == len(set(ids)), (page, sorted(i for i in ids if ids.count(i) > 1))


def test_pages_make_no_outside_requests(engine_fixture_site: Site) -> None:
    for page in engine_fixture_site.pages():
        soup = engine_fixture_site.soup(page)
        for el in soup.select("script[src], link[href][rel=stylesheet], img[src]"):
            url = el.get("src") or el.get("href")
            assert not url.startswith(("http:", "https:", "//")), (page, url)
        assert not soup.select("[data-md-component=source]"), page


def test_prose_links_the_first_mention_of_each_term(engine_fixture_site: Site) -> None:
    article = engine_fixture_site.soup("index.html").select_one("article")
    links = article.select("a.srm-glossary-link")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("hypervisor", "glossary/#srm-hypervisor"),
        ("guest OS", "glossary/#srm-guest-os"),
    ]
    assert links[0]["data-srm-tip"].startswith("Software that runs virtual machines")
    # Headings, code, existing links and embedded items are left alone.
    assert (
        article.select_one("h2:not(.srm-title)").get_text(strip=True).startswith("The hypervisor")
    )
    assert not article.select("h2 a.srm-glossary-link, code a, .srm a.srm-glossary-link")
    assert article.find("a", string="AWS Region")["href"] == "glossary/#srm-region"
