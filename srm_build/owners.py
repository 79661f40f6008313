"""Owner claims agree with the one source of truth: the service matrix.

Every item that says who owns something declares what it claims, so the build can compare:

- a scenario or a sort item names its `layer` (and usually its `service`), or lists the
  `claims` of its parts; its `responsible` / `owner` is what it claims;
- a table row's `claims` map layers to the owner the row teaches, for each service the row
  names (or for every service when it names none); services that differ are listed as
  `exceptions`, and the row's notes must name them;
- a table row about a service model (`model`) or one of the older framing's categories
  (`category`) lists every service of it, so none is left out of the comparison;
- an option of a choice question, or a true/false statement, may carry a `claim`, or
  `claims` for its parts: the option is right, or the statement true, exactly when the matrix
  agrees with every part. An option or statement that names a party as its answer, as who
  does something in any of its clauses, or as whose a duty is, must carry a claim for each
  party it names (`parties_named`).

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
    Option,
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
    r"(?:AWS|Amazon Web Services|Amazon|(?:[Tt]he|[Ee]ach|[Ee]very) customers?|[Cc]ustomers?"
    r"|[Yy]ou|[Bb]oth parties|[Ee]ach party)"
)
"""The names the model's two parties go by. 'Amazon' counts only alone: 'Amazon S3' and
'AWS Lambda' are services, and a capitalised next word is how a service name goes on."""

_OPENS_A_CLAUSE = (
    r"(?:and|but|or|nor|so|yet|then|because|since|as|while|whereas|although|though|if|unless"
    r"|until|when|whenever|once|where|that|which|who|than|whether|how)"
)
"""Words after which a new clause, with a subject of its own, can start: "…, so the customer
also secures …", "… an AMI that AWS published"."""

_NAMES_A_PARTY = re.compile(
    # a party as the whole answer: "AWS", "Amazon", "Customer", "Both parties", "The customer's"
    rf"^(?P<whole>{_PARTY}|Both)(?:'s)?[.!]?$"
    # or as the subject of any clause, followed by what it does: "AWS patches ...",
    # "On Amazon EC2, AWS patches ...", "None; AWS handles them", "..., so the customer also
    # secures ...", "... an AMI that AWS published" ("AWS's network is ..." is not: a possessive
    # only says whose the next noun is; nor is "the AWS environment": a determiner before
    # AWS makes it a modifier of the next noun, not a party)
    rf"|(?:^|[,;:(\u2013\u2014]\s*|\b{_OPENS_A_CLAUSE}\s+)(?P<subject>{_PARTY})(?=\s+[a-z])"
    # or "the customer" / "each customer" / "you" with what it does, wherever it stands:
    # "… hardware the customer rents", "… leaves the customer nothing to do"
    r"|\b(?P<definite>(?:[Tt]he|[Ee]ach|[Ee]very) customers?|[Yy]ou)(?=\s+[a-z])"
    # or as the one who does it: "... run by AWS", "... by the customer"
    rf"|\bby\s+(?P<agent>{_PARTY})(?![\w'-]|\s+[A-Z])"
    # or as the owner, by a possessive that ends the clause or names the duty: "... is the
    # customer's.", "Security is AWS's responsibility"
    rf"|(?P<owns>{_PARTY})'s(?=\s*(?:[.,;:!?)]|$)"
    r"|\s+(?:responsibility|responsibilities|job|duty|duties|task|concern|problem|call|alone)\b)"
    # or the opening forms: "AWS, through ...", "Each customer, for ...", "Both, in equal
    # parts" ("The customer's application code" is not: it names a thing, and whose it is)
    rf"|^(?P<opening>{_PARTY}(?![ -][A-Z]|[-'\u2019])\b|Both(?:,| AWS| equally))"
)
"""A text that names a party as its answer, or as who does something in any of its clauses,
or as whose a duty is, is an owner claim. No library at hand parses who the subject of an
English clause is (a tagger needs model data this build does not ship); this matches the forms
English gives a subject, and is tested both ways (tests/test_owners.py) and against the
content (`check content` stays clean). When in doubt it finds a party: a needless claim costs
an author one line, a missed one lets an unchecked owner through."""

_EMPHASIS = re.compile(r"[*_`]+")
"""Markdown emphasis and code marks, which do not change who a text names."""


def _owner_named(party: str) -> Owner:
    words = set(re.findall(r"[a-z]+", party.lower()))
    if words & {"both", "party", "parties"}:  # "Both AWS and the customer" is both
        return "shared"
    return "aws" if words & {"aws", "amazon"} else "customer"


def parties_named(text: str) -> set[Owner]:
    """The owners `text` (an option or a true/false statement, in Markdown) names as its
    answer, as the one who does something in any of its clauses, or as whose a duty is; empty
    when it names none. Any such text is an owner claim, so must carry a `claim` (or `claims`,
    one per party it names)."""
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


_NAMES_A_GROUP = re.compile(
    r"\b(?:(?P<iaas>IaaS|infrastructure as a service)|(?P<paas>PaaS|platform as a service)"
    r"|(?P<saas>SaaS|software as a service)|(?P<infrastructure>infrastructure services?)"
    r"|(?P<container>container services?)|(?P<abstracted>abstracted services?))\b",
    re.IGNORECASE,
)
"""A row label or id that names a service model ("Platform as a service (PaaS)", "paas") or
one of the older framing's categories ("Abstracted services", "container-services")."""

_GROUP_NAMES = {
    "iaas": "IaaS",
    "paas": "PaaS",
    "saas": "SaaS",
    "infrastructure": "infrastructure",
    "container": "container",
    "abstracted": "abstracted",
}
_CATEGORIES = ("infrastructure", "container", "abstracted")


def _row_group(row: TableRow, label: str, matrix: Matrix) -> Iterator[Problem]:
    """A row about a service model or category stands for every service of it: it says which
    (`model` or `category`, the field a service gives the same value in), and its `services`
    are exactly the matrix's services of it, so no service can be left out to dodge a
    disagreement (the rest is up to `exceptions`)."""
    field, group = ("category", row.category) if row.category else ("model", row.model)
    if group is None:
        for text, key in ((row.label, "label"), (row.id, "id")):
            found = _NAMES_A_GROUP.search(text.replace("-", " "))
            if found:
                group = found.lastgroup or ""
                field = "category" if group in _CATEGORIES else "model"
                yield row.where.problem(
                    f"{label}is about {_GROUP_NAMES[group]} services ('{found.group()}'), but "
                    f"says no '{field}'; add '{field}: {group}' so the build checks it against "
                    f"every {_GROUP_NAMES[group]} service",
                    key,
                )
                return
        return
    of_group = [s.id for s in matrix.services.values() if getattr(s, field) == group]
    missing = [ident for ident in of_group if ident not in row.services]
    others = [ident for ident in row.services if ident in matrix.services and ident not in of_group]
    if missing or others:
        wrong = [f"add {', '.join(missing)}"] if missing else []
        wrong += [f"remove {', '.join(others)} (not {_GROUP_NAMES[group]})"] if others else []
        yield row.where.problem(
            f"{label}is about every {_GROUP_NAMES[group]} service, so its 'services' must "
            f"list each one the matrix has: {'; '.join(wrong)}",
            "services",
        )


def _table_rows(content: Content, matrix: Matrix) -> Iterator[Problem]:
    for table in content.of_type(Table):
        for row in table.rows:
            label = f"table '{table.id}': row '{row.id}': "
            yield from _row_group(row, label, matrix)
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
        for option in question.options:
            yield from _text_claims(matrix, question.id, option, option.id in question.correct)


def _statements(content: Content, matrix: Matrix) -> Iterator[Problem]:
    for question in content.of_type(TrueFalse):
        yield from _text_claims(matrix, question.id, question, question.answer)


def _text_claims(
    matrix: Matrix, question: str, said: Option | TrueFalse, right: bool
) -> Iterator[Problem]:
    """An option of `question` that is `right` (or a true/false statement whose answer is
    `right`) that names parties claims something of each, so it carries a claim whose owner
    is each party it names (more claims are welcome: the detection of parties is by wording,
    and may miss one). It is right (the statement true) exactly when the matrix agrees with
    every one of its claims: "AWS does X and the customer does Y" is wrong as soon as either
    half is."""
    if isinstance(said, Option):
        text, field, at_verdict = said.text, "text", None
        label = f"question '{question}': option '{said.id}' "
        verdict = f"{label}is {'a right' if right else 'a wrong'} answer"
        claim_label = f"question '{question}': option '{said.id}': "
    else:
        text, field, at_verdict = said.prompt, "prompt", ("answer",)
        label = f"question '{question}': the statement "
        verdict = f"question '{question}': answer is {str(right).lower()}"
        claim_label = f"question '{question}': "
    named, parts = parties_named(text), said.parts
    if not parts:
        if named:
            says = "names who owns something" if field == "text" else "says what a party does"
            yield said.where.problem(
                f"{label}{says}, but carries no 'claim' the build can check", field
            )
        return
    key: tuple[str | int, ...] = ("claim",) if said.claim else ("claims",)
    owners = {claim.owner for claim in parts}
    # each party the text names needs a claim of its own ("Both" is met by parts that differ);
    # a claim for a party the detection missed is welcome, so only missing ones are errors
    covered = owners | ({"shared"} if combined(owners) == "shared" else set())
    if not named <= covered:
        yield said.where.problem(
            f"{label}names {_owners(named)}, but its "
            f"{'claim is' if len(parts) == 1 else 'claims are'} for {_owners(owners)}; give "
            f"each party it names a claim for what it says that party does",
            *key,
        )
        return
    found = [(i, claim, *matrix.truth(claim.layer, claim.service)) for i, claim in enumerate(parts)]
    for i, _claim, truth, what in found:
        if truth is None and what:
            yield said.where.problem(
                f"{claim_label}claim {what}",
                *_part(key, i, len(parts)),
            )
    checked = [(i, claim, truth, what) for i, claim, truth, what in found if truth is not None]
    if len(checked) < len(parts):
        return
    wrong = [(i, claim, truth, what) for i, claim, truth, what in checked if truth != claim.owner]
    if right and wrong:
        for i, claim, truth, what in wrong:
            yield said.where.problem(
                f"{verdict}, but its claim ('{claim.owner}') disagrees with the "
                f"service matrix, which says {OWNER_LABELS[truth]} owns {what}",
                *(at_verdict or _part(key, i, len(parts))),
            )
    elif not right and not wrong:
        agree = "; ".join(
            f"{OWNER_LABELS[truth]} owns {what}" for _i, _claim, truth, what in checked
        )
        yield said.where.problem(
            f"{verdict}, but {'its claim' if len(parts) == 1 else 'every one of its claims'} "
            f"('{_owners(owners, quoted=True)}') agrees with the service matrix, which says "
            f"{agree}",
            *(at_verdict or key),
        )


def _part(key: tuple[str | int, ...], i: int, count: int) -> tuple[str | int, ...]:
    """Where part `i` of an option's claims was written."""
    return key if count == 1 and key == ("claim",) else (*key, i)


def _owners(owners: set[Owner], quoted: bool = False) -> str:
    names = sorted(owners) if quoted else sorted(OWNER_LABELS[o] for o in owners)
    return "', '".join(names) if quoted else " and ".join(names)
