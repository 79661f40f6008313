"""Items to HTML through the package's Jinja templates (autoescaped, strict undefined).

Each unit's template sits beside it in srm_build/items (its `template`); the page-level
templates are in srm_build/templates. A folder of custom templates, when given, is
searched first, so one template can be overridden by its name without copying the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import (
    BytecodeCache,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    pass_context,
    select_autoescape,
)
from markupsafe import Markup

from .items.question import ChoiceItem
from .markup import render_block, render_inline, render_intro, render_slotted
from .models import MODEL_LABELS, OWNER_LABELS, OWNERS, Content, FileBase, Item
from .reports import ReportHref
from .resolve import Resolution
from .urls import Hrefs


@dataclass(slots=True)  # made for every option of every question: not frozen, which is slower
class OptionView:
    id: str
    text: Markup
    feedback: Markup
    correct: bool
    misconception: str | None = None


@dataclass(slots=True)
class ChoiceView:
    """What the choice template needs, whichever unit asks the question (`ChoiceItem`)."""

    id: str
    prompt: Markup
    multiple: bool
    options: list[OptionView]
    explanation: Markup | None
    shuffle: bool = False
    """The script shows the options in an order of each reader's own (written order without it)."""


class _ProcessBytecodeCache(BytecodeCache):
    """Compiled templates kept in memory for the life of the process, never written out.

    `mkdocs serve` makes a Renderer for every rebuild, whose environment would compile
    every template again (25 to 75 ms of a rebuild); with this, the first build of a process
    compiles them and later ones load the code. Jinja checks each template's source against
    the checksum stored with its code, so an edited template is compiled again. A fresh
    process starts empty, as every build the benchmark times does."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:  # jinja2.bccache.Bucket
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_BYTECODE = _ProcessBytecodeCache()
"""For the Renderer's environments only: their options are one set (a template compiled
under other options, such as the QTI exports' autoescaping, must not be shared)."""


class Renderer:
    """Renders items of one loaded Content; templates are compiled once and cached."""

    def __init__(self, content: Content, custom_templates: Path | None = None) -> None:
        assert content.resolved is not None, "content is resolved when it loads"
        self.content = content
        self.resolved: Resolution = content.resolved
        loaders = [PackageLoader("srm_build", "templates"), PackageLoader("srm_build", "items")]
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
            bytecode_cache=_BYTECODE,
        )
        self.env.filters.update(
            md=pass_context(lambda ctx, text: render_block(text, ctx.get("text_hrefs"))),
            md_inline=pass_context(lambda ctx, text: render_inline(text, ctx.get("text_hrefs"))),
            md_slotted=pass_context(
                lambda ctx, text, count: render_slotted(text, count, ctx.get("text_hrefs"))
            ),
            md_intro=pass_context(lambda ctx, file: self._intro(file, ctx.get("text_hrefs"))),
            owner_label=OWNER_LABELS.__getitem__,
        )
        self.env.globals.update(
            owners=OWNERS,
            model_labels=MODEL_LABELS,
            lookup=self.lookup,
            layers=content.layers,
            choice_view=pass_context(
                lambda ctx, item: self.choice_view(item, ctx.get("text_hrefs"))
            ),
            source_of=self.resolved.source_of,
            quiz_of=self.resolved.quiz_of,
        )

    def _intro(self, file: FileBase, text_hrefs: Hrefs | None) -> Markup:
        """A YAML file's intro, its headings with the ids the site's `toc` gives them."""
        headings = self.content.headings
        options = (headings.slugify, headings.separator) if headings else ()
        return render_intro(file.title, file.intro or "", text_hrefs, *options)

    def lookup(self, ident: str) -> Item:
        return self.content.by_id[ident]

    def choice_view(self, item: ChoiceItem, text_hrefs: Hrefs | None = None) -> ChoiceView:
        """The options of an item answered by choosing (its unit's `choices`), as HTML."""

        def block(text: str) -> Markup:
            return render_block(text, text_hrefs)

        def inline(text: str) -> Markup:
            return render_inline(text, text_hrefs)

        options = [
            OptionView(c.id, inline(c.text), block(c.feedback), c.correct, c.misconception)
            for c in item.choices()
        ]
        explanation = block(item.explanation) if item.explanation else None
        return ChoiceView(
            item.id,
            item.choice_prompt(inline),
            item.multiple,
            options,
            explanation,
            item.shuffled(self.resolved.quiz_of(item)),
        )

    def item(
        self,
        item: Item,
        *,
        item_href: Hrefs,
        titled: bool = True,
        text_hrefs: Hrefs | None = None,
        report: ReportHref | None = None,
        level: int = 3,
        **context: object,
    ) -> Markup:
        """One item as an HTML block, through its unit's template. `item_href` turns item
        ids into hrefs on the page (`ItemHrefs`); `titled` shows its title (off under a page
        heading), as a heading of `level` (2-6) where the item's title is a heading
        (scenarios); `text_hrefs` rewrites the relative links written in the item's text
        (`TextHrefs`); `report` gives the href where a reader reports a problem with an
        item; `context` is what a kind's template needs besides (an exam's `bank_script`,
        say)."""
        template = self.env.get_template(item.template)
        html = template.render(
            item=item,
            item_href=item_href,
            titled=titled,
            text_hrefs=text_hrefs,
            report=report,
            level=level,
            **context,
        )
        return Markup(html.strip())

    def file_extras(
        self,
        file: FileBase,
        *,
        item_href: Hrefs,
        text_hrefs: Hrefs | None = None,
        end: bool = False,
        **context: object,
    ) -> Markup:
        """What a file's page shows before its items (the services matrix, say), or after
        them with `end` (a quiz page's answer key), if its kind has such a template."""
        kind = file.content_kind
        name = kind.end if end else kind.start
        if name is None:
            return Markup("")
        template = self.env.get_template(name)
        html = template.render(file=file, item_href=item_href, text_hrefs=text_hrefs, **context)
        return Markup(html.strip())
