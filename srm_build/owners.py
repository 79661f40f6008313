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

import functools
import re
from collections.abc import Iterable, Iterator

from .errors import Problem
from .items.claims import OwnerStatement
from .models import (
    OWNER_LABELS,
    OWNERS,
    Claim,
    Content,
    Misconception,
    Model,
    MultipleChoice,
    Option,
    Owner,
    QuestionBase,
    RowClaim,
    Scenario,
    Service,
    SingleChoice,
    Sort,
    Table,
    TableRow,
    Term,
    TrueFalse,
)

_PARTY = (
    r"(?i:amazon web services|the cloud provider|cloud provider|the provider"
    r"|(?:aws|amazon|the customer|customers?)(?:'s|')\s+(?:team|staff|engineers|employees|people"
    r"|operators|administrators|admins|developers)"
    r"|your (?:team|staff|engineers|employees|people|company|organi[sz]ation|administrators"
    r"|admins|developers)"
    r"|(?:the|a|an|each|every|any) (?:aws )?customers?|(?:aws )?customers?"
    r"|you|both parties|each party|aws|amazon)"
)
"""The names the model's two parties go by, in any case: AWS, Amazon, the cloud provider, AWS's
engineers; the (AWS) customer, you, your team; both parties. 'Amazon' and 'AWS' count only
alone: 'Amazon S3' and 'AWS Lambda' are services, and a capitalised next word is how a service
name goes on (the patterns below check that outside the case-insensitive part)."""

_OPENS_A_CLAUSE = (
    r"(?:and|but|or|nor|so|yet|then|because|since|as|while|whereas|although|though|if|unless"
    r"|until|when|whenever|once|where|that|which|who|than|whether|how"
    r"|does|do|did|must|should|can|will|would|is|are)"
)
"""Words after which a new clause, with a subject of its own, can start: "…, so the customer
also secures …", "… an AMI that AWS published", and a question's "What does AWS take on?"."""

_DUTY = (
    r"(?:responsibility|responsibilities|job|jobs|duty|duties|task|tasks|concern|problem|call"
    r"|burden|alone)"
)
"""Nouns that say whose a duty is: "AWS's job", "a customer duty"."""


class _LazyPattern:
    """A regular expression compiled on its first use: the two long party patterns below
    take a few ms to compile, which every build and `check` paid at import, even for a
    site without a service matrix, where no owner check runs."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str):  # finditer, search, ...: the compiled pattern's
        if self._compiled is None:
            self._compiled = re.compile(*self._source)
        return getattr(self._compiled, name)


_A_PARTY_WORD = re.compile(r"(?i:aws|amazon|provider|customer|you|both|party|parties|shared)")
"""A word that every party name (`_PARTY`, and "Both" and "Shared" as a whole answer) holds:
a text without one names no party, which one search for these words tells at a fraction of
the cost of the patterns below (most options and sentences name none). Same regex engine,
same case folding, so it skips nothing those patterns would find."""

_NAMES_A_PARTY = _LazyPattern(
    # a party as the whole answer: "AWS", "Amazon", "Customer", "Both parties", "The customer's",
    # "Shared", "The cloud provider"
    rf"^(?P<whole>{_PARTY}|Both|Shared)(?:'s|')?[.!]?$"
    # or as the subject of any clause, followed by what it does: "AWS patches ...",
    # "On Amazon EC2, AWS patches ...", "None; AWS handles them", "..., so the customer also
    # secures ...", "... an AMI that AWS published", "Only AWS patches", "What does AWS do?"
    # ("AWS's network is ..." is not: a possessive only says whose the next noun is, unless
    # the noun is people, "AWS's engineers patch"; nor is "the AWS environment": a determiner
    # before AWS makes it a modifier of the next noun, not a party)
    rf"|(?:^|[,;:(\u2013\u2014]\s*|\b{_OPENS_A_CLAUSE}\s+)(?:(?i:only|just|also|even|then)\s+)?"
    rf"(?P<subject>{_PARTY})(?=\s+[a-z])"
    # or "the customer" / "each customer" / "you" with what it does, wherever it stands:
    # "… hardware the customer rents", "… leaves the customer nothing to do"
    r"|\b(?P<definite>(?i:(?:the|each|every) (?:aws )?customers?|you|your team))(?=\s+[a-z])"
    # or as the one who does it, or to whom it falls: "... run by AWS", "... by the customer",
    # "falls to AWS", "patched through Amazon", "We at Amazon patch"
    rf"|\b(?i:by|to|through|via|at|upon|not)\s+(?P<agent>{_PARTY})(?![\w'-]|\s+[A-Z0-9])"
    # or as the owner, by a possessive that ends the clause or names the duty, or by naming
    # the duty after it: "... is the customer's.", "Security is AWS's responsibility", "is the
    # customers' job", "is a customer duty"
    rf"|(?P<owns>{_PARTY})(?:(?:'s|')(?=\s*(?:[.,;:!?)]|$))|(?:'s|')?(?=\s+{_DUTY}\b))"
    # or as who manages it: "is AWS-managed", "customer-managed keys"
    rf"|\b(?P<managed>{_PARTY})-(?i:managed|owned|operated|run|patched|controlled|maintained)\b"
    # or the opening forms: "AWS, through ...", "Each customer, for ...", "Both, in equal
    # parts" ("The customer's application code" is not: it names a thing, and whose it is)
    rf"|^(?P<opening>{_PARTY}(?![ -][A-Z]|[-'\u2019])\b|Both(?:,| AWS| equally))"
)
"""A text that names a party as its answer, or as who does something in any of its clauses,
or as whose a duty is, is an owner claim. No library at hand parses who the subject of an
English clause is (a tagger needs model data this build does not ship); this matches the forms
English gives a subject, and is tested both ways (tests/test_owners.py) and against the
content (`check content` stays clean). When in doubt it finds a party: a needless claim costs
an author one line, a missed one lets an unchecked owner through. What it cannot catch: a
party named only through a possessive of a thing ("AWS's network is monitored"), or by a
pronoun ("they patch it")."""

_ASKS_ABOUT_A_PARTY = _LazyPattern(
    # whose duty the prompt asks about: "Which of these is AWS's responsibility?", "… are the
    # customer's?", "… the customer's job with AWS Lambda?"
    rf"(?P<owns>{_PARTY})(?:'s|')(?=\s*(?:[.,;:!?)]|$))|(?P<duty>{_PARTY})(?:'s|')\s+{_DUTY}\b"
    # or what a party does: "What does AWS take on …?", "… which operating system does AWS
    # patch?", "What is left for the customer to do?"
    rf"|\b(?i:does|do|must|should|will)\s+(?P<asks>{_PARTY})\s+(?i:take|do|patch|own|look"
    r"|handle|secure|manage|run|operate|control)\b"
    rf"|\b(?i:for)\s+(?P<left>{_PARTY})\s+to\s+do\b"
)
"""A question's prompt that asks what a party owns or does: every option of it then says
something that party does, so is an owner claim about it."""

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"[*_`]+")
"""Markdown links (kept: their text) and emphasis and code marks, which do not change who a
text names."""


@functools.lru_cache(maxsize=4096)
def plain(text: str) -> str:
    """`text` (Markdown) as words: links reduced to their text, emphasis dropped, curly
    apostrophes made straight, whitespace collapsed. Cached: the checks read the same
    prompts, options and names many times over (`check` spends a fifth of its time here)."""
    text = _EMPHASIS.sub("", _LINK.sub(r"\1", text))
    return " ".join(text.replace("\u2019", "'").replace("\u2018", "'").split())


@functools.lru_cache(maxsize=4096)
def parties_asked(prompt: str) -> frozenset[Owner]:
    """The owners a question's `prompt` asks about ("Which of these is AWS's job?"): each
    option of the question is then a claim about them. Cached: every option reads its
    question's prompt."""
    words = plain(prompt)
    if not _A_PARTY_WORD.search(words):
        return frozenset()
    return frozenset(
        _owner_named(next(g for g in match.groups() if g))
        for match in _ASKS_ABOUT_A_PARTY.finditer(words)
    )


def _owner_named(party: str) -> Owner:
    words = set(re.findall(r"[a-z]+", party.lower()))
    if words & {"both", "party", "parties", "shared"}:  # "Both AWS and the customer" is both
        return "shared"
    if words & {"customer", "customers", "you", "your"}:  # "the AWS customer" is a customer
        return "customer"
    return "aws"


@functools.lru_cache(maxsize=4096)
def parties_named(text: str) -> frozenset[Owner]:
    """The owners `text` (an option, a true/false statement or a question's prompt, in
    Markdown) names as its answer, as the one who does something in any of its clauses, or as
    whose a duty is; empty when it names none. Any such text is an owner claim, so must carry
    a `claim` (or `claims`, one per party it names). Cached (a question's options and
    sentences recur across the checks), so the set is frozen."""
    words = plain(text)
    if not _A_PARTY_WORD.search(words):
        return frozenset()
    return frozenset(
        _owner_named(next(g for g in match.groups() if g))
        for match in _NAMES_A_PARTY.finditer(words)
    )


_NEGATION = re.compile(
    r"(?i:\b(?:not|never|no longer|no|none|nothing|neither|nor|cannot|without)\b|n't\b)"
)
_MENTION = re.compile(r"(?i:\b(?:aws|amazon|customers?|you|your|provider|we)\b)(?![ -]+[A-Z0-9])")
_CLAUSE_BREAK = re.compile(
    r"[,;:.!?()\u2013\u2014]|\b(?:and|but|or|so|yet|because|while|whereas|although|though"
    r"|unless|until|when|where|which|who)\b"
)


def negation(text: str) -> str | None:
    """The negating word of the first clause of `text` that names a party and negates
    ("AWS does not patch", "the customer never", "…, not AWS", "has no part"), or None.

    An owner statement in the negative says who does *not* do something, which the matrix
    cannot check as a claim of an owner (and "AWS does not patch X" marked false with an AWS
    claim would pass reversed): such statements are refused, and authors state the owner
    positively. Clauses are cut at punctuation and conjunctions, so "Nothing; AWS handles it"
    is not negated."""
    for clause in _CLAUSE_BREAK.split(plain(text)):
        found = _NEGATION.search(clause)
        if found and _MENTION.search(clause):
            return found.group()
    return None


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
        self._layer_words = _Names({lid: [x.name, *x.names] for lid, x in self.layers.items()})
        self._service_words = _Names({sid: [x.name, *x.names] for sid, x in self.services.items()})

    def layers_named(self, text: str) -> set[str]:
        """The layers `text` names, by a layer's name or one of its `names`. The longest word
        wins where two overlap: "data centres" names the facilities, not the customer's data."""
        words = plain(text)
        found = sorted(
            (
                (m.start(), m.end(), lid)
                for lid, pattern in self._layer_words.candidates(words)
                for m in pattern.finditer(words)
            ),
            key=lambda hit: hit[0] - hit[1],
        )
        taken: list[tuple[int, int]] = []
        named = set()
        for start, end, lid in found:
            if all(end <= s or start >= e for s, e in taken):
                taken.append((start, end))
                named.add(lid)
        return named

    def services_named(self, text: str) -> set[str]:
        """The services `text` names, by a service's name or one of its `names`."""
        words = plain(text)
        return {
            sid for sid, pattern in self._service_words.candidates(words) if pattern.search(words)
        }

    def tie(self, claim: Claim, text: str, context: str = "") -> str | None:
        """Why `claim` is not tied to the `text` that makes it (and the `context` it is read
        in, such as the question's prompt), or None when it is: its layer must be one the text
        or context names (a layerless claim, about the whole stack, needs a text that names
        the whole stack), and a service the text names must be its service."""
        named = self.services_named(text) or self.services_named(context)
        if named and claim.service not in named:
            names = " or ".join(self.services[sid].name for sid in sorted(named))
            return f"names {names}, so its claim must say 'service: {sorted(named)[0]}'" + (
                f" (not '{claim.service}')" if claim.service else ""
            )
        if claim.layer is None:
            if _WHOLE_STACK.search(plain(f"{text} {context}")):
                return None
            return (
                "has a claim without a 'layer'; give the layer the text names (a claim about "
                "the whole stack is only for a text that names it: 'all security', 'every "
                "layer', 'security and compliance')"
            )
        if claim.layer not in self.layers:
            return None  # an unknown id, reported by the reference checks
        if claim.layer in self.layers_named(f"{text} {context}"):
            return None
        layer = self.layers[claim.layer]
        return (
            f"claims an owner for {layer.name}, but its text does not name that layer (its "
            f"words: {', '.join([layer.name, *layer.names])}); claim the layer the text is "
            f"about, or add the word the text uses to the layer's 'names'"
        )

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


def _words(names: list[str]) -> re.Pattern[str]:
    """Any of `names` as whole words, in any case."""
    alternatives = "|".join(re.escape(plain(n)) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


_TOKEN = re.compile(r"[a-z0-9]+")


def _first_words(names: list[str]) -> set[str] | None:
    """The first word (a run of ASCII letters and digits, lowercased) of each of `names`:
    where `_words(names)` matches, the match is bounded by no word character, so the text
    holds that word as a whole token. None when a name is not ASCII or holds no such word."""
    firsts = set()
    for name in names:
        word = plain(name).lower()
        first = _TOKEN.search(word)
        if not word.isascii() or first is None:
            return None
        firsts.add(first.group())
    return firsts


class _Names:
    """The name patterns (`_words`) of layers or services, by id, and an index from the
    first word of each name to the ids: a text can only match the patterns of the words it
    holds, which a set lookup tells at a fraction of a search per id (owner checks read
    thousands of sentences, and searching each for every layer and service was most of
    `check`'s time in them)."""

    def __init__(self, names: dict[str, list[str]]) -> None:
        self.patterns = {ident: _words(words) for ident, words in names.items()}
        self._index: dict[str, set[str]] = {}
        self._always: set[str] = set()  # ids the index cannot rule out
        for ident, words in names.items():
            firsts = _first_words(words)
            if firsts is None:
                self._always.add(ident)
            for first in firsts or ():
                self._index.setdefault(first, set()).add(ident)

    def candidates(self, words: str) -> list[tuple[str, re.Pattern[str]]]:
        """The (id, pattern) pairs whose pattern may match `words` (a `plain` text), in
        id order. A text that is not ASCII gets every pair: case-insensitive matching is
        then more than `str.lower`."""
        if not words.isascii():
            return list(self.patterns.items())
        tokens = set(_TOKEN.findall(words.lower())) & self._index.keys()
        hit = self._always.union(*(self._index[token] for token in tokens))
        return [(ident, pattern) for ident, pattern in self.patterns.items() if ident in hit]


_WHOLE_STACK = re.compile(
    r"(?i:\b(?:whole|entire|full) stack\b|\bevery layer\b|\ball (?:the )?layers\b"
    r"|\ball (?:of (?:its |their |the )?)?(?:its |their )?security\b|\bsecurity and compliance\b"
    r"|\bsecurity of the cloud and in the cloud\b|\bultimately responsible for security\b"
    r"|^(?:security|compliance) is\b)"
)
"""How a text names the whole stack, the one case where a claim may leave out its layer: it
is then checked against every cell of the matrix (shared, as services differ)."""


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
    checks = (_items, _table_rows, _choices, _statements, _free_text)
    return [problem for check in checks for problem in check(content, matrix)]


def _agree(matrix: Matrix, statement: OwnerStatement, claims: list[Claim]) -> Iterator[Problem]:
    """Each of the statement's `claims` agrees with the matrix, and together they make the
    owner it states.

    The comparison with that owner runs for any number of parts: one customer part under an
    `owner: aws` is as much a contradiction as two parts that combine to shared. Messages
    quote what the statement wrote in its field where that is not the owner itself (a match
    item's choice)."""
    item, label, field, said = statement.part, statement.label, statement.field, statement.owner
    shown = statement.written if statement.written != said else None
    for i, claim in enumerate(claims):
        key: tuple[str | int, ...] = ("claims", i) if item.claims else (field,)
        owner, what = matrix.truth(claim.layer, claim.service)
        if owner is None:
            if what:
                yield item.where.problem(f"{label}{what}", *key)
        elif owner != claim.owner:
            said_as = f"'{shown}' ('{claim.owner}')" if shown and key == (field,) else None
            yield item.where.problem(
                f"{label}{field if key == (field,) else 'claim'} is "
                f"{said_as or repr(claim.owner)}, but the "
                f"service matrix says {OWNER_LABELS[owner]} owns {what}",
                *key,
            )
    together = combined(c.owner for c in claims)
    if together != said:
        stated = f"'{shown}' ('{said}')" if shown else f"'{said}'"
        yield item.where.problem(
            f"{label}{field} is {stated}, but its claims together make it '{together}'",
            field,
        )


def _items(content: Content, matrix: Matrix) -> Iterator[Problem]:
    """What the units say states an owner (`Item.owner_statements`: scenarios, sort items,
    match items paired with an owner): each states one owner and says which cells it stands
    for; each claim names a layer its text names (no whole-stack claims here: a scenario or a
    sort item is always about something in particular), and a service its text names."""
    for unit in content.by_id.values():
        for statement in unit.owner_statements():
            yield from _statement(matrix, statement)


def _statement(matrix: Matrix, statement: OwnerStatement) -> Iterator[Problem]:
    """The checks of `_items` for one statement."""
    item, label, kind = statement.part, statement.label, statement.kind
    claims = statement.cells()
    if claims is None:
        yield item.where.problem(
            f"{label}says who {statement.says}, but names no layer the build can check it "
            f"against; give it a 'layer' (and 'service'), or 'claims' for its parts",
            statement.field,
        )
        return
    untied = False
    for i, claim in enumerate(claims):
        key: tuple[str | int, ...] = ("claims", i) if item.claims else ("layer",)
        if claim.layer is None:
            untied = True
            yield item.where.problem(
                f"{label}has a claim without a 'layer'; a {kind} is about "
                f"one thing, so claim the layer its text names (a claim without a layer, "
                f"about the whole stack, is only for options and statements that name it)",
                *key,
            )
            continue
        why = matrix.tie(claim, statement.text, statement.context)
        if why:
            untied = True
            yield item.where.problem(f"{label}{why}", *key)
    if not untied:
        yield from _agree(matrix, statement, claims)


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
    of_group = [
        s.id
        for s in matrix.services.values()
        if (s.category if field == "category" else s.model) == group
    ]
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
            for column in OWNERS:
                if row.column(column) and column not in claimed:
                    yield row.where.problem(
                        f"{label}lists what {OWNER_LABELS[column]} does, but claims no layer "
                        f"for it the build can check; add it to the row's 'claims'",
                        column,
                    )
            yield from _row_bullets(matrix, row, label)
            for layer, claim in row.claims.items():
                owner = _row_owner(claim)
                if not row.column(owner):
                    yield row.where.problem(
                        f"{label}claims {OWNER_LABELS[owner]} owns "
                        f"{matrix.layers[layer].name if layer in matrix.layers else layer}, but "
                        f"lists nothing under '{owner}'",
                        "claims",
                        layer,
                    )
                yield from _row_claim(matrix, row, label, layer, claim)


def _row_bullets(matrix: Matrix, row: TableRow, label: str) -> Iterator[Problem]:
    """Every bullet of a row states a duty of its column's owner, so it is tied to the row's
    claims: it names at least one layer (in the layer's words), each layer it names is one the
    row claims for that owner (and so is checked against every service of the row), and a
    service it names is one of the row's. Without this, a row with one honest claim per
    column could list anything else under it."""
    for column in OWNERS:
        for i, bullet in enumerate(row.column(column)):
            named = matrix.layers_named(bullet)
            if not named:
                yield row.where.problem(
                    f"{label}{column} bullet {i + 1} names no layer, so the build cannot check "
                    f"who does it; say which layer it is about in that layer's words (its "
                    f"'names' in the layers file), or add the word it uses there",
                    column,
                    i,
                )
            for layer in sorted(named):
                claim = row.claims.get(layer)
                name = matrix.layers[layer].name
                if claim is None:
                    yield row.where.problem(
                        f"{label}{column} bullet {i + 1} is about {name}, which the row does "
                        f"not claim; add '{layer}: {column}' to its claims so the build checks "
                        f"it against the service matrix, or reword the bullet",
                        column,
                        i,
                    )
                elif _row_owner(claim) != column:
                    yield row.where.problem(
                        f"{label}{column} bullet {i + 1} gives {name} to "
                        f"{OWNER_LABELS[column]}, but the row claims "
                        f"{OWNER_LABELS[_row_owner(claim)]} owns it",
                        column,
                        i,
                    )
            services = matrix.services_named(bullet) - set(row.services)
            if services and row.services:
                yield row.where.problem(
                    f"{label}{column} bullet {i + 1} names "
                    f"{', '.join(matrix.services[s].name for s in sorted(services))}, which is "
                    f"not one of the row's services; add it to 'services' so the row's claims "
                    f"are checked against it",
                    column,
                    i,
                )


def _row_owner(claim: Owner | RowClaim) -> Owner:
    return claim.owner if isinstance(claim, RowClaim) else claim


def _row_claim(
    matrix: Matrix, row: TableRow, label: str, layer: str, claim: Owner | RowClaim
) -> Iterator[Problem]:
    owner = _row_owner(claim)
    exceptions = claim.exceptions if isinstance(claim, RowClaim) else []
    services: list[str | None] = [*row.services] or [None]
    for ident in exceptions:
        if ident not in row.services:
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
        elif excepted and service is not None:  # only a service of the row is excepted
            name = matrix.services[service].name
            notes = row.notes or ""
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
            yield from _text_claims(
                matrix, question.id, option, option.id in question.correct, question.prompt
            )


def _statements(content: Content, matrix: Matrix) -> Iterator[Problem]:
    for question in content.of_type(TrueFalse):
        yield from _text_claims(matrix, question.id, question, question.answer)


def _text_claims(
    matrix: Matrix, question: str, said: Option | TrueFalse, right: bool, prompt: str = ""
) -> Iterator[Problem]:
    """An option of `question` that is `right` (or a true/false statement whose answer is
    `right`) that names parties claims something of each, so it carries a claim whose owner
    is each party it names (more claims are welcome: the detection of parties is by wording,
    and may miss one). A `prompt` that names a party ("Which of these is AWS's job?") makes
    every option a claim about that party. It is right (the statement true) exactly when the
    matrix agrees with every one of its claims: "AWS does X and the customer does Y" is wrong
    as soon as either half is. Each claim is tied to the text: its layer is one the text (or
    the prompt) names, and a service the text names is its service. A statement in the
    negative ("AWS does not patch …") is refused: the author states the owner positively."""
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
    asked = parties_asked(prompt)
    negated = negation(text) if named else None
    if negated:
        yield said.where.problem(
            f"{label}says who does not do something ('{negated}'), which the build cannot "
            f'check as an owner claim; state positively who does it ("AWS does not patch '
            f'the hosts" becomes "AWS patches the hosts" or "The customer patches the '
            f'guest OS", with the answer that sentence has) and claim that owner',
            field,
        )
        return
    if not parts:
        if named:
            says = "names who owns something" if field == "text" else "says what a party does"
            yield said.where.problem(
                f"{label}{says}, but carries no 'claim' the build can check", field
            )
        elif asked:
            yield said.where.problem(
                f"{label}answers a prompt that asks what {_owners(asked)} owns, so it is an "
                f"owner claim, but carries no 'claim' the build can check",
                field,
            )
        return
    from_prompt = not named and bool(asked)
    named = named or asked  # an option that names its own parties answers for those
    key: tuple[str | int, ...] = ("claim",) if said.claim else ("claims",)
    owners = {claim.owner for claim in parts}
    # each party the text names needs a claim of its own ("Both" is met by parts that differ);
    # a claim for a party the detection missed is welcome, so only missing ones are errors
    covered = owners | ({"shared"} if combined(owners) == "shared" else set())
    if not named <= covered:
        yield said.where.problem(
            f"{label}{'answers a prompt that asks what ' if from_prompt else 'names '}"
            f"{_owners(named)}{' owns' if from_prompt else ''}, but its "
            f"{'claim is' if len(parts) == 1 else 'claims are'} for {_owners(owners)}; give "
            f"each party it names a claim for what it says that party does",
            *key,
        )
        return
    untied = False
    for i, claim in enumerate(parts):
        why = matrix.tie(claim, text, prompt)
        if why:
            untied = True
            yield said.where.problem(f"{claim_label}the text {why}", *_part(key, i, len(parts)))
    if untied:
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


_SENTENCE = re.compile(r"(?<=[.;!?])\s+|\n\s*\n")


def _free_texts(content: Content) -> Iterator[tuple[Model, str, tuple[str | int, ...], str]]:
    """Free text that may state an owner, with where it was written: glossary definitions,
    misconception corrections, and the feedback, explanations and notes of questions,
    scenarios, sort items and table rows."""
    for term in content.of_type(Term):
        if not term.quote:  # official wording is quoted as AWS wrote it
            yield term, f"term '{term.id}': ", ("definition",), term.definition
    for myth in content.of_type(Misconception):
        yield myth, f"misconception '{myth.id}': ", ("correction",), myth.correction
    for question in content.of_type(SingleChoice) + content.of_type(MultipleChoice):
        for option in question.options:
            label = f"question '{question.id}': option '{option.id}': "
            yield option, label, ("feedback",), option.feedback
    for statement in content.of_type(TrueFalse):
        label = f"question '{statement.id}': "
        yield statement, label, ("feedback_true",), statement.feedback_true
        yield statement, label, ("feedback_false",), statement.feedback_false
    for question in content.of_type(QuestionBase):
        if question.explanation:
            label = f"question '{question.id}': "
            yield question, label, ("explanation",), question.explanation
    for sort in content.of_type(Sort):
        for item in sort.items:
            yield item, f"sort item '{item.id}': ", ("explanation",), item.explanation
    for scenario in content.of_type(Scenario):
        label = f"scenario '{scenario.id}': "
        yield scenario, label, ("explanation",), scenario.explanation
        for owner, text in scenario.feedback.items():
            yield scenario, label, ("feedback", owner), text
    for table in content.of_type(Table):
        for row in table.rows:
            if row.notes:
                yield row, f"table '{table.id}': row '{row.id}': ", ("notes",), row.notes
    for unit in content.by_id.values():
        for free in unit.free_texts():
            yield free.part, free.label, free.key, free.text


def _free_text(content: Content, matrix: Matrix) -> Iterator[Problem]:
    """An owner statement in free text agrees with the matrix where the build can read it:
    a clause that names exactly one party (AWS or the customer), in the positive, and one or
    more layers (or the whole stack). The services are those its sentence names, or every
    service; a clause about a layer where those services differ is not checked (it cannot
    tell which service is meant). Feedback on a wrong option states the wrong belief only in
    the negative or in a reader's words, so it is checked the same way. What this cannot
    read: pronouns, possessives of things, a party and layer in different clauses."""
    for item, label, key, text in _free_texts(content):
        problem = _free_statement(matrix, text)
        if problem:
            yield item.where.problem(f"{label}{problem}", *key)


_SUPPLIES = re.compile(
    r"(?i:\b(?:provides?|provided|supplie[sd]|supply|offers?|offered|features?|tools?)\b)"
)
"""A clause about AWS supplying a feature ("AWS provides the bucket policy feature") says
who makes the tool, not who owns the duty, so it is not read as an owner statement."""


def _free_statement(matrix: Matrix, text: str) -> str | None:
    """Why `text` states an owner the matrix contradicts, or None."""
    for sentence in _SENTENCE.split(plain(text)):
        if _NEGATION.search(sentence):
            continue  # "Nothing in X falls to the customer": too easy to read backwards
        services: list[str | None] | None = None  # found once a clause names one party
        for clause in _CLAUSE_BREAK.split(sentence):
            parties = parties_named(clause)
            if len(parties) != 1 or "shared" in parties or _SUPPLIES.search(clause):
                continue
            party = next(iter(parties))
            if services is None:
                services = sorted(matrix.services_named(sentence)) or [None]
            layers: list[str | None] = sorted(matrix.layers_named(clause))
            if _WHOLE_STACK.search(clause):
                layers.append(None)
            for layer in layers:
                for service in services:
                    truth, what = matrix.truth(layer, service)
                    # one party doing something in a shared cell is its part of it; only the
                    # whole stack must be named as shared
                    if truth is not None and truth != party and (truth != "shared" or not layer):
                        return (
                            f"says {OWNER_LABELS[party]} owns "
                            f"{matrix.layers[layer].name if layer else 'the whole stack'} "
                            f'("{clause.strip()}"), but the service matrix says '
                            f"{OWNER_LABELS[truth]} owns {what}; reword it, or name the service "
                            f"it is about"
                        )
    return None
