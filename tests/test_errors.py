"""What a contributor sees for bad content: one located line per problem, exit 1, never a
traceback. The table below is the documentation of those messages."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path, PurePosixPath

import pytest

from conftest import run_check

SOURCES = """\
kind: sources
title: Sources
sources:
  - id: aws-srm
    title: Shared Responsibility Model
    url: https://aws.amazon.com/compliance/shared-responsibility-model/
"""

GLOSSARY = """\
kind: glossary
title: Glossary
terms:
  - id: guest-os
    term: Guest OS
    definition: The operating system inside an instance.
    source: aws-srm
"""

MISCONCEPTIONS = """\
kind: misconceptions
title: Misconceptions
misconceptions:
  - id: mc-aws-patches
    belief: AWS patches the guest OS
    correction: The guest OS is the customer's.
    source: aws-srm
"""

QUIZ = """\
kind: quizzes
title: Check
quizzes:
  - id: quiz-basics
    title: Basics
    source: aws-srm
    questions:
      - id: ec2-patching
        type: single
        prompt: Who patches the guest OS of an EC2 instance?
        options:
          - {{id: a, text: AWS, feedback: AWS stops at the hypervisor.}}
          - {{id: b, text: The customer, feedback: The guest OS is the customer's.}}
{extra_options}        answer: {answer}
{extra}"""


SORT_HEAD = """\
kind: quizzes
title: Sort
quizzes:
  - id: quiz-sort
    title: Sort
    source: aws-srm
    questions:
      - id: sort-two
        type: sort
        prompt: Sort them.
        buckets: [aws, customer]
        items:
          - {id: t1, text: OS fix, owner: aws, explanation: Facilities are AWS's.}
"""
"""A sort question file up to its second item, which each case writes its own way."""

MATCH_HEAD = """\
kind: quizzes
title: Match
quizzes:
  - id: quiz-match
    title: Match
    source: aws-srm
    questions:
      - id: match-models
        type: match
        prompt: Match each service to its model.
        choices:
          - {id: saas, text: SaaS}
          - {id: paas, text: PaaS}
        items:
          - {id: rds, text: Amazon RDS, answer: paas, explanation: Managed.}
          - {id: s3, text: Amazon S3, answer: saas, explanation: Objects.}
"""
"""A match question file up to its second item, which each case completes its own way."""


def match(third: str = "{id: x, text: Lambda, answer: paas, explanation: Code.}") -> str:
    """The match question file with `third` (a YAML flow mapping) as its third item."""
    return MATCH_HEAD + f"          - {third}\n"


def match_with(replacements: dict[str, str], third: str | None = None) -> str:
    """`match()` with each of `replacements`' keys replaced by its value."""
    text = match() if third is None else match(third)
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


ORDER_HEAD = """\
kind: quizzes
title: Order
quizzes:
  - id: quiz-order
    title: Order
    source: aws-srm
    questions:
      - id: order-stack
        type: order
        prompt: Put the layers in order, from the bottom up.
        first: Bottom
        last: Top
        items:
          - {id: facilities, text: Physical facilities}
          - {id: hypervisor, text: Hypervisor}
"""
"""An order question file up to its second item, which each case ends its own way."""


def quiz(answer: str = "b", extra: str = "", extra_options: str = "") -> str:
    return QUIZ.format(
        answer=answer,
        extra=textwrap.indent(textwrap.dedent(extra), " " * 8),
        extra_options=extra_options,
    )


def write_content(root: Path, files: dict[str, str | bytes | None], pages: bool = True) -> Path:
    """The base content with `files` added or replaced (None: no such file), and (with
    `pages`) the page beside each YAML file that shows it, as `python -m srm_build pages`
    writes it, where `files` gives none."""
    content = root / "content"
    base: dict[str, str | bytes] = {
        "sources.yml": SOURCES,
        "glossary.yml": GLOSSARY,
        "quizzes/basics.yml": quiz(),
    }
    merged = {**base, **files}
    if pages:
        for name in list(merged):
            path = PurePosixPath(name)
            if path.suffix in (".yml", ".yaml"):
                merged.setdefault(str(path.with_suffix(".md")), f"```srm\n{path.name}\n```\n")
    for name, text in merged.items():
        if text is None:
            continue
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return content


MATRIX = {
    "stack.yml": """\
kind: layers
title: Stack
layers:
  - id: layer-os
    name: Guest OS
    names: [OS, operating system, patching]
    description: Inside the instance.
    source: aws-srm
  - id: layer-net
    name: Network configuration
    names: [network rules, firewall, firewall rules]
    description: Rules.
    source: aws-srm
  - id: layer-enc
    name: Encryption
    names: [keys, encrypts]
    description: Keys.
    source: aws-srm
""",
    "services.yml": """\
kind: services
title: Services
services:
  - id: rds
    name: Amazon RDS
    model: paas
    summary: Databases.
    layers: {layer-os: aws, layer-net: customer, layer-enc: customer}
    source: aws-srm
  - id: beanstalk
    name: AWS Elastic Beanstalk
    model: paas
    summary: Web apps.
    layers:
      layer-os: {owner: shared, note: AWS publishes patched platforms; updates are opt-in.}
      layer-net: customer
      layer-enc: customer
    source: aws-srm
  - id: s3
    name: Amazon S3
    category: abstracted
    summary: Objects.
    layers:
      layer-os: aws
      layer-net: {owner: shared, note: Endpoints and policies.}
      layer-enc: {owner: shared, note: AWS encrypts by default; the customer picks keys.}
    source: aws-srm
""",
}
"""A three-service matrix: the one source of truth for the owner-claim cases below."""


def row_table(row: str) -> dict[str, str]:
    return {
        **MATRIX,
        "tables.yml": "kind: tables\ntitle: Tables\ntables:\n  - id: models\n    title: Models\n"
        "    source: aws-srm\n    rows:\n" + textwrap.indent(textwrap.dedent(row), " " * 6),
    }


DYNAMODB = """\
  - id: dynamodb
    name: Amazon DynamoDB
    category: abstracted
    summary: Tables.
    layers:
      layer-os: aws
      layer-net: {owner: shared, note: Endpoints and VPC endpoint policies.}
      layer-enc: {owner: shared, note: Every table is encrypted; the customer picks the key.}
    source: aws-srm
"""
"""A second abstracted service, for the cases about rows tied to a service category."""


def category_table(row: str) -> dict[str, str]:
    """`row_table` over the matrix with DynamoDB added: two abstracted services."""
    files = row_table(row)
    files["services.yml"] += DYNAMODB
    return files


def two_part(text: str, claims: str, answer: str = "a") -> dict[str, str]:
    """The base quiz with option 'a' replaced by `text` carrying `claims` (a YAML flow list),
    and option 'b' given a claim that agrees with its being right or wrong."""
    return {
        **MATRIX,
        "quizzes/basics.yml": quiz(answer=answer)
        .replace(
            "{id: a, text: AWS, feedback: AWS stops at the hypervisor.}",
            f"{{id: a, text: '{text}', feedback: Why., claims: {claims}}}",
        )
        .replace(
            "feedback: The guest OS is the customer's.}",
            "feedback: The guest OS is the customer's., "
            f"claim: {{owner: customer, layer: {'layer-os' if answer == 'a' else 'layer-net'}, "
            "service: rds}}",
        ),
    }


# (case, files to write over the valid base, the exact line expected on stderr)
CASES = [
    (
        "syntax error",
        {"glossary.yml": "kind: glossary\ntitle: [Glossary\n"},
        "content/glossary.yml:3:1: YAML syntax error: while parsing a flow sequence: "
        "did not find expected ',' or ']'",
    ),
    (
        "duplicate key",
        {"glossary.yml": GLOSSARY + "title: Again\n"},
        "content/glossary.yml:8:1: duplicate key 'title' (first written on line 2)",
    ),
    (
        "unknown key",
        {"glossary.yml": GLOSSARY + "    colour: blue\n"},
        "content/glossary.yml:8:5: term 'guest-os': unknown field 'colour'",
    ),
    (
        "a key other kinds have",
        {"glossary.yml": GLOSSARY + "    title: Guest\n"},
        "content/glossary.yml:8:5: term 'guest-os': unknown field 'title'",
    ),
    (
        "text of only invisible characters",
        {"glossary.yml": GLOSSARY.replace("term: Guest OS", 'term: "\\u00a0\\u200b "')},
        "content/glossary.yml:5:11: term 'guest-os': field 'term': must not be empty (it holds "
        "only spaces or invisible characters)",
    ),
    (
        "an option of only spaces",
        {"quizzes/basics.yml": quiz().replace("text: AWS,", 'text: "  ",')},
        "content/quizzes/basics.yml:12:27: option 'a': field 'text': must not be empty (it holds "
        "only spaces or invisible characters)",
    ),
    (
        "misspelt key",
        {"glossary.yml": GLOSSARY.replace("definition:", "defintion:")},
        "content/glossary.yml:6:5: term 'guest-os': unknown field 'defintion'; "
        "did you mean 'definition'?",
    ),
    (
        "boolean where text is expected",
        {"glossary.yml": GLOSSARY.replace("term: Guest OS", "term: no")},
        "content/glossary.yml:5:11: term 'guest-os': field 'term': expected text, but YAML read "
        "this as false (true/false, yes/no and on/off are booleans); put the text in quotes",
    ),
    (
        "number where text is expected",
        {"glossary.yml": GLOSSARY.replace("term: Guest OS", "term: 1.10")},
        "content/glossary.yml:5:11: term 'guest-os': field 'term': expected text, but YAML read "
        "this as the number 1.1; put the text in quotes",
    ),
    (
        "wrong type",
        {"quizzes/basics.yml": quiz(answer="[a, b]")},
        "content/quizzes/basics.yml:14:17: question 'ec2-patching': field 'answer': expected "
        "text, but got a list",
    ),
    (
        "missing field",
        {"glossary.yml": GLOSSARY.replace("    source: aws-srm\n", "")},
        "content/glossary.yml:4:5: term 'guest-os': missing required field 'source'",
    ),
    (
        "bad reference",
        {"quizzes/basics.yml": quiz(extra="terms: [hypervisor]\n")},
        "content/quizzes/basics.yml:15:17: question 'ec2-patching': terms names unknown term "
        "'hypervisor'",
    ),
    (
        "bad source",
        {"glossary.yml": GLOSSARY.replace("source: aws-srm", "source: wiki")},
        "content/glossary.yml:7:13: term 'guest-os': source names unknown source 'wiki'",
    ),
    (
        "duplicate id",
        {"glossary.yml": GLOSSARY.replace("id: guest-os", "id: ec2-patching")},
        "content/quizzes/basics.yml:8:13: duplicate id 'ec2-patching'; it is already used at "
        "content/glossary.yml:4:9",
    ),
    (
        "no correct answer",
        {"quizzes/basics.yml": quiz(answer="[]").replace("type: single", "type: multiple")},
        "content/quizzes/basics.yml:14:17: question 'ec2-patching': field 'answer': needs at "
        "least 1 entry",
    ),
    (
        "answer not among options",
        {"quizzes/basics.yml": quiz(answer="e")},
        "content/quizzes/basics.yml:14:17: question 'ec2-patching': answer 'e' is not one of "
        "the options a, b",
    ),
    (
        "two options with the same text",
        {
            "quizzes/basics.yml": quiz(
                extra_options="          - {id: c, text: aws, feedback: Same as a.}\n"
            )
        },
        "content/quizzes/basics.yml:14:27: question 'ec2-patching': options 'a' and 'c' have "
        "the same text",
    ),
    (
        "a single option",
        {
            "quizzes/basics.yml": "".join(
                line for line in quiz(answer="a").splitlines(keepends=True) if "id: b," not in line
            )
        },
        "content/quizzes/basics.yml:12:11: question 'ec2-patching': field 'options': needs at "
        "least 2 entries",
    ),
    (
        "unknown question type",
        {"quizzes/basics.yml": quiz().replace("type: single", "type: essay")},
        "content/quizzes/basics.yml:9:15: question 'ec2-patching': type 'essay' is not one of "
        "single, multiple, true-false, sort, flashcards, order, match, fill-in, pick-layer",
    ),
    (
        "order item id used twice",
        {"quizzes/order.yml": ORDER_HEAD + "          - {id: hypervisor, text: Guest OS}\n"},
        "content/quizzes/order.yml:16:18: question 'order-stack': item id 'hypervisor' is used "
        "twice",
    ),
    (
        "order items with the same text (either could come first)",
        {"quizzes/order.yml": ORDER_HEAD + "          - {id: guest, text: '  hypervisor '}\n"},
        "content/quizzes/order.yml:16:31: question 'order-stack': items 'hypervisor' and "
        "'guest' have the same text, so either could go first",
    ),
    (
        "order question whose two ends have one name",
        {
            "quizzes/order.yml": ORDER_HEAD.replace("last: Top", "last: bottom")
            + "          - {id: guest, text: Guest OS}\n"
        },
        "content/quizzes/order.yml:12:15: question 'order-stack': first and last are both "
        "'Bottom': name the two ends of the sequence",
    ),
    (
        "order question of two items (one swap is all there is to it)",
        {"quizzes/order.yml": ORDER_HEAD},
        "content/quizzes/order.yml:14:11: question 'order-stack': field 'items': needs at least "
        "3 entries",
    ),
    (
        "order question tagged with an unknown misconception",
        {
            "quizzes/order.yml": ORDER_HEAD.replace(
                "        first: Bottom", "        misconception: mc-nowhere\n        first: Bottom"
            )
            + "          - {id: guest, text: Guest OS}\n"
        },
        "content/quizzes/order.yml:11:24: question 'order-stack': misconception names unknown "
        "misconception 'mc-nowhere'",
    ),
    (
        "sort item in no bucket",
        {
            "quizzes/sort.yml": SORT_HEAD
            + """\
          - {id: t2, text: Keys, owner: shared, explanation: Both.}
"""
        },
        "content/quizzes/sort.yml:14:41: question 'sort-two': item 't2' belongs in 'shared', "
        "which is not one of the buckets aws, customer",
    ),
    (
        "sort item that disagrees with the service matrix",
        {
            "stack.yml": """\
kind: layers
title: Stack
layers:
  - {id: layer-os, name: Guest OS, description: Inside the instance., source: aws-srm}
""",
            "services.yml": """\
kind: services
title: Services
services:
  - id: ec2
    name: Amazon EC2
    model: iaas
    summary: Virtual servers.
    layers: {layer-os: customer}
    source: aws-srm
""",
            "quizzes/sort.yml": SORT_HEAD
            + """\
          - id: t2
            text: Patching the guest OS
            owner: aws
            explanation: Wrongly keyed.
            service: ec2
            layer: layer-os
""",
        },
        "content/quizzes/sort.yml:16:20: sort item 't2': owner is 'aws', but the service matrix "
        "says Customer owns Guest OS for Amazon EC2",
    ),
    # the match question type: ambiguous authoring
    (
        "match item paired with a choice that does not exist",
        {"quizzes/match.yml": match("{id: x, text: Lambda, answer: faas, explanation: Code.}")},
        "content/quizzes/match.yml:17:43: question 'match-models': item 'x' is matched to "
        "'faas', which is not one of the choices saas, paas",
    ),
    (
        "match choice id used twice",
        {
            "quizzes/match.yml": match_with(
                {
                    "- {id: paas, text: PaaS}": "- {id: paas, text: PaaS}\n          - {id: paas, "
                    "text: Platform}"
                }
            )
        },
        "content/quizzes/match.yml:14:18: question 'match-models': choice id 'paas' is used twice",
    ),
    (
        "match pair listed twice (same item text, case and spaces aside, same choice)",
        {
            "quizzes/match.yml": match(
                "{id: rds2, text: 'Amazon  rds', answer: paas, explanation: Again.}"
            )
        },
        "content/quizzes/match.yml:17:30: question 'match-models': the pair 'Amazon rds' \u2192 "
        "'paas' is listed twice (items 'rds' and 'rds2')",
    ),
    (
        "match item given two matches",
        {
            "quizzes/match.yml": match(
                "{id: rds2, text: Amazon RDS, answer: saas, explanation: Again.}"
            )
        },
        "content/quizzes/match.yml:17:30: question 'match-models': 'Amazon RDS' is matched to "
        "both 'paas' (item 'rds') and 'saas' (item 'rds2'); an item has one match",
    ),
    (
        "match choice no item names, not declared a distractor",
        {
            "quizzes/match.yml": match_with(
                {
                    "- {id: paas, text: PaaS}": "- {id: paas, text: PaaS}\n          - {id: iaas, "
                    "text: IaaS}"
                }
            )
        },
        "content/quizzes/match.yml:14:18: question 'match-models': choice 'iaas' is no item's "
        "match; pair an item with it, or mark it 'distractor: true' if it is there to mislead",
    ),
    (
        "match choice declared a distractor that an item names",
        {
            "quizzes/match.yml": match_with(
                {"{id: saas, text: SaaS}": "{id: saas, text: SaaS, distractor: true}"}
            )
        },
        "content/quizzes/match.yml:12:48: question 'match-models': choice 'saas' is marked as a "
        "distractor, but item 's3' is matched to it",
    ),
    (
        "match with every item keyed to one choice",
        {
            "quizzes/match.yml": match_with(
                {
                    "answer: saas": "answer: paas",
                    "{id: saas, text: SaaS}": "{id: saas, text: SaaS, distractor: true}",
                }
            )
        },
        "content/quizzes/match.yml:15:11: question 'match-models': every item is matched to "
        "'paas', so picking it everywhere scores full marks; pair some items with other choices",
    ),
    (
        "match keyed in written order (n-th item to n-th choice)",
        {
            "quizzes/match.yml": match_with(
                {
                    "- {id: paas, text: PaaS}": "- {id: paas, text: PaaS}\n          - {id: iaas, "
                    "text: IaaS}",
                    "answer: paas, explanation: Managed": "answer: saas, explanation: Managed",
                    "answer: saas, explanation: Objects": "answer: paas, explanation: Objects",
                },
                third="{id: x, text: Amazon EC2, answer: iaas, explanation: VMs.}",
            )
        },
        "content/quizzes/match.yml:12:11: question 'match-models': the n-th item is matched to "
        "the n-th choice for every item, so the written order gives the answer away; reorder "
        "the choices",
    ),
    (
        "match with two items (Moodle's matching needs three answers)",
        {"quizzes/match.yml": MATCH_HEAD},
        "content/quizzes/match.yml:15:11: question 'match-models': field 'items': needs at least "
        "3 entries",
    ),
    (
        "match choice for a service model that the matrix gives the item's service another",
        {
            **MATRIX,
            "quizzes/match.yml": match_with(
                {
                    "{id: saas, text: SaaS}": "{id: saas, text: SaaS, model: saas}",
                    "answer: saas, explanation: Objects.}": "answer: saas, explanation: DBs., "
                    "service: rds}",
                    "text: Amazon S3,": "text: Amazon RDS databases,",
                }
            ),
        },
        "content/quizzes/match.yml:16:58: question 'match-models': item 's3' is matched to SaaS "
        "(choice 'saas'), but the service matrix lists Amazon RDS as PaaS",
    ),
    (
        "match choice for a category of the older framing, item of no such category",
        {
            **MATRIX,
            "quizzes/match.yml": match_with(
                {
                    "{id: saas, text: SaaS}": "{id: saas, text: Abstracted services, "
                    "category: abstracted}",
                    "answer: saas, explanation: Objects.}": "answer: saas, explanation: DBs., "
                    "service: rds}",
                    "text: Amazon S3,": "text: Amazon RDS databases,",
                }
            ),
        },
        "content/quizzes/match.yml:16:58: question 'match-models': item 's3' is matched to "
        "abstracted services (choice 'saas'), but the service matrix gives Amazon RDS no category",
    ),
    (
        "match choice for a service model, item naming no service",
        {
            "quizzes/match.yml": match_with(
                {"{id: saas, text: SaaS}": "{id: saas, text: SaaS, model: saas}"}
            )
        },
        "content/quizzes/match.yml:16:47: question 'match-models': item 's3' is matched to SaaS "
        "(choice 'saas'), but names no 'service' the build can check that against",
    ),
    (
        "match choice that names a party, without the owner it stands for",
        {"quizzes/match.yml": match_with({"{id: saas, text: SaaS}": "{id: saas, text: AWS}"})},
        "content/quizzes/match.yml:12:30: question 'match-models': choice 'saas' names who owns "
        "something, so each item matched to it is an owner claim; give the choice 'owner: aws' "
        "and each of its items the 'layer' (and 'service') it is about",
    ),
    (
        "match item paired with an owner, naming no layer to check",
        {
            **MATRIX,
            "quizzes/match.yml": match_with(
                {"{id: saas, text: SaaS}": "{id: saas, text: AWS, owner: aws}"}
            ),
        },
        "content/quizzes/match.yml:16:47: question 'match-models': item 's3': says who owns it, "
        "but names no layer the build can check it against; give it a 'layer' (and 'service'), "
        "or 'claims' for its parts",
    ),
    (
        "match item paired with an owner the service matrix contradicts",
        {
            **MATRIX,
            "quizzes/match.yml": match_with(
                {
                    "{id: saas, text: SaaS}": "{id: saas, text: AWS, owner: aws}",
                    "{id: s3, text: Amazon S3, answer: saas, explanation: Objects.}": "{id: s3, "
                    "text: Amazon RDS firewall rules, answer: saas, explanation: Rules., "
                    "service: rds, layer: layer-net}",
                }
            ),
        },
        "content/quizzes/match.yml:16:63: question 'match-models': item 's3': answer is 'saas' "
        "('aws'), but the service matrix says Customer owns Network configuration for Amazon RDS",
    ),
    (
        "alias bomb",
        {
            "glossary.yml": "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n"
                for i in range(8)
            )
        },
        "content/glossary.yml:5:1: too many values (over 100,000); are aliases expanding?",
    ),
    (
        "link from YAML to a missing page",
        {"glossary.yml": GLOSSARY.replace("inside an instance.", "inside an [instance](ec2.md).")},
        "content/glossary.yml:6:59: term 'guest-os': link 'ec2.md' leads to no page (no ec2.md "
        "in the content)",
    ),
    (
        "javascript: link in YAML text",
        {"glossary.yml": GLOSSARY.replace("inside an instance.", "[inside](javascript:alert(1))")},
        "content/glossary.yml:6:47: term 'guest-os': link 'javascript:alert(1)' is not allowed: "
        "use an http(s), mailto or relative address",
    ),
    (
        "disguised data: link in a prose page",
        {"index.md": "# Home\n\nSee [this](&#100;ata:text/html,hi).\n"},
        "content/index.md:3:12: link '&#100;ata:text/html,hi' is not allowed: use an http(s), "
        "mailto or relative address",
    ),
    (
        "Python tag",
        {"glossary.yml": "kind: !!python/object/apply:os.system [echo hacked]\n"},
        "content/glossary.yml:1:7: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' "
        "is not allowed; write plain values",
    ),
    (
        "empty file",
        {"glossary.yml": ""},
        "content/glossary.yml:1:1: file is empty; expected a mapping that starts with 'kind:'",
    ),
    (
        "non-UTF-8 bytes",
        {"glossary.yml": GLOSSARY.encode().replace(b"Guest OS", b"Gu\xe9st")},
        "content/glossary.yml:5:13: not UTF-8 text (byte 0xe9); save the file as UTF-8",
    ),
    (
        "file of unknown kind",
        {"notes.yml": "kind: notes\ntitle: Notes\n"},
        "content/notes.yml:1:7: cannot tell what this file holds: 'kind' is 'notes'; use one of "
        "sources, glossary, tables, layers, services, scenarios, quizzes, misconceptions, tools",
    ),
    (
        "file without kind",
        {"notes.yml": "- just\n- a list\n"},
        "content/notes.yml:1:1: expected a mapping of fields that starts with 'kind:'",
    ),
    (
        "misconception on a right answer",
        {
            "misconceptions.yml": MISCONCEPTIONS,
            "quizzes/basics.yml": quiz().replace(
                "customer's.}", "customer's., misconception: mc-aws-patches}"
            ),
        },
        "content/quizzes/basics.yml:13:99: question 'ec2-patching': option 'b' is a right "
        "answer, so it reveals no misconception; tag the wrong options",
    ),
    (
        "unknown misconception",
        {
            "misconceptions.yml": MISCONCEPTIONS,
            "quizzes/basics.yml": quiz().replace(
                "hypervisor.}", "hypervisor., misconception: mc-aws-patch}"
            ),
        },
        "content/quizzes/basics.yml:12:87: question 'ec2-patching': option 'a' names unknown "
        "misconception 'mc-aws-patch'",
    ),
    (
        "topic that is not a page",
        {"index.md": "# Home\n", "quizzes/basics.yml": quiz(extra="topic: idex.md\n")},
        "content/quizzes/basics.yml:15:16: question 'ec2-patching': topic 'idex.md' is not a "
        "Markdown page of the content; did you mean 'index.md'?",
    ),
    (
        "row beside another in a table not drawn as a stack",
        {
            "tables.yml": """\
kind: tables
title: Tables
tables:
  - id: stack
    title: Stack
    source: aws-srm
    rows:
      - {id: data, label: Data, customer: [The data]}
      - {id: keys, label: Keys, customer: [The keys], beside: true}
"""
        },
        "content/tables.yml:9:63: table 'stack': row 'keys' cannot sit beside the row above: "
        "the table is not drawn as a stack",
    ),
    (
        "embed of an unknown item",
        {"index.md": "# Home\n\n```srm\nquiz-basic\n```\n"},
        "content/index.md:4:1: embeds unknown item 'quiz-basic'; did you mean 'quiz-basics'?",
    ),
    (
        "a page that shows an unknown YAML file",
        {"more.md": "# More\n\n```srm\nmore.yml\n```\n"},
        "content/more.md:4:1: shows unknown file 'more.yml'",
    ),
    (
        "a YAML file shown away from its own page",
        {"index.md": "# Home\n\n```srm\nglossary.yml\n```\n"},
        "content/index.md:4:1: 'glossary.yml' is shown on its own page, glossary.md; "
        "embed its items here by id instead",
    ),
    (
        "a block that shows a whole file and an item",
        {"glossary.md": "```srm\nglossary.yml\nguest-os\n```\n"},
        "content/glossary.md:2:1: an srm block that shows 'glossary.yml' shows nothing else",
    ),
    (
        "a page at a YAML file's address that does not show it",
        {"glossary.md": "# Words\n"},
        "content/glossary.yml:1:7: this file becomes the page glossary.md, which already "
        "exists; rename one of them",
    ),
    # --- owner claims against the service matrix (issue 13: each contradiction kind) ----------
    (
        "S3 encryption: sort item says customer where the matrix says shared",
        {
            **MATRIX,
            "quizzes/sort.yml": SORT_HEAD.replace(
                "explanation: Facilities are AWS's.}",
                "explanation: Facilities are AWS's., layer: layer-os, service: s3}",
            )
            + """\
          - {id: t2, text: Keys, owner: customer, explanation: Keys., service: s3, layer: layer-enc}
""",
        },
        "content/quizzes/sort.yml:14:41: sort item 't2': owner is 'customer', but the service "
        "matrix says Shared owns Encryption for Amazon S3",
    ),
    (
        "S3 encryption: abstracted-services row says AWS where the matrix says shared",
        row_table("""\
            - id: abstracted
              label: Abstracted services
              services: [s3]
              aws: [Server-side encryption]
              claims: {layer-enc: aws}
            """),
        "content/tables.yml:12:29: table 'models': row 'abstracted': claims AWS owns Encryption, "
        "but the service matrix says Shared owns Encryption for Amazon S3; fix the row, or list "
        "'s3' in its exceptions and say how it differs in the row's notes",
    ),
    (
        "RDS firewall: PaaS row gives network rules to AWS",
        row_table("""\
            - id: paas
              label: PaaS
              services: [rds]
              aws: [Firewall configuration]
              claims: {layer-net: aws}
            """),
        "content/tables.yml:12:29: table 'models': row 'paas': claims AWS owns Network "
        "configuration, but the service matrix says Customer owns Network configuration for "
        "Amazon RDS; fix the row, or list 'rds' in its exceptions and say how it differs in the "
        "row's notes",
    ),
    (
        "RDS firewall: a question keys AWS's network rules as the right answer",
        {
            **MATRIX,
            "quizzes/basics.yml": quiz(answer="a").replace(
                "{id: a, text: AWS, feedback: AWS stops at the hypervisor.}",
                "{id: a, text: Firewall rules, feedback: Yes., "
                "claim: {owner: aws, layer: layer-net, service: rds}}",
            ),
        },
        "content/quizzes/basics.yml:12:66: question 'ec2-patching': option 'a' is a right "
        "answer, but its claim ('aws') disagrees with the service matrix, which says Customer "
        "owns Network configuration for Amazon RDS",
    ),
    (
        "Elastic Beanstalk OS patching: PaaS row says AWS without naming the exception",
        row_table("""\
            - id: paas
              label: PaaS
              services: [rds, beanstalk]
              aws: [Patching the operating system]
              claims: {layer-os: aws}
            """),
        "content/tables.yml:12:28: table 'models': row 'paas': claims AWS owns Guest OS, but the "
        "service matrix says Shared owns Guest OS for AWS Elastic Beanstalk; fix the row, or list "
        "'beanstalk' in its exceptions and say how it differs in the row's notes",
    ),
    (
        "an exception the row's notes do not mention",
        row_table("""\
            - id: paas
              label: PaaS
              services: [rds, beanstalk]
              aws: [Patching the operating system]
              claims: {layer-os: {owner: aws, exceptions: [beanstalk]}}
              notes: Customers only reach endpoints.
            """),
        "content/tables.yml:12:28: table 'models': row 'paas': AWS Elastic Beanstalk differs for "
        "Guest OS; the row's notes must say so",
    ),
    (
        "an exception where the matrix agrees with the row",
        row_table("""\
            - id: paas
              label: PaaS
              services: [rds]
              aws: [Patching the operating system]
              claims: {layer-os: {owner: aws, exceptions: [rds]}}
              notes: Amazon RDS differs.
            """),
        "content/tables.yml:12:28: table 'models': row 'paas': 'rds' is listed as an exception "
        "for Guest OS, but the matrix agrees with the row there",
    ),
    (
        "SaaS: a row lists what AWS does with no claim to check",
        row_table("""\
            - id: saas
              label: SaaS
              services: [s3]
              aws: [The whole stack]
            """),
        "content/tables.yml:11:14: table 'models': row 'saas': lists what AWS does, but claims "
        "no layer for it the build can check; add it to the row's 'claims'",
    ),
    (
        "SaaS: 'the whole stack' claimed for a service whose layers are shared",
        row_table("""\
            - id: saas
              label: SaaS
              services: [s3]
              aws: [The whole stack]
              claims: {layer-net: aws}
            """),
        "content/tables.yml:12:29: table 'models': row 'saas': claims AWS owns Network "
        "configuration, but the service matrix says Shared owns Network configuration for Amazon "
        "S3; fix the row, or list 's3' in its exceptions and say how it differs in the row's notes",
    ),
    (
        "layer claim without a service where services differ",
        {
            **MATRIX,
            "quizzes/sort.yml": SORT_HEAD.replace(
                "explanation: Facilities are AWS's.}",
                "explanation: Facilities are AWS's., layer: layer-os, service: s3}",
            )
            + """\
          - {id: t2, text: Patching, owner: aws, explanation: Hosts., layer: layer-os}
""",
        },
        "content/quizzes/sort.yml:14:45: sort item 't2': claims an owner for Guest OS without "
        "naming a service, but services differ there (AWS: Amazon RDS, Amazon S3; Shared: AWS "
        "Elastic Beanstalk); name the service",
    ),
    (
        "sort item with no layer to check",
        {
            **MATRIX,
            "quizzes/sort.yml": SORT_HEAD
            + "          - {id: t2, text: Keys, owner: customer, explanation: Keys.}\n",
        },
        "content/quizzes/sort.yml:13:43: sort item 't1': says who owns it, but names no layer "
        "the build can check it against; give it a 'layer' (and 'service'), or 'claims' for its "
        "parts",
    ),
    (
        "scenario with no layer to check",
        {
            **MATRIX,
            "scenarios.yml": """\
kind: scenarios
title: Scenarios
scenarios:
  - id: flood
    title: A flood
    situation: A data centre floods.
    responsible: shared
    explanation: Both.
    feedback: {aws: Half., customer: Half., shared: Right.}
    source: aws-srm
""",
        },
        "content/scenarios.yml:7:18: scenario 'flood': says who is responsible, but names no "
        "layer the build can check it against; give it a 'layer' (and 'service'), or 'claims' "
        "for its parts",
    ),
    (
        "scenario whose parts do not add up to its answer",
        {
            **MATRIX,
            "scenarios.yml": """\
kind: scenarios
title: Scenarios
scenarios:
  - id: flood
    title: A flood
    situation: A data centre floods. Who patches the OS and reopens the firewall?
    responsible: aws
    explanation: Both.
    feedback: {aws: Half., customer: Half., shared: Right.}
    claims:
      - {owner: aws, layer: layer-os, service: rds}
      - {owner: customer, layer: layer-net, service: rds}
    source: aws-srm
""",
        },
        "content/scenarios.yml:7:18: scenario 'flood': responsible is 'aws', but its claims "
        "together make it 'shared'",
    ),
    (
        "sort item whose one claim names another owner than the item",
        {
            **MATRIX,
            "quizzes/sort.yml": SORT_HEAD.replace(
                "explanation: Facilities are AWS's.}",
                "explanation: Facilities are AWS's., layer: layer-os, service: s3}",
            )
            + """\
          - id: t2
            text: Firewall
            owner: aws
            explanation: Hosts.
            claims: [{owner: customer, layer: layer-net, service: rds}]
""",
        },
        "content/quizzes/sort.yml:16:20: sort item 't2': owner is 'aws', but its claims "
        "together make it 'customer'",
    ),
    (
        "scenario whose one claim names another owner than the scenario",
        {
            **MATRIX,
            "scenarios.yml": """\
kind: scenarios
title: Scenarios
scenarios:
  - id: flood
    title: A flood
    situation: A data centre floods. Who reopens the firewall?
    responsible: aws
    explanation: Rules are the customer's.
    feedback: {aws: No., customer: Right., shared: No.}
    claims:
      - {owner: customer, layer: layer-net, service: rds}
    source: aws-srm
""",
        },
        "content/scenarios.yml:7:18: scenario 'flood': responsible is 'aws', but its claims "
        "together make it 'customer'",
    ),
    (
        "option naming a party with no claim",
        {**MATRIX},
        "content/quizzes/basics.yml:12:27: question 'ec2-patching': option 'a' names who owns "
        "something, but carries no 'claim' the build can check",
    ),
    (
        "true/false statement whose answer contradicts its claim",
        {
            **MATRIX,
            "quizzes/basics.yml": quiz()
            + """\
      - id: tf-rds
        type: true-false
        prompt: AWS patches the operating system under an RDS database.
        answer: false
        claim: {owner: aws, layer: layer-os, service: rds}
        feedback_true: Right.
        feedback_false: It does.
""",
        },
        "content/quizzes/basics.yml:18:17: question 'tf-rds': answer is false, but its claim "
        "('aws') agrees with the service matrix, which says AWS owns Guest OS for Amazon RDS",
    ),
    (
        "scenario without feedback for every answer",
        {
            "scenarios.yml": """\
kind: scenarios
title: Scenarios
scenarios:
  - id: flood
    title: A flood
    situation: A data centre floods. Who keeps the building dry?
    responsible: aws
    explanation: Facilities are AWS's.
    feedback: {aws: Right., customer: No.}
    source: aws-srm
""",
        },
        "content/scenarios.yml:4:5: scenario 'flood': 'feedback' needs an entry for shared",
    ),
    (
        "true/false statement without feedback for one answer",
        {
            "quizzes/basics.yml": quiz()
            + """\
      - id: tf-rds
        type: true-false
        prompt: AWS patches the operating system under an RDS database.
        answer: true
        feedback_true: Right.
""",
        },
        "content/quizzes/basics.yml:15:9: question 'tf-rds': missing required field "
        "'feedback_false'",
    ),
    (
        "true/false statement about a party with no claim",
        {
            **MATRIX,
            "quizzes/basics.yml": quiz()
            + """\
      - id: tf-rds
        type: true-false
        prompt: AWS patches the operating system under an RDS database.
        answer: true
        feedback_true: Right.
        feedback_false: It does.
""",
        },
        "content/quizzes/basics.yml:17:17: question 'tf-rds': the statement says what a party "
        "does, but carries no 'claim' the build can check",
    ),
    (
        "true/false statement naming AWS after an opening phrase, with no claim",
        {
            **MATRIX,
            "quizzes/basics.yml": quiz()
            + """\
      - id: tf-ec2
        type: true-false
        prompt: On Amazon EC2, AWS patches the guest operating system.
        answer: false
        feedback_true: No.
        feedback_false: Right.
""",
        },
        "content/quizzes/basics.yml:17:17: question 'tf-ec2': the statement says what a party "
        "does, but carries no 'claim' the build can check",
    ),
    (
        "true/false statement naming Amazon Web Services, with no claim",
        {
            **MATRIX,
            "quizzes/basics.yml": quiz()
            + """\
      - id: tf-ec2
        type: true-false
        prompt: Amazon Web Services patches the guest operating system of an EC2 instance.
        answer: false
        feedback_true: No.
        feedback_false: Right.
""",
        },
        "content/quizzes/basics.yml:17:17: question 'tf-ec2': the statement says what a party "
        "does, but carries no 'claim' the build can check",
    ),
    (
        "option 'Amazon' with no claim",
        {
            **MATRIX,
            "quizzes/basics.yml": quiz().replace(
                "{id: a, text: AWS, feedback: AWS stops at the hypervisor.}",
                "{id: a, text: 'Amazon', feedback: AWS stops at the hypervisor.}",
            ),
        },
        "content/quizzes/basics.yml:12:27: question 'ec2-patching': option 'a' names who owns "
        "something, but carries no 'claim' the build can check",
    ),
    (
        "option 'Customer' with no claim",
        {
            **MATRIX,
            "quizzes/basics.yml": quiz().replace(
                "{id: a, text: AWS, feedback: AWS stops at the hypervisor.}",
                "{id: a, text: 'Customer', feedback: AWS stops at the hypervisor.}",
            ),
        },
        "content/quizzes/basics.yml:12:27: question 'ec2-patching': option 'a' names who owns "
        "something, but carries no 'claim' the build can check",
    ),
    (
        "option 'Both parties' with no claim",
        {
            **MATRIX,
            "quizzes/basics.yml": quiz().replace(
                "{id: a, text: AWS, feedback: AWS stops at the hypervisor.}",
                "{id: a, text: 'Both parties', feedback: AWS stops at the hypervisor.}",
            ),
        },
        "content/quizzes/basics.yml:12:27: question 'ec2-patching': option 'a' names who owns "
        "something, but carries no 'claim' the build can check",
    ),
    (
        "option in emphasis naming AWS with no claim",
        {
            **MATRIX,
            "quizzes/basics.yml": quiz().replace(
                "{id: a, text: AWS, feedback: AWS stops at the hypervisor.}",
                "{id: a, text: '**AWS**', feedback: AWS stops at the hypervisor.}",
            ),
        },
        "content/quizzes/basics.yml:12:27: question 'ec2-patching': option 'a' names who owns "
        "something, but carries no 'claim' the build can check",
    ),
    (
        "option naming AWS whose claim says shared",
        {
            **MATRIX,
            "quizzes/basics.yml": quiz(answer="a").replace(
                "{id: a, text: AWS, feedback: AWS stops at the hypervisor.}",
                "{id: a, text: AWS, feedback: Both., "
                "claim: {owner: shared, layer: layer-os, service: beanstalk}}",
            ),
        },
        "content/quizzes/basics.yml:12:56: question 'ec2-patching': option 'a' names AWS, but "
        "its claim is for Shared; give each party it names a claim for what it says that party "
        "does",
    ),
    (
        "PaaS row that lists only the services it agrees with",
        row_table("""\
            - id: paas
              label: PaaS
              model: paas
              services: [rds]
              aws: [Patching the operating system]
              claims: {layer-os: aws}
            """),
        "content/tables.yml:11:19: table 'models': row 'paas': is about every PaaS service, so "
        "its 'services' must list each one the matrix has: add beanstalk",
    ),
    (
        "PaaS row that does not say it is about a service model",
        row_table("""\
            - id: platform
              label: Platform as a service (PaaS)
              services: [rds]
              aws: [Patching the operating system]
              claims: {layer-os: aws}
            """),
        "content/tables.yml:9:16: table 'models': row 'platform': is about PaaS services "
        "('Platform as a service'), but says no 'model'; add 'model: paas' so the build checks it "
        "against every PaaS service",
    ),
    (
        "row claim for a party whose column is empty",
        row_table("""\
            - id: paas
              label: PaaS
              services: [rds]
              customer: [Backups]
              claims: {layer-os: aws, layer-net: customer}
            """),
        "content/tables.yml:12:28: table 'models': row 'paas': claims AWS owns Guest OS, but "
        "lists nothing under 'aws'",
    ),
    # --- issue 13, closing gaps: a party in any clause, claims per part, category rows ------
    (
        "option naming the customer as the subject of a later clause, with no claim",
        {
            **MATRIX,
            "quizzes/basics.yml": quiz().replace(
                "{id: a, text: AWS, feedback: AWS stops at the hypervisor.}",
                "{id: a, text: 'EC2 runs on rented hardware, so the customer also secures the "
                "servers.', feedback: Hardware is AWS's.}",
            ),
        },
        "content/quizzes/basics.yml:12:27: question 'ec2-patching': option 'a' names who owns "
        "something, but carries no 'claim' the build can check",
    ),
    (
        "true/false statement saying whose job something is, with no claim",
        {
            **MATRIX,
            "quizzes/basics.yml": quiz()
            + """\
      - id: tf-compliance
        type: true-false
        prompt: Compliance is AWS's job.
        answer: false
        feedback_true: No.
        feedback_false: Right.
""",
        },
        "content/quizzes/basics.yml:17:17: question 'tf-compliance': the statement says what a "
        "party does, but carries no 'claim' the build can check",
    ),
    (
        "two-part option with a claim for one of the parties it names",
        {
            **MATRIX,
            "quizzes/basics.yml": quiz().replace(
                "{id: a, text: AWS, feedback: AWS stops at the hypervisor.}",
                "{id: a, text: 'AWS patches the host, and the customer writes the rules', "
                "feedback: Both., claim: {owner: aws, layer: layer-os, service: rds}}",
            ),
        },
        "content/quizzes/basics.yml:12:110: question 'ec2-patching': option 'a' names AWS and "
        "Customer, but its claim is for AWS; give each party it names a claim for what it says "
        "that party does",
    ),
    (
        "two-part right option whose second part contradicts the matrix",
        two_part(
            "On Amazon RDS, AWS patches the OS; on Amazon S3, the customer alone encrypts",
            "[{owner: aws, layer: layer-os, service: rds}, "
            "{owner: customer, layer: layer-enc, service: s3}]",
        ),
        "content/quizzes/basics.yml:12:177: question 'ec2-patching': option 'a' is a right answer, "
        "but its claim ('customer') disagrees with the service matrix, which says Shared owns "
        "Encryption for Amazon S3",
    ),
    (
        "two-part wrong option whose every part agrees with the matrix",
        two_part(
            "AWS patches the OS, and the customer writes the network rules",
            "[{owner: aws, layer: layer-os, service: rds}, "
            "{owner: customer, layer: layer-net, service: rds}]",
            answer="b",
        ),
        "content/quizzes/basics.yml:12:116: question 'ec2-patching': option 'a' is a wrong answer, "
        "but every one of its claims ('aws', 'customer') agrees with the service matrix, which "
        "says AWS owns Guest OS for Amazon RDS; Customer owns Network configuration for Amazon RDS",
    ),
    (
        "two-part true statement whose second part contradicts the matrix",
        {
            **MATRIX,
            "quizzes/basics.yml": quiz()
            + """\
      - id: tf-two
        type: true-false
        prompt: On RDS the customer writes the network rules, and on Beanstalk, AWS patches the OS.
        answer: true
        claims:
          - {owner: customer, layer: layer-net, service: rds}
          - {owner: aws, layer: layer-os, service: beanstalk}
        feedback_true: Right.
        feedback_false: No.
""",
        },
        "content/quizzes/basics.yml:18:17: question 'tf-two': answer is true, but its claim "
        "('aws') disagrees with the service matrix, which says Shared owns Guest OS for AWS "
        "Elastic Beanstalk",
    ),
    (
        "option with both 'claim' and 'claims'",
        two_part(
            "AWS patches the OS, and the customer writes the network rules",
            "[{owner: aws, layer: layer-os, service: rds}, "
            "{owner: customer, layer: layer-net, service: rds}], "
            "claim: {owner: aws, layer: layer-os, service: rds}",
        ),
        "content/quizzes/basics.yml:12:13: option 'a': give 'claim' for one part or 'claims' for "
        "several, not both",
    ),
    (
        "abstracted row that lists S3 but not DynamoDB",
        category_table("""\
            - id: abstracted
              label: Abstracted services
              category: abstracted
              services: [s3]
              shared: [Server-side encryption, with keys the customer chooses]
              claims: {layer-enc: shared}
            """),
        "content/tables.yml:11:19: table 'models': row 'abstracted': is about every abstracted "
        "service, so its 'services' must list each one the matrix has: add dynamodb",
    ),
    (
        "abstracted row that disagrees with DynamoDB",
        category_table("""\
            - id: abstracted
              label: Abstracted services
              category: abstracted
              services: [s3, dynamodb]
              aws: [Server-side encryption]
              claims: {layer-enc: aws}
            """),
        "content/tables.yml:13:29: table 'models': row 'abstracted': claims AWS owns Encryption, "
        "but the service matrix says Shared owns Encryption for Amazon DynamoDB; fix the row, or "
        "list 'dynamodb' in its exceptions and say how it differs in the row's notes",
    ),
    (
        "container row that lists a service of another category",
        category_table("""\
            - id: container
              label: Container services
              category: container
              services: [s3]
              aws: [The operating system]
              claims: {layer-os: aws}
            """),
        "content/tables.yml:11:19: table 'models': row 'container': is about every container "
        "service, so its 'services' must list each one the matrix has: remove s3 (not container)",
    ),
    (
        "container row that does not say it is about a category",
        category_table("""\
            - id: container
              label: Container services
              services: [rds]
              customer: [Network firewall rules]
              claims: {layer-net: customer}
            """),
        "content/tables.yml:9:16: table 'models': row 'container': is about container services "
        "('Container services'), but says no 'category'; add 'category: container' so the build "
        "checks it against every container service",
    ),
    (
        "row about both a service model and a category",
        category_table("""\
            - id: container
              label: Container services
              model: paas
              category: container
              services: [rds, beanstalk]
              customer: [Network firewall rules]
              claims: {layer-net: customer}
            """),
        "content/tables.yml:8:9: row 'container': a row is about one 'model' or one 'category', "
        "not both",
    ),
]


FILL_HEAD = """\
kind: quizzes
title: Fill
quizzes:
  - id: quiz-fill
    title: Fill
    source: aws-srm
    questions:
      - id: fill-one
        type: fill-in
"""
"""A fill-in question up to its `text`, which each case writes with its gaps."""


def fill_in(text: str, gaps: str, matrix: bool = False) -> dict[str, str]:
    """A quiz file with one fill-in question: `text` and the YAML lines of its `gaps`."""
    body = f"        text: {text}\n        gaps:\n" + textwrap.indent(
        textwrap.dedent(gaps), " " * 10
    )
    return {**(MATRIX if matrix else {}), "quizzes/fill.yml": FILL_HEAD + body}


FILL_IN_CASES = [
    (
        "fill-in: a gap with no accepted answer",
        fill_in("Security [[g1]] the cloud.", "- {id: g1, choices: [of, in]}\n"),
        "content/quizzes/fill.yml:12:18: question 'fill-one': gap 'g1' has no accepted answer; "
        "list at least one in 'accepted'",
    ),
    (
        "fill-in: accepted answers that are one once case and spaces are ignored",
        fill_in("The [[g1]] is the customer's.", "- {id: g1, accepted: [Guest OS, guestos]}\n"),
        "content/quizzes/fill.yml:12:43: question 'fill-one': gap 'g1': 'guestos' and 'Guest OS' "
        "in 'accepted' are the same answer once case, spaces, hyphens, quotes, brackets and end "
        "punctuation are ignored",
    ),
    (
        "fill-in: accepted answers that are one once hyphens and end punctuation are ignored",
        fill_in(
            "The [[g1]] is the customer's.",
            "- {id: g1, accepted: [multi-factor authentication, Multifactor authentication.]}\n",
        ),
        "content/quizzes/fill.yml:12:62: question 'fill-one': gap 'g1': 'Multifactor "
        "authentication.' and 'multi-factor authentication' in 'accepted' are the same answer "
        "once case, spaces, hyphens, quotes, brackets and end punctuation are ignored",
    ),
    (
        "fill-in: choices that are one once case and spaces are ignored",
        fill_in(
            "Security [[g1]] the cloud.", "- {id: g1, choices: [of, ' OF', in], accepted: [of]}\n"
        ),
        "content/quizzes/fill.yml:12:36: question 'fill-one': gap 'g1': ' OF' and 'of' in "
        "'choices' are the same answer once case, spaces, hyphens, quotes, brackets and end "
        "punctuation are ignored",
    ),
    (
        "fill-in: accepted answers that are one once quotes and brackets are ignored",
        fill_in(
            "The [[g1]] is the customer's.",
            "- {id: g1, accepted: [hypervisor, '(\u201chypervisor\u201d)']}\n",
        ),
        "content/quizzes/fill.yml:12:45: question 'fill-one': gap 'g1': '(\u201chypervisor\u201d)' "
        "and 'hypervisor' in 'accepted' are the same answer once case, spaces, hyphens, quotes, "
        "brackets and end punctuation are ignored",
    ),
    (
        "fill-in: an accepted answer the choices do not offer",
        fill_in("Security [[g1]] the cloud.", "- {id: g1, choices: [in, for], accepted: [of]}\n"),
        "content/quizzes/fill.yml:12:53: question 'fill-one': gap 'g1': accepted answer 'of' is "
        "not one of its choices (in, for), so no reader could give it",
    ),
    (
        "fill-in: choices that accept every answer they offer",
        fill_in(
            "Security [[g1]] the cloud.", "- {id: g1, choices: [of, in], accepted: [of, in]}\n"
        ),
        "content/quizzes/fill.yml:12:31: question 'fill-one': gap 'g1': every choice is "
        "accepted, so the gap asks nothing; add a wrong choice or drop 'choices' to have the "
        "answer typed",
    ),
    (
        "fill-in: a single choice",
        fill_in("Security [[g1]] the cloud.", "- {id: g1, choices: [of], accepted: [of]}\n"),
        "content/quizzes/fill.yml:12:31: gap 'g1': field 'choices': needs at least 2 entries",
    ),
    (
        "fill-in: a marker naming no declared gap",
        fill_in("Security [[g1]] the [[g2]].", "- {id: g1, accepted: [of]}\n"),
        "content/quizzes/fill.yml:10:15: question 'fill-one': the text marks gap 'g2', which "
        "'gaps' does not declare (declared: g1)",
    ),
    (
        "fill-in: a declared gap the text does not mark",
        fill_in(
            "Security [[g1]] the cloud.",
            "- {id: g1, accepted: [of]}\n- {id: g2, accepted: [in]}\n",
        ),
        "content/quizzes/fill.yml:13:18: question 'fill-one': gap 'g2' is not marked in the "
        "text; write '[[g2]]' where it goes",
    ),
    (
        "fill-in: a gap marked twice",
        fill_in("Security [[g1]] the cloud, [[g1]] it.", "- {id: g1, accepted: [of]}\n"),
        "content/quizzes/fill.yml:10:15: question 'fill-one': the text marks gap 'g1' twice",
    ),
    (
        "fill-in: a marker that is not a gap id",
        fill_in("Security [[Gap 1]] the cloud [[g1]].", "- {id: g1, accepted: [of]}\n"),
        "content/quizzes/fill.yml:10:15: question 'fill-one': the text has '[[Gap 1]]', which is "
        "not a gap marker: a gap is marked by its id (lowercase letters and digits) in double "
        "brackets, as '[[g1]]'",
    ),
    (
        "fill-in: a gap id used twice",
        fill_in(
            "Security [[g1]] the cloud.",
            "- {id: g1, accepted: [of]}\n- {id: g1, accepted: [in]}\n",
        ),
        "content/quizzes/fill.yml:13:18: question 'fill-one': gap id 'g1' is used twice",
    ),
    (
        "fill-in: a gap whose answer names a party, with no claim",
        fill_in(
            "On Amazon RDS, [[who]] patches the operating system.",
            "- {id: who, choices: [AWS, the customer], accepted: [AWS]}\n",
            matrix=True,
        ),
        "content/quizzes/fill.yml:12:64: question 'fill-one': gap 'who': its answer 'AWS' names "
        "who owns something, but the gap carries no 'claim' the build can check",
    ),
    (
        "fill-in: a gap's claim the service matrix disagrees with",
        fill_in(
            "On Amazon RDS, [[who]] patches the operating system.",
            "- id: who\n  choices: [AWS, the customer]\n  accepted: [the customer]\n"
            "  claim: {owner: customer, layer: layer-os, service: rds}\n",
            matrix=True,
        ),
        "content/quizzes/fill.yml:15:28: question 'fill-one': gap 'who': its claim ('customer') "
        "disagrees with the service matrix, which says AWS owns Guest OS for Amazon RDS",
    ),
    (
        "fill-in: a gap's claim for another party than its answer names",
        fill_in(
            "On Amazon RDS, [[who]] patches the operating system.",
            "- id: who\n  choices: [AWS, the customer]\n  accepted: [AWS]\n"
            "  claim: {owner: customer, layer: layer-os, service: rds}\n",
            matrix=True,
        ),
        "content/quizzes/fill.yml:15:28: question 'fill-one': gap 'who': its answer names AWS, "
        "but its claim is for Customer",
    ),
]
"""The fill-in unit's own checks: ambiguous or impossible gaps, as located errors."""


INLINE = (
    "is shown inline, so it cannot hold {}; write one paragraph, or move the block to a "
    "feedback or explanation"
)
INLINE_ONLY = "is shown inline, so it cannot hold {}; write one paragraph"
"""The same, for an item with no field shown as blocks (a table row, a service)."""
INLINE_BLOCK_CASES = [
    (
        "a second paragraph in an option",
        {"quizzes/basics.yml": quiz().replace("text: AWS,", 'text: "AWS\\n\\nand more",')},
        "content/quizzes/basics.yml:12:27: option 'a': 'text' "
        + INLINE.format("a second paragraph"),
    ),
    (
        "a heading in a prompt",
        {
            "quizzes/basics.yml": quiz().replace(
                "prompt: Who patches the guest OS of an EC2 instance?",
                "prompt: '# Who patches the guest OS of an EC2 instance?'",
            )
        },
        "content/quizzes/basics.yml:10:17: question 'ec2-patching': 'prompt' "
        + INLINE.format("a heading"),
    ),
    (
        "a list in a match part",
        {"quizzes/match.yml": match("{id: x, text: '- Lambda', answer: paas, explanation: Code.}")},
        "content/quizzes/match.yml:17:27: item 'x': 'text' " + INLINE.format("a list"),
    ),
    (
        "a block quote in an order part",
        {"quizzes/order.yml": ORDER_HEAD + "          - {id: guest, text: '> Guest OS'}\n"},
        "content/quizzes/order.yml:16:31: item 'guest': 'text' " + INLINE.format("a block quote"),
    ),
    (
        "a list in a fill-in sentence",
        fill_in(
            "|-\n          Security [[g1]] the cloud.\n\n          - more",
            "- {id: g1, accepted: [of]}\n",
        ),
        "content/quizzes/fill.yml:10:15: question 'fill-one': 'text' " + INLINE.format("a list"),
    ),
    (
        "indented code in a table entry (each entry of a list)",
        row_table("""\
            - id: abstracted
              label: Abstracted services
              services: [s3]
              aws: [Encryption, "    code"]
            """),
        "content/tables.yml:11:27: row 'abstracted': 'aws' " + INLINE_ONLY.format("a code block"),
    ),
    (
        "a horizontal rule in a table's notes",
        row_table("""\
            - id: abstracted
              label: Abstracted services
              services: [s3]
              aws: [Encryption]
              notes: "Notes\\n\\n---"
            """),
        "content/tables.yml:12:16: row 'abstracted': 'notes' "
        + INLINE_ONLY.format("a horizontal rule"),
    ),
    (
        "a details block in a service's note",
        {
            **MATRIX,
            "services.yml": MATRIX["services.yml"]
            + DYNAMODB.replace(
                "note: Endpoints and VPC endpoint policies.", 'note: "??? x\\n    y"'
            ),
        },
        "content/services.yml:34:40: service 'dynamodb': 'note' "
        + INLINE_ONLY.format("a details block"),
    ),
]
"""Block Markdown in fields shown inline (`markup.block_in_inline`), one row per family."""


PICK_HEAD = """\
kind: quizzes
title: Pick
quizzes:
  - id: quiz-pick
    title: Pick
    source: aws-srm
    questions:
      - id: pick-one
        type: pick-layer
        statement: Installing this month's updates inside an instance
        explanation: Updates inside an instance go into its operating system.
"""
"""A pick-layer question up to its `answer` and `layers`, which each case writes."""


def pick_layer(lines: str) -> dict[str, str]:
    """The three-layer stack of `MATRIX`, and a quiz with one pick-layer question ending in
    the YAML `lines` given (its answer, and the layers offered)."""
    body = textwrap.indent(textwrap.dedent(lines), " " * 8)
    return {"stack.yml": MATRIX["stack.yml"], "quizzes/pick.yml": PICK_HEAD + body}


PICK_LAYER_CASES = [
    (
        "pick-layer: the right layer is not among those offered",
        pick_layer("answer: layer-os\nlayers: [layer-net, layer-enc]\n"),
        "content/quizzes/pick.yml:12:17: question 'pick-one': its answer 'layer-os' is not one "
        "of the layers offered (layer-net, layer-enc), so no reader could pick it",
    ),
    (
        "pick-layer: a layer offered twice",
        pick_layer("answer: layer-os\nlayers: [layer-os, layer-net, layer-os]\n"),
        "content/quizzes/pick.yml:13:39: question 'pick-one': layer 'layer-os' is offered twice",
    ),
    (
        "pick-layer: one layer offered, twice",
        pick_layer("answer: layer-os\nlayers: [layer-os, layer-os]\n"),
        "content/quizzes/pick.yml:13:17: question 'pick-one': only one layer is offered, so the "
        "question asks nothing; offer at least two, or leave 'layers' out for the whole stack",
    ),
    (
        "pick-layer: a list of one layer",
        pick_layer("answer: layer-os\nlayers: [layer-os]\n"),
        "content/quizzes/pick.yml:13:17: question 'pick-one': field 'layers': needs at least 2 "
        "entries",
    ),
    (
        "pick-layer: an unknown right layer",
        pick_layer("answer: layer-roof\n"),
        "content/quizzes/pick.yml:12:17: question 'pick-one': answer names unknown layer "
        "'layer-roof'",
    ),
    (
        "pick-layer: an unknown layer offered",
        pick_layer("answer: layer-os\nlayers: [layer-os, layer-roof]\n"),
        "content/quizzes/pick.yml:13:28: question 'pick-one': layers names unknown layer "
        "'layer-roof'",
    ),
    (
        "pick-layer: a second paragraph in the statement, shown inline in the legend",
        {
            **pick_layer("answer: layer-os\n"),
            "quizzes/pick.yml": pick_layer("answer: layer-os\n")["quizzes/pick.yml"].replace(
                "statement: Installing this month's updates inside an instance",
                'statement: "Installing updates\\n\\nInside an instance"',
            ),
        },
        "content/quizzes/pick.yml:10:20: question 'pick-one': 'statement' is shown inline, so "
        "it cannot hold a second paragraph; write one paragraph, or move the block to a "
        "feedback or explanation",
    ),
    (
        "pick-layer: no explanation",
        {
            **pick_layer("answer: layer-os\n"),
            "quizzes/pick.yml": pick_layer("answer: layer-os\n")["quizzes/pick.yml"].replace(
                "        explanation: Updates inside an instance go into its operating system.\n",
                "",
            ),
        },
        "content/quizzes/pick.yml:8:9: question 'pick-one': missing required field 'explanation'",
    ),
]
"""The pick-layer unit's own checks and its references: a question with no answer a reader
could pick, or one that offers a layer twice, as located errors."""


def test_a_well_made_pick_layer_question_passes(tmp_path: Path) -> None:
    """The base of the rows above, with a right answer among the layers offered, passes."""
    write_content(tmp_path, pick_layer("answer: layer-os\nlayers: [layer-os, layer-net]\n"))
    result = run_check(tmp_path)
    assert result.returncode == 0, result.stderr


UNIT_CASES = FILL_IN_CASES + PICK_LAYER_CASES + INLINE_BLOCK_CASES
"""The rows of the question units' own checks and of the inline fields' rule."""


@pytest.mark.parametrize(
    ("files", "expected"), [case[1:] for case in UNIT_CASES], ids=[c[0] for c in UNIT_CASES]
)
def test_bad_questions_and_inline_fields_are_reported(tmp_path: Path, files, expected) -> None:
    write_content(tmp_path, files)
    result = run_check(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert expected in result.stderr.splitlines(), result.stderr


@pytest.mark.parametrize(
    ("files", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_bad_content_is_reported_with_its_location(tmp_path: Path, files, expected) -> None:
    write_content(tmp_path, files)
    result = run_check(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert expected in lines, "\n".join(lines)


def test_valid_base_passes(tmp_path: Path) -> None:
    write_content(tmp_path, {})
    result = run_check(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no problems found" in result.stdout


def test_every_problem_is_listed_not_just_the_first(tmp_path: Path) -> None:
    write_content(
        tmp_path,
        {
            "glossary.yml": GLOSSARY.replace("term: Guest OS", "term: yes"),
            "sources.yml": SOURCES + "    colour: red\n",
        },
    )
    result = run_check(tmp_path)
    assert result.returncode == 1
    problems = [line for line in result.stderr.splitlines() if line.startswith("content/")]
    assert [p.split(":")[0] for p in problems] == ["content/glossary.yml", "content/sources.yml"]
    assert result.stderr.rstrip().endswith("2 problems found")


def test_strict_build_fails_the_same_way_and_writes_nothing(tmp_path: Path) -> None:
    write_content(tmp_path, {"quizzes/basics.yml": quiz(answer="e")})
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\ndocs_dir: content\ntheme: {name: material, font: false}\nplugins: [srm]\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "content/quizzes/basics.yml:14:17: question 'ec2-patching': answer 'e' is not one "
        "of the options a, b"
    ) in result.stderr
    assert not (tmp_path / "site").exists()


def test_check_asks_for_each_yaml_files_page(tmp_path: Path) -> None:
    # No engine invents a YAML file's page (Zensical could not): the check asks for them.
    write_content(tmp_path, {}, pages=False)
    result = run_check(tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "content/glossary.yml:1:7: no page shows this file: write content/glossary.md with an "
        "srm block naming glossary.yml (`python -m srm_build pages` writes it)"
    ) in result.stderr.splitlines()
    assert result.stderr.rstrip().endswith("3 problems found")
    pages = subprocess.run(
        [sys.executable, "-m", "srm_build", "pages", "content"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert pages.returncode == 0, pages.stderr
    assert (tmp_path / "content/quizzes/basics.md").read_text() == "```srm\nbasics.yml\n```\n"
    again = run_check(tmp_path)
    assert again.returncode == 0, again.stderr


REVIEW_MATRIX = {
    "stack.yml": """\
kind: layers
title: Stack
layers:
  - {id: layer-hyp, name: Hypervisor, names: [virtualisation], description: Hosts., source: aws-srm}
  - id: layer-guest
    name: Guest operating system
    names: [guest OS, operating system]
    description: Inside the instance.
    source: aws-srm
  - id: layer-platform
    name: Platform
    names: [web server, Apache]
    description: Servers and runtimes.
    source: aws-srm
  - id: layer-enc
    name: Encryption
    names: [encrypting, keys]
    description: Keys.
    source: aws-srm
  - id: layer-iam
    name: Identity
    names: [IAM, permissions, who may]
    description: Who may do what.
    source: aws-srm
""",
    "services.yml": """\
kind: services
title: Services
services:
  - id: ec2
    name: Amazon EC2
    names: [EC2]
    model: iaas
    summary: Servers.
    layers:
      {layer-hyp: aws, layer-guest: customer, layer-platform: customer, layer-enc: customer,
       layer-iam: customer}
    source: aws-srm
  - id: s3
    name: Amazon S3
    names: [S3]
    category: abstracted
    summary: Objects.
    layers:
      layer-hyp: aws
      layer-guest: aws
      layer-platform: aws
      layer-enc: {owner: shared, note: AWS encrypts new objects; the customer picks keys.}
      layer-iam: customer
    source: aws-srm
""",
}
"""A two-service matrix with layers that say the words they go by, for the reviewer's cases
(issue 13, the second round): each input is what a dishonest author wrote to get past the
owner check."""


def statement(prompt: str, answer: str, claims: str) -> dict[str, str]:
    """The base quiz and a true/false statement `prompt` with `answer` and `claims` (YAML)."""
    return {
        **REVIEW_MATRIX,
        "quizzes/basics.yml": quiz()
        + f"""\
      - id: tf-review
        type: true-false
        prompt: {prompt}
        answer: {answer}
        {claims}
        feedback_true: Why.
        feedback_false: Why.
""",
    }


def option(prompt: str, text: str, claim: str = "") -> dict[str, str]:
    """The base quiz with its prompt replaced by `prompt` and its option 'a' by `text`, with
    `claim` (a YAML flow mapping) when given."""
    extra = f", claim: {claim}" if claim else ""
    return {
        **REVIEW_MATRIX,
        "quizzes/basics.yml": quiz()
        .replace("Who patches the guest OS of an EC2 instance?", prompt)
        .replace(
            "{id: a, text: AWS, feedback: AWS stops at the hypervisor.}",
            f"{{id: a, text: '{text}', feedback: Why.{extra}}}",
        ),
    }


REVIEW_CASES = [
    # 1. a row's other bullets were never checked
    (
        "PaaS row with an unchecked AWS bullet about firewalls (the reviewer's bullet)",
        row_table("""\
            - id: paas
              label: PaaS
              model: paas
              services: [rds, beanstalk]
              aws:
                - Patching the OS
                - Firewall configuration and disaster recovery, Amazon RDS included
              claims: {layer-os: {owner: aws, exceptions: [beanstalk]}}
              notes: AWS Elastic Beanstalk differs.
            """),
        "content/tables.yml:14:13: table 'models': row 'paas': aws bullet 2 is about Network "
        "configuration, which the row does not claim; add 'layer-net: aws' to its claims so the "
        "build checks it against the service matrix, or reword the bullet",
    ),
    (
        "row bullet that names no layer at all",
        row_table("""\
            - id: paas
              label: PaaS
              model: paas
              services: [rds, beanstalk]
              aws:
                - Patching the OS
                - Disaster recovery, Amazon RDS included
              claims: {layer-os: {owner: aws, exceptions: [beanstalk]}}
              notes: AWS Elastic Beanstalk differs.
            """),
        "content/tables.yml:14:13: table 'models': row 'paas': aws bullet 2 names no layer, so "
        "the build cannot check who does it; say which layer it is about in that layer's words "
        "(its 'names' in the layers file), or add the word it uses there",
    ),
    (
        "row bullet under AWS about a layer the row gives to the customer",
        row_table("""\
            - id: paas
              label: PaaS
              model: paas
              services: [rds, beanstalk]
              aws: [Patching the OS, Firewall rules]
              customer: [Network rules]
              claims: {layer-os: {owner: aws, exceptions: [beanstalk]}, layer-net: customer}
              notes: AWS Elastic Beanstalk differs.
            """),
        "content/tables.yml:12:32: table 'models': row 'paas': aws bullet 2 gives Network "
        "configuration to AWS, but the row claims Customer owns it",
    ),
    (
        "row bullet naming a service the row leaves out",
        row_table("""\
            - id: paas
              label: PaaS
              services: [beanstalk]
              aws: [Patching the OS on Amazon S3]
              claims: {layer-os: {owner: aws, exceptions: [beanstalk]}}
              notes: AWS Elastic Beanstalk differs.
            """),
        "content/tables.yml:11:15: table 'models': row 'paas': aws bullet 1 names Amazon S3, "
        "which is not one of the row's services; add it to 'services' so the row's claims are "
        "checked against it",
    ),
    # 2. a claim with no layer let any answer through
    (
        "scenario about one layer whose claim leaves the layer out ('whole stack')",
        {
            **REVIEW_MATRIX,
            "scenarios.yml": """\
kind: scenarios
title: Scenarios
scenarios:
  - id: apache
    title: Apache on a customer's EC2 instance exploited
    situation: An unpatched web server on an EC2 instance is broken into.
    responsible: shared
    explanation: Both.
    feedback: {aws: Half., customer: Half., shared: Right.}
    claims: [{owner: shared}]
    source: aws-srm
""",
        },
        "content/scenarios.yml:10:14: scenario 'apache': has a claim without a 'layer'; a "
        "scenario is about one thing, so claim the layer its text names (a claim without a "
        "layer, about the whole stack, is only for options and statements that name it)",
    ),
    (
        "option whose claim leaves the layer out though its text names no whole stack",
        option("Who patches the guest OS?", "AWS", "{owner: aws}"),
        "content/quizzes/basics.yml:12:57: question 'ec2-patching': option 'a': the text has a "
        "claim without a 'layer'; give the layer the text names (a claim about the whole stack "
        "is only for a text that names it: 'all security', 'every layer', 'security and "
        "compliance')",
    ),
    (
        "option whose layerless claim names the service but not the whole stack",
        option("Who patches the guest OS of an EC2 instance?", "AWS", "{owner: aws, service: ec2}"),
        "content/quizzes/basics.yml:12:57: question 'ec2-patching': option 'a': the text has a "
        "claim without a 'layer'; give the layer the text names (a claim about the whole stack "
        "is only for a text that names it: 'all security', 'every layer', 'security and "
        "compliance')",
    ),
    # 3. the claim's layer and service were not tied to the text
    (
        "true statement about the guest OS claimed as a hypervisor cell",
        statement(
            "On Amazon EC2, AWS patches the guest operating system.",
            "true",
            "claim: {owner: aws, layer: layer-hyp, service: ec2}",
        ),
        "content/quizzes/basics.yml:19:16: question 'tf-review': the text claims an owner for "
        "Hypervisor, but its text does not name that layer (its words: Hypervisor, "
        "virtualisation); claim the layer the text is about, or add the word the text uses to "
        "the layer's 'names'",
    ),
    (
        "S3 encryption sort item checked against S3 identity",
        {
            **REVIEW_MATRIX,
            "quizzes/sort.yml": SORT_HEAD.replace(
                "explanation: Facilities are AWS's.}",
                "explanation: Facilities are AWS's., layer: layer-guest, service: ec2}",
            ).replace("text: OS fix", "text: Guest OS")
            + """\
          - id: t3
            text: Encrypting data at rest in an S3 bucket
            owner: customer
            explanation: Keys.
            service: s3
            layer: layer-iam
""",
        },
        "content/quizzes/sort.yml:19:20: sort item 't3': claims an owner for Identity, but its "
        "text does not name that layer (its words: Identity, IAM, permissions, who may); claim "
        "the layer the text is about, or add the word the text uses to the layer's 'names'",
    ),
    (
        "option about EC2 claimed as another service's cell",
        option(
            "Who runs the hypervisor?",
            "On Amazon EC2, AWS runs the hypervisor",
            "{owner: aws, layer: layer-hyp, service: s3}",
        ),
        "content/quizzes/basics.yml:12:92: question 'ec2-patching': option 'a': the text names "
        "Amazon EC2, so its claim must say 'service: ec2' (not 's3')",
    ),
    # 4. negation reversed the check
    (
        "negated statement marked false with an AWS claim",
        statement(
            "AWS does not patch the guest OS on Amazon EC2.",
            "false",
            "claim: {owner: aws, layer: layer-guest, service: ec2}",
        ),
        "content/quizzes/basics.yml:17:17: question 'tf-review': the statement says who does "
        "not do something ('not'), which the build cannot check as an owner claim; state "
        'positively who does it ("AWS does not patch the hosts" becomes "AWS patches the '
        'hosts" or "The customer patches the guest OS", with the answer that sentence has) and '
        "claim that owner",
    ),
    (
        "true negated statement: the message asks for a positive wording, not a flipped answer",
        statement(
            "On Amazon EC2, the customer's team never leaves patching the guest OS to AWS.",
            "true",
            "claim: {owner: customer, layer: layer-guest, service: ec2}",
        ),
        "content/quizzes/basics.yml:17:17: question 'tf-review': the statement says who does "
        "not do something ('never'), which the build cannot check as an owner claim; state "
        'positively who does it ("AWS does not patch the hosts" becomes "AWS patches the '
        'hosts" or "The customer patches the guest OS", with the answer that sentence has) and '
        "claim that owner",
    ),
    (
        "option 'only ... not' naming both parties in the negative",
        option(
            "Who patches the guest OS of an EC2 instance?",
            "Patching it is the customers\\u2019 job, not AWS",
            "{owner: customer, layer: layer-guest, service: ec2}",
        ),
        "content/quizzes/basics.yml:12:27: question 'ec2-patching': option 'a' says who does "
        "not do something ('not'), which the build cannot check as an owner claim; state "
        'positively who does it ("AWS does not patch the hosts" becomes "AWS patches the '
        'hosts" or "The customer patches the guest OS", with the answer that sentence has) and '
        "claim that owner",
    ),
    # 6. free text that states owners
    (
        "glossary definition giving SaaS's whole stack to AWS",
        {
            **REVIEW_MATRIX,
            "glossary.yml": GLOSSARY
            + """\
  - id: saas
    term: SaaS
    definition: A finished application. The provider runs the entire stack.
    source: aws-srm
""",
        },
        "content/glossary.yml:10:17: term 'saas': says AWS owns the whole stack (\"The provider "
        'runs the entire stack"), but the service matrix says Shared owns the whole stack; '
        "reword it, or name the service it is about",
    ),
    (
        "misconception correction that teaches the wrong owner of a cell",
        {
            **REVIEW_MATRIX,
            "misconceptions.yml": MISCONCEPTIONS.replace(
                "The guest OS is the customer's.", "On Amazon EC2, AWS patches the guest OS."
            ),
        },
        "content/misconceptions.yml:6:17: misconception 'mc-aws-patches': says AWS owns Guest "
        'operating system ("AWS patches the guest OS"), but the service matrix says Customer '
        "owns Guest operating system for Amazon EC2; reword it, or name the service it is about",
    ),
    (
        "pick-layer statement that gives the guest OS to AWS",
        {
            **REVIEW_MATRIX,
            "quizzes/pick.yml": PICK_HEAD.replace(
                "Installing this month's updates inside an instance",
                "On Amazon EC2, AWS patches the guest OS",
            )
            + "        answer: layer-guest\n",
        },
        "content/quizzes/pick.yml:10:20: question 'pick-one': says AWS owns Guest operating "
        'system ("AWS patches the guest OS"), but the service matrix says Customer owns Guest '
        "operating system for Amazon EC2; reword it, or name the service it is about",
    ),
    # 5. wordings the party detection missed, and a prompt that names the party
    (
        "option 'falls to AWS' with no claim",
        option("Who patches the guest OS of an EC2 instance?", "Patching falls to AWS"),
        "content/quizzes/basics.yml:12:27: question 'ec2-patching': option 'a' names who owns "
        "something, but carries no 'claim' the build can check",
    ),
    (
        "option 'The cloud provider' with no claim",
        option("Who patches the guest OS of an EC2 instance?", "The cloud provider"),
        "content/quizzes/basics.yml:12:27: question 'ec2-patching': option 'a' names who owns "
        "something, but carries no 'claim' the build can check",
    ),
    (
        "option of a prompt asking what AWS owns, with no claim",
        option("On Amazon EC2, which of these is AWS's job?", "Patching the guest OS"),
        "content/quizzes/basics.yml:12:27: question 'ec2-patching': option 'a' answers a prompt "
        "that asks what AWS owns, so it is an owner claim, but carries no 'claim' the build can "
        "check",
    ),
    (
        "option of a prompt asking what AWS owns, claimed for the customer to pass as right",
        {
            **option(
                "On Amazon EC2, which of these is AWS's job?",
                "Patching the guest OS",
                "{owner: customer, layer: layer-guest, service: ec2}",
            ),
        },
        "content/quizzes/basics.yml:12:75: question 'ec2-patching': option 'a' answers a prompt "
        "that asks what AWS owns, but its claim is for Customer; give each party it names a "
        "claim for what it says that party does",
    ),
]


@pytest.mark.parametrize(
    ("files", "expected"), [c[1:] for c in REVIEW_CASES], ids=[c[0] for c in REVIEW_CASES]
)
def test_reviewer_cases_are_reported(tmp_path: Path, files, expected) -> None:
    """Each input a reviewer wrote to get an unchecked owner past the build is a located error
    (issue 13 item 2, second round)."""
    write_content(tmp_path, files)
    result = run_check(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert expected in lines, "\n".join(lines)


_REORDERED = (
    "refers to the question's {parts} by their position, but each reader sees them in an "
    "order of their own; name them by what they say"
)
_SHUFFLE_HINT = ", or give the question 'shuffle: false' if the written order carries meaning"


def reordered(parts: str, hint: bool = True) -> str:
    """The end of the message about a text that names a part by its position."""
    return _REORDERED.format(parts=parts) + (_SHUFFLE_HINT if hint else "")


POSITION_CASES = [
    (
        "an option that is all, both or none of the above",
        {
            "quizzes/basics.yml": quiz(
                extra_options="          - {id: c, text: Both of the above, "
                "feedback: Only one is right.}\n"
            )
        },
        "content/quizzes/basics.yml:14:27: question 'ec2-patching': option 'c': "
        '"Both of the above" ' + reordered("options"),
    ),
    (
        "an explanation that says 'the above'",
        {"quizzes/basics.yml": quiz(extra="explanation: The above shows who patches.\n")},
        "content/quizzes/basics.yml:15:22: question 'ec2-patching': "
        '"The above" ' + reordered("options"),
    ),
    (
        "feedback that points at the options above or below",
        {
            "quizzes/basics.yml": quiz().replace(
                "feedback: AWS stops at the hypervisor.",
                "feedback: Unlike the options below AWS stops at the hypervisor.",
            )
        },
        "content/quizzes/basics.yml:12:42: question 'ec2-patching': option 'a': "
        '"the options below" ' + reordered("options"),
    ),
    (
        "a match explanation that says where in 'this list' a part sits",
        {
            "quizzes/match.yml": match(
                "{id: x, text: Lambda, answer: paas, explanation: 'The further down this list "
                "of models a service sits, the more AWS runs.'}"
            )
        },
        "content/quizzes/match.yml:17:62: question 'match-models': item 'x': "
        '"down this list" ' + reordered("items and choices"),
    ),
    (
        "an order item's explanation that names the first or next item",
        {
            "quizzes/order.yml": ORDER_HEAD
            + "          - {id: guest, text: Guest OS, explanation: After the next item.}\n"
        },
        "content/quizzes/order.yml:16:54: question 'order-stack': item 'guest': "
        '"the next item" ' + reordered("items", hint=False),
    ),
    (
        "a prompt that names an option by its label",
        {
            "quizzes/basics.yml": quiz().replace(
                "prompt: Who patches the guest OS of an EC2 instance?",
                "prompt: Is option B right about who patches the guest OS?",
            )
        },
        "content/quizzes/basics.yml:10:17: question 'ec2-patching': "
        '"option B" ' + reordered("options"),
    ),
    (
        "a sort item's explanation that names parts as (a) and (b)",
        {
            "quizzes/sort.yml": SORT_HEAD
            + "          - {id: t2, text: Keys, owner: customer, explanation: "
            "Like (a) and (b) above.}\n"
        },
        "content/quizzes/sort.yml:14:64: question 'sort-two': item 't2': "
        '"(a) and (b)" ' + reordered("items", hint=False),
    ),
    (
        "a fill-in gap's feedback that names the last choice",
        fill_in(
            "Security [[g1]] the cloud.",
            "- {id: g1, choices: [of, in], accepted: [of], feedback: It is the last choice.}\n",
        ),
        "content/quizzes/fill.yml:12:67: question 'fill-one': gap 'g1': "
        '"the last choice" ' + reordered("gap choices"),
    ),
    (
        "an option that names 'the first two' with no part's name after it",
        {
            "quizzes/basics.yml": quiz(
                extra_options="          - {id: c, text: The first two are right, "
                "feedback: Only one is right.}\n"
            )
        },
        "content/quizzes/basics.yml:14:27: question 'ec2-patching': option 'c': "
        '"The first two" ' + reordered("options"),
    ),
    (
        "an option that is 'all of the foregoing' or 'none of the preceding'",
        {
            "quizzes/basics.yml": quiz(
                extra_options="          - {id: c, text: None of the preceding, "
                "feedback: Only one is right.}\n"
            )
        },
        "content/quizzes/basics.yml:14:27: question 'ec2-patching': option 'c': "
        '"None of the preceding" ' + reordered("options"),
    ),
    (
        "an explanation that says 'the foregoing'",
        {"quizzes/basics.yml": quiz(extra="explanation: The foregoing shows who patches.\n")},
        "content/quizzes/basics.yml:15:22: question 'ec2-patching': "
        '"The foregoing" ' + reordered("options"),
    ),
    (
        "a soft hyphen inside 'above' (read without format characters)",
        {
            "quizzes/basics.yml": quiz(
                extra_options='          - {id: c, text: "Both of the ab\\u00ADove", '
                "feedback: Only one is right.}\n"
            )
        },
        "content/quizzes/basics.yml:14:27: question 'ec2-patching': option 'c': "
        '"Both of the above" ' + reordered("options"),
    ),
    (
        "full-width letters in 'option Ｂ' (read in NFKC form)",
        {
            "quizzes/basics.yml": quiz().replace(
                "prompt: Who patches the guest OS of an EC2 instance?",
                "prompt: Is option Ｂ right about who patches the guest OS?",
            )
        },
        "content/quizzes/basics.yml:10:17: question 'ec2-patching': "
        '"option B" ' + reordered("options"),
    ),
]
"""A question's text that names one of its parts by its position, where readers see the parts
in an order of their own (CONTRIBUTING.md, "Questions"): one case per family of phrases
(srm_build/positional.py), across the question types that reorder their parts."""


@pytest.mark.parametrize(
    ("files", "expected"), [c[1:] for c in POSITION_CASES], ids=[c[0] for c in POSITION_CASES]
)
def test_parts_named_by_position_are_reported(tmp_path: Path, files, expected) -> None:
    write_content(tmp_path, files)
    result = run_check(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert expected in lines, "\n".join(lines)


POSITION_PASSES = [
    (
        "a question with 'shuffle: false' may say 'the steps above'",
        {
            "quizzes/basics.yml": quiz(
                extra="shuffle: false\n",
                extra_options="          - {id: c, text: Both of the steps above, "
                "feedback: Only one is right.}\n",
            )
        },
    ),
    (
        "a quiz with 'shuffle: false' keeps the written order of its match",
        {
            "quizzes/match.yml": match(
                "{id: x, text: Lambda, answer: paas, explanation: 'The further down this list "
                "of models a service sits, the more AWS runs.'}"
            ).replace("    source: aws-srm\n", "    source: aws-srm\n    shuffle: false\n", 1)
        },
    ),
    (
        "'above' and 'top' that say where a layer sits, not a part",
        {
            "quizzes/order.yml": ORDER_HEAD + "          - id: guest\n"
            "            text: Guest OS\n"
            "            explanation: The layers above the hypervisor are the customer's, from "
            "the guest operating system above it to the data at the top of the stack.\n"
        },
    ),
    (
        "'the first two layers', 'the preceding layer' and 'the latter' within a sentence",
        {
            "quizzes/order.yml": ORDER_HEAD + "          - id: guest\n"
            "            text: Guest OS\n"
            "            explanation: AWS runs the first two layers and the customer the "
            "guest OS; the latter sits on the preceding layer, the former under it.\n"
        },
    ),
    (
        "a prompt that asks which of the following is true",
        {
            "quizzes/basics.yml": quiz().replace(
                "prompt: Who patches the guest OS of an EC2 instance?",
                "prompt: Which of the following patches the guest OS of an EC2 instance?",
            )
        },
    ),
]
"""Texts the rule lets through: a question whose readers see the written order, the
words "above", "below" and "top" where they say where a layer of the stack sits, "the
first two" and "the preceding" before what they count, "the former" and "the latter"
alone (they point back within their sentence) and "which of the following"."""


@pytest.mark.parametrize(
    "files", [c[1] for c in POSITION_PASSES], ids=[c[0] for c in POSITION_PASSES]
)
def test_parts_not_named_by_position_pass(tmp_path: Path, files) -> None:
    write_content(tmp_path, files)
    result = run_check(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no problems found" in result.stdout


def test_output_cut_short_by_its_reader_ends_without_a_traceback() -> None:
    """`python -m srm_build check content | head -1`: the pipe closes before `check` writes,
    and it exits non-zero with nothing on stderr (Python raises BrokenPipeError there)."""
    read, write = os.pipe()
    os.close(read)  # every write to `write` now fails with EPIPE
    try:
        result = subprocess.run(
            [sys.executable, "-m", "srm_build", "check", "content"],
            cwd=Path(__file__).parent.parent,
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    finally:
        os.close(write)
    assert result.returncode == 1 and result.stderr == ""
