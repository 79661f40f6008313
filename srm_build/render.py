"""Items to HTML through the package's Jinja templates (autoescaped, strict undefined).

A folder of custom templates, when given, is searched first, so one template can be
overridden without copying the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    TemplateNotFound,
    pass_context,
    select_autoescape,
)
from markupsafe import Markup

from .markup import LinkResolver, render_block, render_inline
from .models import (
    MODEL_LABELS,
    OWNER_LABELS,
    OWNERS,
    Content,
    Exam,
    FileBase,
    Flashcards,
    Layer,
    Misconception,
    Model,
    MultipleChoice,
    Progress,
    Quiz,
    Review,
    Scenario,
    Service,
    SingleChoice,
    Sort,
    Source,
    Table,
    TableRow,
    Term,
    TrueFalse,
)

Linker = Callable[[str], str]
"""Turns an item id into an href relative to the page being rendered."""

Reporter = Callable[[Model], str]
"""Turns an item into the address of a pre-filled issue about it."""

TEMPLATE_OF: dict[type, str] = {
    Source: "source",
    Term: "term",
    Table: "table",
    Layer: "layer",
    Service: "service",
    Scenario: "scenario",
    Quiz: "quiz",
    SingleChoice: "question",
    MultipleChoice: "question",
    TrueFalse: "question",
    Sort: "question",
    Flashcards: "question",
    Misconception: "misconception",
    Exam: "exam",
    Review: "review",
    Progress: "site-progress",
}


@dataclass(slots=True)  # made for every option of every question: not frozen, which is slower
class OptionView:
    id: str
    text: Markup
    feedback: Markup
    correct: bool
    misconception: str | None = None


@dataclass(slots=True)
class ChoiceView:
    """What the choice template needs, whichever kind of item asks the question."""

    id: str
    prompt: Markup
    multiple: bool
    options: list[OptionView]
    explanation: Markup | None
    shuffle: bool = False
    """The script shows the options in an order of each reader's own (written order without it)."""


def table_columns(table: Table) -> list[str]:
    """The owner columns a table needs: those at least one row fills."""
    return [owner for owner in OWNERS if any(getattr(row, owner) for row in table.rows)]


def stack_tiers(table: Table) -> list[list[tuple[TableRow, str]]]:
    """A table drawn as a stack: its rows in tiers, top first, rows marked `beside` sharing
    the tier above; each row with its owner (`shared` when more than one column is filled)."""
    tiers: list[list[tuple[TableRow, str]]] = []
    for row in table.rows:
        owners = [owner for owner in OWNERS if getattr(row, owner)]
        cell = (row, owners[0] if len(owners) == 1 else "shared")
        if row.beside and tiers:
            tiers[-1].append(cell)
        else:
            tiers.append([cell])
    return tiers


class Renderer:
    """Renders items of one loaded Content; templates are compiled once and cached."""

    def __init__(self, content: Content, custom_templates: Path | None = None) -> None:
        self.content = content
        loaders = [PackageLoader("srm_build", "templates")]
        if custom_templates is not None:
            loaders.insert(0, FileSystemLoader(str(custom_templates)))
        self.env = Environment(
            loader=ChoiceLoader(loaders),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            # A Renderer lives for one build (`mkdocs serve` makes a new one for each), so
            # templates need no check for changes on disk at every use.
            auto_reload=False,
        )
        self.env.filters.update(
            md=pass_context(lambda ctx, text: render_block(text, ctx.get("md_links"))),
            md_inline=pass_context(lambda ctx, text: render_inline(text, ctx.get("md_links"))),
            owner_label=OWNER_LABELS.__getitem__,
        )
        self.env.globals.update(
            owners=OWNERS,
            model_labels=MODEL_LABELS,
            lookup=self.lookup,
            layers=content.layers,
            table_columns=table_columns,
            stack_tiers=stack_tiers,
            choice_view=pass_context(lambda ctx, item: self.choice_view(item, ctx.get("md_links"))),
            source_of=self.source_of,
        )
        self.quiz_of = {q.id: quiz for quiz in content.of_type(Quiz) for q in quiz.questions}
        """Question id -> the quiz it is part of."""

    def lookup(self, ident: str) -> Model:
        return self.content.by_id[ident]

    def source_of(self, item: Model, parent: Model | None = None) -> Source:
        """The source an item names, or the one it inherits from its table or quiz."""
        ident = getattr(item, "source", None)
        if ident is None and parent is not None:
            ident = getattr(parent, "source", None)
        if ident is None and getattr(item, "id", None) in self.quiz_of:
            ident = self.quiz_of[item.id].source  # type: ignore[attr-defined]
        return self.content.by_id[ident]  # type: ignore[index,return-value]

    def choice_view(self, item: Model, links: LinkResolver | None = None) -> ChoiceView:
        """Single, multiple, true/false and scenario questions share one markup."""

        def block(text: str) -> Markup:
            return render_block(text, links)

        def inline(text: str) -> Markup:
            return render_inline(text, links)

        if isinstance(item, Scenario):
            options = [
                OptionView(
                    o, Markup(OWNER_LABELS[o]), block(item.feedback[o]), o == item.responsible
                )
                for o in OWNERS
            ]
            # The legend names the group: with the scenario's title, each of a page's
            # scenarios is told apart by its situation, not only by the question.
            prompt = Markup(
                '<span class="srm-visually-hidden">{}: </span>Who is responsible?'
            ).format(item.title)
            return ChoiceView(item.id, prompt, False, options, block(item.explanation))
        if isinstance(item, TrueFalse):
            feedback = {"true": item.feedback_true, "false": item.feedback_false}
            options = [
                OptionView(
                    value,
                    Markup(value.title()),
                    block(feedback[value]),
                    right := (value == "true") == item.answer,
                    None if right else item.misconception,
                )
                for value in ("true", "false")
            ]
            explanation = block(item.explanation) if item.explanation else None
            return ChoiceView(item.id, inline(item.prompt), False, options, explanation)
        assert isinstance(item, (SingleChoice, MultipleChoice))
        options = [
            OptionView(
                o.id, inline(o.text), block(o.feedback), o.id in item.correct, o.misconception
            )
            for o in item.options
        ]
        explanation = block(item.explanation) if item.explanation else None
        multiple = isinstance(item, MultipleChoice)
        quiz = self.quiz_of.get(item.id)
        shuffle = item.shuffle if item.shuffle is not None else quiz is None or quiz.shuffle
        return ChoiceView(item.id, inline(item.prompt), multiple, options, explanation, shuffle)

    def item(
        self,
        item: Model,
        *,
        link: Linker,
        titled: bool = True,
        md_links: LinkResolver | None = None,
        report: Reporter | None = None,
        level: int = 3,
        **context: object,
    ) -> Markup:
        """One item as an HTML block. `titled` shows its title (off under a page heading),
        as a heading of `level` (2-6) where the item's title is a heading (scenarios);
        `md_links` rewrites links to Markdown pages written in the item's text; `report`
        gives the address where a reader reports a problem with an item; `context` is
        what a kind's template needs besides (an exam's `bank_script`, say)."""
        template = self.env.get_template(f"{TEMPLATE_OF[type(item)]}.html.jinja")
        html = template.render(
            item=item,
            link=link,
            titled=titled,
            md_links=md_links,
            report=report,
            level=level,
            **context,
        )
        return Markup(html.strip())

    def file_extras(
        self,
        file: FileBase,
        *,
        link: Linker,
        md_links: LinkResolver | None = None,
        end: bool = False,
        **context: object,
    ) -> Markup:
        """What a file's page shows before its items (the services matrix, say), or after
        them with `end` (a quiz page's answer key), if its kind has such a template."""
        name = f"file-{file.kind}{'-end' if end else ''}.html.jinja"  # type: ignore[attr-defined]
        try:
            template = self.env.get_template(name)
        except TemplateNotFound:
            return Markup("")
        return Markup(template.render(file=file, link=link, md_links=md_links, **context).strip())
