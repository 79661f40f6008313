"""Every option teaches: each answer of a true/false statement or a scenario has its own
feedback, shown under that option, and readable in the answer key without JavaScript."""

from __future__ import annotations

from conftest import ROOT, Site
from srm_build.models import Scenario, TrueFalse
from srm_build.pipeline import load_content


def test_every_statement_and_scenario_gives_each_answer_its_own_feedback():
    content = load_content(ROOT / "content")
    statements = content.of_type(TrueFalse)
    scenarios = content.of_type(Scenario)
    assert len(statements) >= 21 and len(scenarios) >= 20
    for q in statements:
        assert " ".join(q.feedback_true.split()) != " ".join(q.feedback_false.split()), q.id
    for s in scenarios:
        assert len({" ".join(t.split()) for t in s.feedback.values()}) == 3, s.id


def _key(soup, selector: str) -> dict[str, tuple[str, str]]:
    form = soup.select_one(selector)
    details = form.select_one("details.srm-key")
    assert details is not None, "the answer key is a <details> that works without JavaScript"
    return {
        li["data-srm-option"]: (
            li["data-srm-correct"],
            li.select_one(".srm-feedback-text").get_text(" ", strip=True),
        )
        for li in details.select(".srm-key-options li")
    }


def test_the_answer_key_shows_each_options_own_feedback(engine_fixture_site: Site):
    quiz = engine_fixture_site.soup("index.html")
    assert _key(quiz, "form#srm-aws-does-all") == {
        "true": ("false", "That is the myth; customers still secure their data, apps and access."),
        "false": ("true", "AWS secures the cloud itself; customers secure what they put in it."),
    }
    scenario = _key(
        engine_fixture_site.soup("scenarios/index.html"), '[data-srm-id="unpatched-apache"] form'
    )
    assert scenario == {
        "aws": ("false", "AWS runs the host and hypervisor, not the software inside the instance."),
        "customer": ("true", "Software installed on the guest OS is the customer's to patch."),
        "shared": ("false", "Nothing inside the instance is AWS's to patch, so nothing is shared."),
    }
    # The scenario's explanation is shown once, after the options, not under each of them.
    form = engine_fixture_site.soup("scenarios/index.html").select_one(
        '[data-srm-id="unpatched-apache"] form'
    )
    assert [e.get_text(strip=True) for e in form.select(".srm-explanation")] == [
        "This is the guest OS layer of an IaaS service."
    ]
