"""Owner claims agree with the one source of truth: the service matrix.

Every item that says who owns something declares what it claims, so the build can compare:

- a scenario or a sort item names its `layer` (and usually its `service`), or lists the
  `claims` of its parts; its `responsible` / `owner` is what it claims;
- a table row's `claims` map layers to the owner the row teaches, for each service the row
  names (or for every service when it names none); services that differ are listed as
  `exceptions`, and the row's notes must name them;
- an option of a choice question, or a true/false statement, may carry a `claim`: the option
  is right, or the statement true, exactly when the matrix agrees with it. An option that
  names a party as its answer ("AWS", "The customer", "Both"), or a statement that opens
  with one, must carry one.

The truth for a claim is the matrix cell of its service and layer; for a layer without a
service, the owner every service agrees on (a claim about a layer where services differ is
itself an error: the build cannot tell which service it means); for the whole stack, shared.
Checks run only when the content has a service matrix (fixture sites may have none).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .errors import Problem
from .models import (
    OWNER_LABELS,
    Claim,
    Content,
    Model,
    MultipleChoice,
    Owner,
    RowClaim,
    Scenario,
    Service,
    SingleChoice,
    Sort,
    Table,
    TableRow,
    TrueFalse,
)

_PARTY = (
    r"(?:AWS|Amazon Web Services|Amazon|[Tt]he customers?|[Cc]ustomers?|[Yy]ou"
    r"|[Bb]oth parties|[Ee]ach party)"
)
"""The names the model's two parties go by. 'Amazon' counts only alone: 'Amazon S3' and
'AWS Lambda' are services, and a capitalised next word is how a service name goes on."""

_NAMES_A_PARTY = re.compile(
    # a party as the whole answer: "AWS", "Amazon", "Customer", "Both parties", "The customer's"
    rf"^(?P<whole>{_PARTY}|Both)(?:'s)?[.!]?$"
    # or as the subject of the text or of one of its clauses, followed by what it does:
    # "AWS patches ...", "On Amazon EC2, AWS patches ...", "None; AWS handles them"
    # ("AWS's network is ..." is not: a possessive only says whose the next noun is)
    rf"|(?:^|[,;:]\s+)(?P<subject>{_PARTY})(?=\s+[a-z])"
    # the older opening forms: "AWS, through ...", "The customer, by ...", "Both, in equal parts"
    # ("The customer's application code" is not: it names a thing, and whose it is)
    r"|^(?P<opening>AWS(?![ -][A-Z]|-|'s\s)\b|The customer(?!'s)\b|You\b|Both(?:,| AWS| equally))"
)
"""A text that names a party as its answer, or as who does something, is an owner claim.
No library parses who the subject of an English sentence is; this matches the forms the
content uses and is tested against it (`check content` stays clean)."""

_EMPHASIS = re.compile(r"[*_`]+")
"""Markdown emphasis and code marks, which do not change who a text names."""


def _owner_named(party: str) -> Owner:
    word = re.findall(r"[a-z]+", party.lower())[0]
    if word in ("aws", "amazon"):
        return "aws"
    return "shared" if word in ("both", "each") else "customer"


def parties_named(text: str) -> set[Owner]:
    """The owners `text` (an option or a true/false statement, in Markdown) names as its
    answer or as the one who does something; empty when it names none. Any such text is an
    owner claim, so must carry a `claim`."""
    plain = _EMPHASIS.sub("", text).strip()
    return {
        _owner_named(next(g for g in match.groups() if g))
        for match in _NAMES_A_PARTY.finditer(plain)
    }


def combined(owners: Iterable[Owner]) -> Owner | None:
    """One owner for several parts: the owner they share, or shared when they differ."""
    found = set(owners)
    if not found:
        return None
    return found.pop() if len(found) == 1 else "shared"


class Matrix:
    """The service matrix as the truth for claims."""

    def __init__(self, content: Content) -> None:
        self.services = {s.id: s for s in content.of_type(Service)}
        self.layers = {layer.id: layer for layer in content.layers}

    def truth(self, layer: str | None, service: str | None) -> tuple[Owner | None, str]:
        """The owner the matrix gives, and how to name the cell in a message; None as owner
        when the claim cannot be checked (the string then says why)."""
        if (service is not None and service not in self.services) or (
            layer is not None and layer not in self.layers
        ):
            return None, ""  # an unknown id, reported by the reference checks
        services = [self.services[service]] if service else list(self.services.values())
        if layer is None:
            what = f"the whole stack of {services[0].name}" if service else "the whole stack"
            cells = [s.owner_of(lid) for s in services for lid in self.layers]
            return combined(c for c in cells if c), what
        name = self.layers[layer].name
        if service:
            return services[0].owner_of(layer), f"{name} for {services[0].name}"
        owners = {s.id: s.owner_of(layer) for s in services}
        if len(set(owners.values())) > 1:
            return None, (
                f"claims an owner for {name} without naming a service, but services differ "
                f"there ({_spread(owners, self.services)}); name the service"
            )
        return next(iter(owners.values())), f"{name} for every service"


def _spread(owners: dict[str, Owner | None], services: dict[str, Service]) -> str:
    by_owner: dict[str, list[str]] = {}
    for ident, owner in owners.items():
        by_owner.setdefault(OWNER_LABELS[owner] if owner else "?", []).append(services[ident].name)
    return "; ".join(f"{owner}: {', '.join(names)}" for owner, names in sorted(by_owner.items()))


def check_owner_claims(content: Content) -> list[Problem]:
    """Every owner claim agrees with the service matrix, and none is left uncheckable."""
    if not content.of_type(Service) or not content.layers:
        return []
    matrix = Matrix(content)
    checks = (_items, _table_rows, _choices, _statements)
    return [problem for check in checks for problem in check(content, matrix)]


def _claims_of(item: Scenario | Model) -> list[Claim] | None:
    """A scenario's or sort item's claims: its parts, or its own layer and service."""
    parts = getattr(item, "claims", [])
    if parts:
        return list(parts)
    layer, service = getattr(item, "layer", None), getattr(item, "service", None)
    if layer is None:
        return None
    owner = item.responsible if isinstance(item, Scenario) else item.owner  # type: ignore[attr-defined]
    return [Claim(owner=owner, layer=layer, service=service)]


def _agree(
    matrix: Matrix, item: Model, label: str, claims: list[Claim], said: Owner, field: str
) -> Iterator[Problem]:
    """Each part agrees with the matrix, and the parts together make `said`.

    The comparison with `said` runs for any number of parts: one customer part under an
    `owner: aws` is as much a contradiction as two parts that combine to shared."""
    for i, claim in enumerate(claims):
        key: tuple[str | int, ...] = ("claims", i) if len(getattr(item, "claims", [])) else (field,)
        owner, what = matrix.truth(claim.layer, claim.service)
        if owner is None:
            if what:
                yield item.where.problem(f"{label}{what}", *key)
        elif owner != claim.owner:
            yield item.where.problem(
                f"{label}{field if key == (field,) else 'claim'} is '{claim.owner}', but the "
                f"service matrix says {OWNER_LABELS[owner]} owns {what}",
                *key,
            )
    together = combined(c.owner for c in claims)
    if together != said:
        yield item.where.problem(
            f"{label}{field} is '{said}', but its claims together make it '{together}'", field
        )


def _items(content: Content, matrix: Matrix) -> Iterator[Problem]:
    """Scenarios and sort items: each states one owner and says which cells it stands for."""
    stated: list[tuple[Model, str, str, str]] = [
        (s, f"scenario '{s.id}': ", "responsible", "is responsible")
        for s in content.of_type(Scenario)
    ]
    stated += [
        (item, f"sort item '{item.id}': ", "owner", "owns it")
        for sort in content.of_type(Sort)
        for item in sort.items
    ]
    for item, label, field, says in stated:
        claims = _claims_of(item)  # type: ignore[arg-type]
        if claims is None:
            yield item.where.problem(
                f"{label}says who {says}, but names no layer the build can check it "
                f"against; give it a 'layer' (and 'service'), or 'claims' for its parts",
                field,
            )
            continue
        yield from _agree(matrix, item, label, claims, getattr(item, field), field)


_NAMES_A_MODEL = re.compile(
    r"\b(?:(?P<iaas>IaaS|infrastructure as a service)|(?P<paas>PaaS|platform as a service)"
    r"|(?P<saas>SaaS|software as a service))\b",
    re.IGNORECASE,
)
"""A row label or id that names a service model ("Platform as a service (PaaS)", "paas")."""


def _row_model(row: TableRow, label: str, matrix: Matrix) -> Iterator[Problem]:
    """A row about a service model stands for every service of that model: it says which
    model (`model`), and its `services` are exactly the matrix's services of that model, so
    no service can be left out to dodge a disagreement (the rest is up to `exceptions`)."""
    if row.model is None:
        for text, key in ((row.label, "label"), (row.id, "id")):
            found = _NAMES_A_MODEL.search(text.replace("-", " "))
            if found:
                model = found.lastgroup or ""
                yield row.where.problem(
                    f"{label}is about {_MODEL_NAMES[model]} services ('{found.group()}'), but "
                    f"says no 'model'; add 'model: {model}' so the build checks it against "
                    f"every {_MODEL_NAMES[model]} service",
                    key,
                )
                return
        return
    of_model = [s.id for s in matrix.services.values() if s.model == row.model]
    missing = [ident for ident in of_model if ident not in row.services]
    others = [ident for ident in row.services if ident in matrix.services and ident not in of_model]
    if missing or others:
        wrong = [f"add {', '.join(missing)}"] if missing else []
        wrong += [f"remove {', '.join(others)} (not {_MODEL_NAMES[row.model]})"] if others else []
        yield row.where.problem(
            f"{label}is about every {_MODEL_NAMES[row.model]} service, so its 'services' must "
            f"list each one the matrix has: {'; '.join(wrong)}",
            "services",
        )


_MODEL_NAMES = {"iaas": "IaaS", "paas": "PaaS", "saas": "SaaS"}


def _table_rows(content: Content, matrix: Matrix) -> Iterator[Problem]:
    for table in content.of_type(Table):
        for row in table.rows:
            label = f"table '{table.id}': row '{row.id}': "
            yield from _row_model(row, label, matrix)
            claimed = {owner for c in row.claims.values() for owner in [_row_owner(c)]}
            for column in ("aws", "customer", "shared"):
                if getattr(row, column) and column not in claimed:
                    yield row.where.problem(
                        f"{label}lists what {OWNER_LABELS[column]} does, but claims no layer "
                        f"for it the build can check; add it to the row's 'claims'",
                        column,
                    )
            for layer, claim in row.claims.items():
                owner = _row_owner(claim)
                if not getattr(row, owner):
                    yield row.where.problem(
                        f"{label}claims {OWNER_LABELS[owner]} owns "
                        f"{matrix.layers[layer].name if layer in matrix.layers else layer}, but "
                        f"lists nothing under '{owner}'",
                        "claims",
                        layer,
                    )
                yield from _row_claim(matrix, row, label, layer, claim)


def _row_owner(claim: Owner | RowClaim) -> Owner:
    return claim.owner if isinstance(claim, RowClaim) else claim


def _row_claim(
    matrix: Matrix, row: Model, label: str, layer: str, claim: Owner | RowClaim
) -> Iterator[Problem]:
    owner = _row_owner(claim)
    exceptions = claim.exceptions if isinstance(claim, RowClaim) else []
    services: list[str | None] = list(row.services) or [None]  # type: ignore[attr-defined]
    for ident in exceptions:
        if ident not in row.services:  # type: ignore[attr-defined]
            yield row.where.problem(
                f"{label}exception '{ident}' is not one of the row's services", "claims", layer
            )
    for service in services:
        truth, what = matrix.truth(layer, service)
        if truth is None:
            if what:
                yield row.where.problem(f"{label}{what}", "claims", layer, of_key=True)
            continue
        excepted = service in exceptions
        if truth != owner and not excepted:
            yield row.where.problem(
                f"{label}claims {OWNER_LABELS[owner]} owns {matrix.layers[layer].name}, but the "
                f"service matrix says {OWNER_LABELS[truth]} owns {what}; fix the row, or list "
                f"'{service}' in its exceptions and say how it differs in the row's notes",
                "claims",
                layer,
            )
        elif excepted and truth == owner:
            yield row.where.problem(
                f"{label}'{service}' is listed as an exception for "
                f"{matrix.layers[layer].name}, but the matrix agrees with the row there",
                "claims",
                layer,
            )
        elif excepted:
            name = matrix.services[service].name  # type: ignore[index]
            notes = row.notes or ""  # type: ignore[attr-defined]
            if name not in notes:
                yield row.where.problem(
                    f"{label}{name} differs for {matrix.layers[layer].name}; the row's notes "
                    f"must say so",
                    "claims",
                    layer,
                )


def _choices(content: Content, matrix: Matrix) -> Iterator[Problem]:
    for question in content.of_type(SingleChoice) + content.of_type(MultipleChoice):
        label = f"question '{question.id}': "
        for i, option in enumerate(question.options):
            right = option.id in question.correct
            if option.claim is None:
                if parties_named(option.text):
                    yield option.where.problem(
                        f"{label}option '{option.id}' names who owns something, but carries "
                        f"no 'claim' the build can check",
                        "text",
                    )
                continue
            named = parties_named(option.text)
            if len(named) == 1 and option.claim.owner not in named:
                yield option.where.problem(
                    f"{label}option '{option.id}' names {OWNER_LABELS[named.pop()]}, but its "
                    f"claim's owner is '{option.claim.owner}'; the claim must say what the "
                    f"option says",
                    "claim",
                    "owner",
                )
                continue
            yield from _option_claim(matrix, question, label, i, option.id, option.claim, right)


def _option_claim(
    matrix: Matrix, question: Model, label: str, i: int, ident: str, claim: Claim, right: bool
) -> Iterator[Problem]:
    truth, what = matrix.truth(claim.layer, claim.service)
    option = question.options[i]  # type: ignore[attr-defined]
    if truth is None:
        if what:
            yield option.where.problem(f"{label}option '{ident}': claim {what}", "claim")
    elif (truth == claim.owner) != right:
        verdict = "a right answer" if right else "a wrong answer"
        yield option.where.problem(
            f"{label}option '{ident}' is {verdict}, but its claim ('{claim.owner}') "
            f"{'disagrees' if right else 'agrees'} with the service matrix, which says "
            f"{OWNER_LABELS[truth]} owns {what}",
            "claim",
        )


def _statements(content: Content, matrix: Matrix) -> Iterator[Problem]:
    for question in content.of_type(TrueFalse):
        if question.claim is None:
            if parties_named(question.prompt):
                yield question.where.problem(
                    f"question '{question.id}': the statement says what a party does, but "
                    f"carries no 'claim' the build can check",
                    "prompt",
                )
            continue
        claim = question.claim
        truth, what = matrix.truth(claim.layer, claim.service)
        label = f"question '{question.id}': "
        if truth is None:
            if what:
                yield question.where.problem(f"{label}claim {what}", "claim")
        elif (truth == claim.owner) != question.answer:
            yield question.where.problem(
                f"{label}answer is {str(question.answer).lower()}, but its claim "
                f"('{claim.owner}') {'agrees' if truth == claim.owner else 'disagrees'} with "
                f"the service matrix, which says {OWNER_LABELS[truth]} owns {what}",
                "answer",
            )
