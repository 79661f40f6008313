"""The position writing rule's phrases (srm_build/positional.py), read directly: what names
a part of a question by its position, however it is spelt, and what only sounds like it.
The error table in tests/test_errors.py shows the located messages, one row per family."""

from __future__ import annotations

import pytest

from srm_build.positional import positional_phrase

REFUSED = [
    ("All-of-the-above", "All of the above"),
    ("Both of the ab\u00adove", "Both of the above"),
    ("All of the &#97;bove", "All of the above"),
    ("All of the aforementioned", "All of the aforementioned"),
    ("Each option above is partly right.", "Each option above"),
    ("Both answers above are wrong.", "Both answers above"),
    ("The options listed earlier are AWS's.", "The options listed earlier"),
    ("The last one is right.", "The last one"),
    ("The second one is AWS's.", "The second one"),
    ("The topmost option is AWS's.", "The topmost option"),
    ("The bottom option is wrong.", "The bottom option"),
    ("The top two are the customer's.", "The top two"),
    ("The first two of them are AWS's.", "The first two"),
    ("Option two is right.", "Option two"),
    ("Option #2 is right.", "Option #2"),
    ("Both A and B are right.", "Both A and B"),
]
"""Texts that name a part by its position, with the phrase the message quotes (as read:
hyphens between words, entities and invisible characters undone)."""

PASSED = [
    "Patching is the next item on the customer's list.",
    "The customer keeps this list of users up to date.",
    "The first two of the layers are AWS's.",
    "Both A and B grades pass.",
    "The layers above the hypervisor are the customer's.",
    "Customer data sits at the top of the stack.",
    "AWS runs the first two layers.",
    "Which of the following does the customer patch?",
    "AWS patches the host and the customer the guest OS; the latter sits on the preceding layer.",
    "A well-known answer is encryption.",
]
"""Texts about other lists, layers or grades, which the rule lets through."""


@pytest.mark.parametrize(("text", "phrase"), REFUSED, ids=[t for t, _ in REFUSED])
def test_a_part_named_by_position_is_found(text: str, phrase: str) -> None:
    assert positional_phrase(text) == phrase


@pytest.mark.parametrize("text", PASSED)
def test_text_about_something_else_passes(text: str) -> None:
    assert positional_phrase(text) is None
