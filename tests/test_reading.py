"""What a reader sees and hears on the real site, checked in Chromium: the explorer and the
matrix, the glossary tip, scenarios and decks as landmarks and headings, the theme's search
dialog, quiz layout (no shift after first paint, numbers, whole-box options, buttons in the
right state), Reset, and report links. Every test waits on a state the page shows, never on
time.

Every test runs on each engine's build (conftest.py, `engine_real_site` and
`engine_fixture_site`): the sites are built once per engine for the whole session, and
`make test ENGINE=zensical` runs this module on that engine alone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import Site

pytestmark = pytest.mark.browser

SERVICES = "data/services/"


@pytest.fixture
def built(engine_real_site: Site) -> Site:
    """The repository's site as one engine builds it, served under a sub-path."""
    return engine_real_site


def explorer_page(browser: Browser, site: Site, width: int = 1280) -> Page:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(site.url + SERVICES)
    expect(page.locator(".srm-explorer[data-srm-ready]")).to_be_attached()
    return page


def matrix_owners(page: Page, model: str, layer: str) -> dict[str, str]:
    """Service name -> owner label, as the matrix states it for one model's layer."""
    return page.evaluate(
        """([model, layer]) => {
            const heads = [...document.querySelectorAll('.srm-matrix thead th[data-srm-service]')];
            const row = [...document.querySelectorAll('.srm-matrix tbody tr')]
                .find(tr => tr.querySelector('th').textContent === layer);
            const out = {};
            heads.forEach((th, i) => {
                if (th.dataset.srmModel === model)
                    out[th.textContent] = row.querySelectorAll('td')[i].textContent;
            });
            return out;
        }""",
        [model, layer],
    )


# ---------------------------------------------------------------- explorer and matrix


def test_a_model_layer_whose_services_disagree_varies_and_is_not_shared(
    browser: Browser, built: Site
) -> None:
    """Issue 13 item 7: IaaS's guest OS is not Shared. When the matrix's IaaS services
    disagree, the layer says "Varies by service", looks unlike Shared, and names the
    services with each owner; when they agree it shows that one owner."""
    page = explorer_page(browser, built)
    explorer = page.locator(".srm-explorer")
    explorer.get_by_label("Show").select_option("model:iaas")
    expect(explorer.locator("figcaption")).to_have_text("IaaS")
    layer = "Guest operating system"
    row = explorer.locator("li", has=page.locator(".srm-stack-name", has_text=layer))
    owners = matrix_owners(page, "iaas", layer)
    assert len(owners) > 1
    owner = row.locator("strong")
    expect(owner).not_to_have_text("Shared")
    if len(set(owners.values())) == 1:
        expect(owner).to_have_text(next(iter(owners.values())))
        return
    expect(owner).to_have_text("Varies by service")
    expect(row).to_have_class("srm-owner-varies")
    note = row.locator(".srm-stack-note")
    for name, label in owners.items():
        expect(note).to_contain_text(name)
        expect(note).to_contain_text(label + ":")
    # Distinct from Shared in more than colour: a pattern and a dashed edge.
    shared = page.locator(".srm-matrix td.srm-owner-shared").first
    look = "el => [getComputedStyle(el).backgroundImage, getComputedStyle(el).outlineStyle]"
    varies_look, shared_look = row.evaluate(look), shared.evaluate(look)
    assert varies_look[0].startswith("repeating-linear-gradient") and varies_look[1] == "dashed"
    assert shared_look[0] == "none" and shared_look[1] != "dashed"
    page.close()


def test_explorer_and_matrix_list_layers_in_one_order_owner_apart_from_note(
    browser: Browser, built: Site
) -> None:
    page = explorer_page(browser, built)
    explorer = page.locator(".srm-explorer")
    explorer.get_by_label("Show").select_option("ec2")
    matrix_layers = page.locator(".srm-matrix tbody th").all_text_contents()
    explorer_layers = explorer.locator(".srm-stack-name").all_text_contents()
    assert explorer_layers == matrix_layers
    # The matrix puts the customer's data on top, as the explorer draws it.
    assert matrix_layers[0] == "Customer data" and matrix_layers[-1] == "Physical facilities"
    row = explorer.locator(
        "li", has=page.locator(".srm-stack-name", has_text="Guest operating system")
    )
    expect(row.locator("strong")).to_have_text("Customer")
    expect(row.locator(".srm-stack-note")).to_have_text(
        "The customer updates, patches and hardens the operating system of every instance."
    )
    # Read as text, the owner and the note are apart, not "Customer The customer ...".
    text = row.inner_text()
    assert "Customer\nThe customer updates" in text, text
    page.close()


def test_compare_lines_up_layer_by_layer_and_marks_differences(
    browser: Browser, built: Site
) -> None:
    page = explorer_page(browser, built)
    explorer = page.locator(".srm-explorer")
    explorer.get_by_label("Show").select_option("ec2")
    explorer.get_by_label("Compare with").select_option("lambda")
    table = explorer.get_by_role("table", name="Amazon EC2 compared with AWS Lambda")
    rows = table.locator("tbody tr")
    matrix_layers = page.locator(".srm-matrix tbody th").all_text_contents()
    expect(rows).to_have_count(len(matrix_layers))
    for i, layer in enumerate(matrix_layers):
        row = rows.nth(i)
        expect(row.locator("th .srm-stack-name, th").first).to_contain_text(layer)
        owners = row.locator("td > strong").all_text_contents()
        if owners[0] != owners[1]:
            expect(row).to_have_class("srm-differs")
            expect(row.locator(".srm-differs-mark")).to_have_text("Differs")
        else:
            expect(row).not_to_have_class("srm-differs")
            expect(row.locator(".srm-differs-mark")).to_have_count(0)
    # EC2's guest OS is the customer's, Lambda's is AWS's: that row must be marked.
    expect(rows.filter(has_text="Guest operating system")).to_have_class("srm-differs")
    page.close()


def test_matrix_says_it_scrolls_at_1280(browser: Browser, built: Site) -> None:
    page = explorer_page(browser, built, width=1280)
    region = page.get_by_role("region", name="Who owns each layer")
    expect(region).to_have_attribute("tabindex", "0")
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    hint = page.locator(".srm-matrix-hint")
    expect(hint).to_be_visible()
    expect(hint).to_have_text("Scroll the table sideways for more services.")
    frame = page.locator(".srm-matrix-frame")
    expect(frame).to_have_attribute("data-srm-more", "")
    assert frame.evaluate("el => getComputedStyle(el, '::after').backgroundImage").startswith(
        "linear-gradient"
    )
    # Keyboard: the region takes focus and scrolls; at the end the shade goes.
    region.focus()
    page.keyboard.press("End")
    region.evaluate("el => el.scrollTo(el.scrollWidth, 0)")
    expect(frame).not_to_have_attribute("data-srm-more", "")
    page.close()


# ---------------------------------------------------------------- the theme's search dialog


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_dialog_has_a_name(browser: Browser, built: Site, scheme: str) -> None:
    """axe's aria-dialog-name (a best-practice rule, outside the WCAG tags the page-wide axe
    tests run) found the theme's search dialog unnamed on every page."""
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(built.url)
    # Zensical's theme has a search dialog of its own beside Material's: each is named.
    expect(page.get_by_role("dialog", name="Search", include_hidden=True).first).to_be_attached()
    results = Axe().run(page, options={"runOnly": {"type": "rule", "values": ["aria-dialog-name"]}})
    assert results.response["violations"] == []
    assert results.response["passes"], "the rule found no dialog to check"
    context.close()


# ---------------------------------------------------------------- the glossary tip


def test_glossary_tip_stays_on_screen_names_the_term_and_closes_on_escape(
    browser: Browser, built: Site
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=False)
    page = context.new_page()
    page.goto(built.url + "best-practices/")
    expect(page.locator("[data-srm-mounted]").first).to_be_attached()
    links = page.locator("article .srm-glossary-link")
    assert links.count() >= 5
    tip = page.get_by_role("tooltip")
    for i in range(links.count()):
        link = links.nth(i)
        term, definition = link.inner_text(), link.get_attribute("data-srm-tip")
        link.focus()
        expect(tip).to_have_text(definition)
        # The link is named by its term; the definition is its description.
        expect(link).to_have_accessible_name(term)
        expect(link).to_have_accessible_description(definition)
        expect(page.get_by_role("link", name=term, exact=True).first).to_be_attached()
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= 390, f"tip for {term!r} widens the page to {width} px"
        box = tip.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, (term, box)
        page.keyboard.press("Escape")
        expect(tip).to_be_hidden()
        expect(link).not_to_have_attribute("aria-describedby", "srm-tip")
    # By pointer: the tip shows on hover, stays while the pointer moves onto it, and Esc
    # dismisses it there too.
    page.keyboard.press("Tab")
    first = links.first
    first.scroll_into_view_if_needed()
    first.hover()
    expect(tip).to_be_visible()
    box = tip.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(tip).to_be_visible()
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    context.close()


# ---------------------------------------------------------------- scenarios and decks


@pytest.mark.parametrize("path", ["scenarios/", "compliance/", "data/study/"])
def test_scenarios_are_told_apart_and_titled_by_real_headings(
    browser: Browser, built: Site, path: str
) -> None:
    """Each scenario's group is named by its situation, and its title is a heading one
    level below the heading it sits under."""
    page = browser.new_page()
    page.goto(built.url + path)
    scenarios = page.locator(".srm-scenario")
    assert scenarios.count() >= 2
    names = []
    for i in range(scenarios.count()):
        scenario = scenarios.nth(i)
        heading = scenario.locator(".srm-title")
        title = heading.inner_text()
        level = int(heading.evaluate("el => el.tagName").removeprefix("H"))
        expect(scenario.get_by_role("heading", level=level, name=title)).to_be_visible()
        # The nearest heading above that is not another scenario's title.
        above = heading.evaluate(
            """el => {
                const all = [...document.querySelectorAll('article :is(h1, h2, h3, h4, h5, h6)')]
                    .filter(h => h === el || !h.closest('.srm-scenario'));
                return +all[all.indexOf(el) - 1].tagName.slice(1);
            }"""
        )
        assert level == min(above + 1, 6), (title, level, above)
        group = scenario.get_by_role("group", name=f"{title}: Who is responsible?")
        expect(group).to_be_visible()
        names.append(f"{title}: Who is responsible?")
    assert len(set(names)) == len(names)
    page.close()


@pytest.mark.parametrize("path", ["practice/", "data/quizzes/practice/", "data/study/"])
def test_landmarks_have_unique_names(browser: Browser, built: Site, path: str) -> None:
    """Every deck, and every other named region, can be told apart in a landmarks list."""
    page = browser.new_page()
    page.goto(built.url + path)
    decks = page.locator("section.srm-flashcards")
    if path != "data/study/":
        assert decks.count() >= 2
    names = page.evaluate(
        """() => [...document.querySelectorAll('section[aria-label], section[aria-labelledby],'
                + ' [role=region]')].map(el => el.getAttribute('aria-label') ||
                el.getAttribute('aria-labelledby').split(' ')
                  .map(id => document.getElementById(id).textContent).join(' '))"""
    )
    assert len(names) == len(set(names)), sorted(names)
    for i in range(decks.count()):
        name = decks.nth(i).get_attribute("aria-label")
        assert name.startswith("Flashcards: ")
        expect(page.get_by_role("region", name=name, exact=True)).to_have_count(1)
    page.close()


# ---------------------------------------------------------------- quiz layout

SHIFTS = """window.srmShifts = [];
window.srmShiftObserver = new PerformanceObserver(list => {
    for (const e of list.getEntries()) window.srmShifts.push(e.value);
});
window.srmShiftObserver.observe({type: 'layout-shift', buffered: true});"""


@pytest.mark.parametrize("path", ["data/quizzes/idea/", "practice/", "scenarios/"])
def test_quiz_pages_do_not_shift_after_first_paint(
    browser: Browser, built: Site, path: str
) -> None:
    """CLS 0 on a phone: the progress bar, the score and every script-only control have
    their room from the first paint. Every shift is counted, with or without recent input."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    context.add_init_script(SHIFTS)
    page = context.new_page()
    page.goto(built.url + path)
    expect(page.locator(".srm-progress")).to_be_visible()
    expect(page.locator("[data-srm-component]:not([data-srm-mounted])")).to_have_count(0)
    # Two frames after everything mounted, every shift has been recorded.
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    shifts = page.evaluate(
        "() => window.srmShifts.concat(window.srmShiftObserver.takeRecords().map(e => e.value))"
    )
    assert sum(shifts) == 0, shifts
    # The bar sits under the title.
    assert page.evaluate(
        "() => document.querySelector('article h1').nextElementSibling.matches('.srm-progress')"
    )
    context.close()


def test_quiz_layout_number_box_and_buttons(page: Page, engine_fixture_site: Site) -> None:
    page.goto(engine_fixture_site.url + "quizzes/basics/")
    form = page.locator("form#srm-ec2-patching")
    expect(form).to_have_attribute("data-srm-mounted", "")
    slot = page.locator(".srm-question-slot").filter(has=form)
    # The number sits beside the prompt: no marker beside the first option, but a number
    # drawn at the top of the slot, where the prompt is.
    number = slot.evaluate(
        """el => { const s = getComputedStyle(el, '::before');
            return [getComputedStyle(el).listStyleType, s.content, s.position, s.top]; }"""
    )
    assert number == ["none", 'counter(list-item) "."', "absolute", "0px"], number
    legend_top = form.locator("legend").evaluate("el => el.getBoundingClientRect().top")
    slot_top = slot.evaluate("el => el.getBoundingClientRect().top")
    first_option_top = form.locator(".srm-option").first.evaluate(
        "el => el.getBoundingClientRect().top"
    )
    assert abs(slot_top - legend_top) < 2 < abs(slot_top - first_option_top)
    assert page.evaluate(
        "() => getComputedStyle(document.querySelector('.srm-question-slot'), '::before')"
        ".content.includes('counter')"
    )

    # Try again is not offered before an answer.
    check = form.get_by_role("button", name="Check")
    retry = form.get_by_role("button", name="Try again")
    expect(retry).to_be_hidden()
    # The whole box of an option is clickable, not only its text: click its far right end.
    option = form.locator('.srm-option[data-srm-option="b"]')
    box = option.bounding_box()
    page.mouse.click(box["x"] + box["width"] - 6, box["y"] + box["height"] / 2)
    expect(option.locator("input")).to_be_checked()
    expect(check).not_to_have_attribute("aria-disabled", "true")
    idle = check.evaluate("el => getComputedStyle(el).backgroundColor")
    check.click()
    expect(form).to_have_attribute("data-srm-result", "right")
    # Answered: Check says and looks inactive; Try again shows.
    expect(check).to_have_attribute("aria-disabled", "true")
    expect(check).to_have_css("background-color", "rgba(0, 0, 0, 0)")
    assert idle != "rgba(0, 0, 0, 0)"
    check.hover()
    expect(check).to_have_css("background-color", "rgba(0, 0, 0, 0)")
    expect(retry).to_be_visible()
    retry.click()
    expect(retry).to_be_hidden()
    expect(check).not_to_have_attribute("aria-disabled", "true")
    expect(form.locator("input").first).to_be_focused()


# ---------------------------------------------------------------- report links


def test_report_links_are_quiet_but_reachable(browser: Browser, built: Site) -> None:
    page = browser.new_page()
    page.goto(built.url + "idea/")
    term = page.locator(".srm-term").first
    report = term.get_by_role("link", name="Report a problem with this term")
    expect(report).to_be_visible()
    prose = page.locator("article > p").first
    size = float(report.evaluate("el => parseFloat(getComputedStyle(el).fontSize)"))
    body = float(prose.evaluate("el => parseFloat(getComputedStyle(el).fontSize)"))
    assert size <= 0.85 * body, (size, body)
    colours = report.evaluate(
        "el => [getComputedStyle(el).color, getComputedStyle(el.closest('.srm-term')).color]"
    )
    assert colours[0] != colours[1]
    # Still reachable by keyboard.
    report.focus()
    expect(report).to_be_focused()
    page.close()


# ---------------------------------------------------------------- axe, in the new states


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_new_states_pass_axe(browser: Browser, built: Site, scheme: str) -> None:
    """The states the page-wide axe tests never open: a model that varies compared with a
    service, a glossary tip on screen, the Reset dialog."""
    from test_components import axe_violations

    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(built.url + SERVICES)
    page.add_style_tag(content="*, ::before, ::after { transition: none !important; }")
    explorer = page.locator(".srm-explorer[data-srm-ready]")
    explorer.get_by_label("Show").select_option("model:iaas")
    explorer.get_by_label("Compare with").select_option("lambda")
    expect(explorer.locator("table.srm-compare .srm-owner-varies").first).to_be_visible()
    assert axe_violations(page) == []
    page.goto(built.url + "best-practices/")
    page.add_style_tag(content="*, ::before, ::after { transition: none !important; }")
    page.locator("article .srm-glossary-link").first.focus()
    expect(page.get_by_role("tooltip")).to_be_visible()
    assert axe_violations(page) == []
    page.goto(built.url + "data/quizzes/idea/")
    page.add_style_tag(content="*, ::before, ::after { transition: none !important; }")
    page.get_by_role("button", name="Reset progress on this page").click()
    expect(page.get_by_role("dialog", name="Reset progress on this page?")).to_be_visible()
    assert axe_violations(page) == []
    context.close()
