"""Synthetic content for the benchmark, written three ways from the same questions.

- `plugin/`: SRM YAML (quiz files of ten questions, each its own page, plus glossary terms,
  scenarios and sources) built with the `srm` plugin;
- `baseline/`: the same text as plain Markdown (question, option list, answer paragraph),
  no plugin;
- `peer/`: the same questions in mkdocs-quiz's `<quiz>` syntax (built only when that plugin
  is installed).

Every variant uses the same theme (material, `font: false`), the search plugin and the same
Markdown extensions, and its pages have the same paths, so the built sites compare page by
page. The text is pseudo-random but fixed by a seed: every run builds the same sites.

    python -m bench.generate --questions 2000 --out /tmp/srm-bench
"""

from __future__ import annotations

import argparse
import math
import random
from dataclasses import dataclass, field
from pathlib import Path

import yaml

QUESTIONS_PER_PAGE = 10
ITEMS_PER_FILE = 50
"""Glossary terms or scenarios per generated page."""
VARIANTS = ("plugin", "baseline", "peer")
OWNERS = ("aws", "customer", "shared")
OWNER_LABELS = {"aws": "AWS", "customer": "The customer", "shared": "Both (shared)"}

_WORDS = (
    "account access audit backup bucket certificate cluster compliance configuration "
    "container credential data database encryption endpoint firewall function gateway "
    "hardware host hypervisor identity instance isolation key layer log managed network "
    "operating patch permission physical platform policy region replica role rotation "
    "runtime secret security service snapshot storage subnet system tenant traffic update "
    "user virtual volume workload zone"
)
WORDS = tuple(_WORDS.split())
_VERBS = (
    "patches configures encrypts monitors rotates isolates audits restores replicates "
    "deploys secures maintains"
)
VERBS = tuple(_VERBS.split())
OWNER_WORDS = ("AWS", "the customer", "the account owner", "the platform team")


@dataclass
class Option:
    id: str
    text: str
    feedback: str


@dataclass
class Question:
    id: str
    type: str  # single, multiple or true-false
    prompt: str
    options: list[Option]
    answer: str | list[str] | bool
    explanation: str
    terms: list[str]

    def correct(self) -> set[str]:
        if isinstance(self.answer, bool):
            return {"true" if self.answer else "false"}
        return {self.answer} if isinstance(self.answer, str) else set(self.answer)

    def shown_options(self) -> list[Option]:
        """The choices a reader sees; a true/false question has two."""
        if self.type != "true-false":
            return self.options
        return [
            Option("true", "True", self.explanation),
            Option("false", "False", self.explanation),
        ]


@dataclass
class Term:
    id: str
    term: str
    definition: str
    related: list[str]
    source: str


@dataclass
class Scenario:
    id: str
    title: str
    situation: str
    responsible: str
    explanation: str
    terms: list[str]
    source: str


@dataclass
class Source:
    id: str
    title: str
    url: str


@dataclass
class QuizPage:
    stem: str
    """File name without suffix, under quizzes/."""
    title: str
    intro: str
    quiz_id: str
    quiz_title: str
    source: str
    questions: list[Question] = field(default_factory=list)


@dataclass
class Corpus:
    """Everything generated for one size, independent of how it is written."""

    sources: list[Source]
    terms: list[Term]
    scenarios: list[Scenario]
    quizzes: list[QuizPage]

    @property
    def questions(self) -> int:
        return sum(len(q.questions) for q in self.quizzes)


class _Text:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def words(self, low: int, high: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(low, high)))

    def sentence(self, low: int, high: int, end: str = ".") -> str:
        text = self.words(low, high)
        # A little Markdown in some fields, as real content has.
        if self.rng.random() < 0.3:
            first, _, rest = text.partition(" ")
            text = f"**{first}** {rest}".strip()
        return text[0].upper() + text[1:] + end

    def prompt(self) -> str:
        return (
            f"Who {self.rng.choice(VERBS)} the {self.words(2, 4)} when "
            f"{self.rng.choice(OWNER_WORDS)} runs {self.words(3, 6)} on a managed service?"
        )

    def statement(self) -> str:
        return (
            f"{self.rng.choice(OWNER_WORDS).capitalize()} {self.rng.choice(VERBS)} the "
            f"{self.words(3, 6)} for every {self.words(1, 3)}."
        )


def make_corpus(questions: int, seed: int = 1) -> Corpus:
    """`questions` questions in pages of ten, with one glossary term and one scenario per
    page of questions."""
    if questions < 1:
        raise ValueError("need at least one question")
    text = _Text(seed)
    pages = math.ceil(questions / QUESTIONS_PER_PAGE)
    sources = [
        Source(f"src-{i}", f"Synthetic source {i}", f"https://example.org/source/{i}")
        for i in range(1, 4)
    ]
    n_terms = max(3, pages)
    terms = [
        Term(
            id=f"term-{i:05d}",
            term=f"{text.words(1, 2).title()} {i}",
            definition=text.sentence(18, 30),
            related=[f"term-{(i % n_terms) + 1:05d}"],
            source=sources[i % len(sources)].id,
        )
        for i in range(1, n_terms + 1)
    ]
    scenarios = [
        Scenario(
            id=f"scn-{i:05d}",
            title=f"{text.words(2, 4).capitalize()} {i}",
            situation=text.sentence(15, 25),
            responsible=OWNERS[i % 3],
            explanation=text.sentence(15, 25),
            terms=[terms[i % n_terms].id],
            source=sources[i % len(sources)].id,
        )
        for i in range(1, pages + 1)
    ]
    quizzes: list[QuizPage] = []
    number = 0
    for p in range(1, pages + 1):
        page = QuizPage(
            stem=paged("quizzes", "q", p).removeprefix("quizzes/"),
            title=f"Quiz set {p}",
            intro=text.sentence(10, 20),
            quiz_id=f"quiz-{p:05d}",
            quiz_title=f"Practice set {p}",
            source=sources[p % len(sources)].id,
        )
        for _ in range(min(QUESTIONS_PER_PAGE, questions - number)):
            number += 1
            kind = ("single", "single", "single", "multiple", "true-false")[number % 5]
            options = [
                Option(letter, text.sentence(3, 7, end=""), text.sentence(8, 16))
                for letter in "abcd"
            ]
            answer: str | list[str] | bool
            if kind == "single":
                answer = text.rng.choice("abcd")
            elif kind == "multiple":
                answer = sorted(text.rng.sample("abcd", 2))
            else:
                answer = text.rng.random() < 0.5
                options = []
            page.questions.append(
                Question(
                    id=f"q{number:06d}",
                    type=kind,
                    prompt=text.prompt() if kind != "true-false" else text.statement(),
                    options=options,
                    answer=answer,
                    explanation=text.sentence(15, 30),
                    terms=[terms[(p - 1) % n_terms].id],
                )
            )
        quizzes.append(page)
    return Corpus(sources, terms, scenarios, quizzes)


# --- writing -------------------------------------------------------------------------

MKDOCS_YML = """\
site_name: SRM benchmark ({variant})
site_url: https://example.org/
docs_dir: content
theme:
  name: material
  font: false
  features: [navigation.prune]
plugins:
  - search
{plugins}markdown_extensions:
  - attr_list
{extensions}"""
PLUGINS = {"plugin": "  - srm\n", "baseline": "", "peer": "  - mkdocs_quiz\n"}
# The plugin variant lists the srm block's Markdown, as the site does, so that every engine
# builds it (bench/run.py times ProperDocs and Zensical on it too).
EXTENSIONS = {
    "plugin": """\
  - pymdownx.superfences:
      custom_fences:
        - name: srm
          class: srm
          format: !!python/name:srm_build.markdown.fence
  - srm_build.markup
  - srm_build.markdown
exclude_docs: |
  *.yml
extra_css: [assets/srm/srm.css]
extra_javascript: [assets/srm/srm.js]
""",
    "baseline": "",
    "peer": "",
}

INDEX_MD = """\
# Benchmark of the SRM site

Synthetic content: {questions} questions on {pages} quiz pages, {terms} glossary terms and
{scenarios} scenarios. Start with [the first quiz](quizzes/{first}.md).
"""


def chunks(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _dump(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8"
    )


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


PAGES_PER_SECTION = 10


def paged(folder: str, letter: str, n: int) -> str:
    """The path (without suffix) of page `n` of a folder, in sections of ten pages: a site of
    hundreds of pages is split into sections, and the theme then writes only the reader's own
    section of the navigation into each page (`navigation.prune`), as it advises for large
    sites. A flat folder would put every page's link in every page, which grows with the
    square of the pages for every variant alike and hides how the plugin itself scales."""
    return f"{folder}/part{(n - 1) // PAGES_PER_SECTION + 1:03d}/{letter}{n:05d}"


def _glossary_page(terms: list[Term]) -> str:
    return paged("glossary", "g", int(terms[0].id.split("-")[1]))


def _term_pages(corpus: Corpus) -> dict[str, str]:
    """Term id -> the page (path without suffix) it is defined on."""
    return {
        term.id: _glossary_page(group)
        for group in chunks(corpus.terms, ITEMS_PER_FILE)
        for term in group
    }


def write_plugin(corpus: Corpus, root: Path) -> None:
    content = root / "content"
    _dump(
        content / "sources.yml",
        {
            "kind": "sources",
            "title": "Sources",
            "sources": [{"id": s.id, "title": s.title, "url": s.url} for s in corpus.sources],
        },
    )
    for n, group in enumerate(chunks(corpus.terms, ITEMS_PER_FILE), start=1):
        _dump(
            content / f"{_glossary_page(group)}.yml",
            {
                "kind": "glossary",
                "title": f"Glossary, part {n}",
                "terms": [
                    {
                        "id": t.id,
                        "term": t.term,
                        "definition": t.definition,
                        "related": t.related,
                        "source": t.source,
                    }
                    for t in group
                ],
            },
        )
    for n, group in enumerate(chunks(corpus.scenarios, ITEMS_PER_FILE), start=1):
        _dump(
            content / f"{paged('scenarios', 's', n)}.yml",
            {
                "kind": "scenarios",
                "title": f"Scenarios, part {n}",
                "scenarios": [
                    {
                        "id": s.id,
                        "title": s.title,
                        "situation": s.situation,
                        "responsible": s.responsible,
                        "explanation": s.explanation,
                        # Every answer has its own feedback (the plugin requires it).
                        "feedback": {
                            owner: ("Right. " if owner == s.responsible else "No. ") + s.explanation
                            for owner in ("aws", "customer", "shared")
                        },
                        "terms": s.terms,
                        "source": s.source,
                    }
                    for s in group
                ],
            },
        )
    for page in corpus.quizzes:
        questions = []
        for q in page.questions:
            entry: dict = {"id": q.id, "type": q.type, "prompt": q.prompt}
            if q.options:
                entry["options"] = [
                    {"id": o.id, "text": o.text, "feedback": o.feedback} for o in q.options
                ]
            entry["answer"] = q.answer
            entry["explanation"] = q.explanation
            if q.type == "true-false":
                # Each answer has its own feedback (the plugin requires it).
                for value in (True, False):
                    verdict = "Right. " if value == q.answer else "No. "
                    entry[f"feedback_{str(value).lower()}"] = verdict + q.explanation
            entry["terms"] = q.terms
            questions.append(entry)
        _dump(
            content / f"quizzes/{page.stem}.yml",
            {
                "kind": "quizzes",
                "title": page.title,
                "intro": page.intro,
                "quizzes": [
                    {
                        "id": page.quiz_id,
                        "title": page.quiz_title,
                        "source": page.source,
                        "questions": questions,
                    }
                ],
            },
        )


def _quiz_page_head(page: QuizPage) -> str:
    """Title, intro and the quiz's heading, the same in the baseline and the peer."""
    return f"# {page.title}\n\n{page.intro}\n\n## {page.quiz_title} {{ #srm-{page.quiz_id} }}\n"


def _markdown_shared(corpus: Corpus, content: Path, scenario_page) -> None:
    """Sources and glossary as plain Markdown; scenarios through `scenario_page`."""
    _write(
        content / "sources.md",
        "# Sources\n\n"
        + "".join(f"## {s.title} {{ #srm-{s.id} }}\n\n<{s.url}>\n\n" for s in corpus.sources),
    )
    term_pages = _term_pages(corpus)
    sources = {s.id: s for s in corpus.sources}
    for n, group in enumerate(chunks(corpus.terms, ITEMS_PER_FILE), start=1):
        here = _glossary_page(group)
        parts = [f"# Glossary, part {n}\n"]
        for t in group:
            related = ", ".join(
                _link(here, term_pages[r], r, _term_name(corpus, r)) for r in t.related
            )
            parts.append(
                f"## {t.term} {{ #srm-{t.id} }}\n\n{t.definition}\n\nRelated: {related}\n\n"
                f"Source: [{sources[t.source].title}]({sources[t.source].url})\n"
            )
        _write(content / f"{here}.md", "\n".join(parts))
    for n, group in enumerate(chunks(corpus.scenarios, ITEMS_PER_FILE), start=1):
        _write(content / f"{paged('scenarios', 's', n)}.md", scenario_page(n, group, term_pages))


def _term_name(corpus: Corpus, ident: str) -> str:
    return corpus.terms[int(ident.split("-")[1]) - 1].term


def _link(here: str, page: str, ident: str, text: str) -> str:
    """A Markdown link from page `here` to item `ident` on `page` (paths without suffix)."""
    up = "../" * here.count("/")
    target = "" if page == here else f"{up}{page}.md"
    return f"[{text}]({target}#srm-{ident})"


def write_baseline(corpus: Corpus, root: Path) -> None:
    content = root / "content"
    sources = {s.id: s for s in corpus.sources}

    def scenario_page(n: int, group: list[Scenario], term_pages: dict[str, str]) -> str:
        here = paged("scenarios", "s", n)
        parts = [f"# Scenarios, part {n}\n"]
        for s in group:
            terms = ", ".join(_link(here, term_pages[t], t, _term_name(corpus, t)) for t in s.terms)
            parts.append(
                f"## {s.title} {{ #srm-{s.id} }}\n\n{s.situation}\n\n**Who is responsible?**\n\n"
                + "".join(f"- {OWNER_LABELS[o]}\n" for o in OWNERS)
                + f"\n**Answer: {OWNER_LABELS[s.responsible]}.** {s.explanation}\n\n"
                f"Terms: {terms}. Source: [{sources[s.source].title}]({sources[s.source].url})\n"
            )
        return "\n".join(parts)

    _markdown_shared(corpus, content, scenario_page)
    term_pages = _term_pages(corpus)
    for page in corpus.quizzes:
        here = f"quizzes/{page.stem}"
        source = sources[page.source]
        parts = [_quiz_page_head(page)]
        for number, q in enumerate(page.questions, start=1):
            options = q.shown_options()
            correct = q.correct()
            answer = ", ".join(o.id for o in options if o.id in correct)
            terms = ", ".join(_link(here, term_pages[t], t, _term_name(corpus, t)) for t in q.terms)
            lines = [f"**{number}.** {q.prompt}", ""]
            lines += [f"- **{o.id}.** {o.text}" for o in options]
            lines += ["", f"**Answer: {answer}.** {q.explanation}", ""]
            if q.type != "true-false":
                lines += [f"- **{o.id}:** {o.feedback}" for o in options]
                lines.append("")
            lines.append(f"Terms: {terms}. Source: [{source.title}]({source.url})")
            parts.append("\n".join(lines) + "\n")
        _write(content / f"{here}.md", "\n".join(parts))


def write_peer(corpus: Corpus, root: Path) -> None:
    """mkdocs-quiz syntax: `<quiz>`, the question, `- [x]`/`- [ ]` answers each followed by
    `> feedback`, then the content shown after answering."""
    content = root / "content"
    sources = {s.id: s for s in corpus.sources}

    def quiz(prompt: str, options: list[tuple[str, bool, str]], after: str) -> str:
        lines = ["<quiz>", prompt]
        for text, right, feedback in options:
            lines.append(f"- [{'x' if right else ' '}] {text}")
            lines.append(f"> {feedback}")
        lines += ["", after, "</quiz>", ""]
        return "\n".join(lines)

    def scenario_page(n: int, group: list[Scenario], term_pages: dict[str, str]) -> str:
        here = paged("scenarios", "s", n)
        parts = [f"# Scenarios, part {n}\n"]
        for s in group:
            terms = ", ".join(_link(here, term_pages[t], t, _term_name(corpus, t)) for t in s.terms)
            src = sources[s.source]
            parts.append(
                f"## {s.title} {{ #srm-{s.id} }}\n\n{s.situation}\n\n"
                + quiz(
                    "Who is responsible?",
                    [(OWNER_LABELS[o], o == s.responsible, s.explanation) for o in OWNERS],
                    f"Terms: {terms}. Source: [{src.title}]({src.url})",
                )
            )
        return "\n".join(parts)

    _markdown_shared(corpus, content, scenario_page)
    term_pages = _term_pages(corpus)
    for page in corpus.quizzes:
        here = f"quizzes/{page.stem}"
        source = sources[page.source]
        parts = [_quiz_page_head(page)]
        for q in page.questions:
            correct = q.correct()
            terms = ", ".join(_link(here, term_pages[t], t, _term_name(corpus, t)) for t in q.terms)
            parts.append(
                quiz(
                    q.prompt,
                    [(o.text, o.id in correct, o.feedback) for o in q.shown_options()],
                    f"{q.explanation}\n\nTerms: {terms}. Source: [{source.title}]({source.url})",
                )
            )
        _write(content / f"{here}.md", "\n".join(parts))


WRITERS = {"plugin": write_plugin, "baseline": write_baseline, "peer": write_peer}


def write_variant(corpus: Corpus, variant: str, root: Path) -> Path:
    """Write one variant (a folder with mkdocs.yml and content/); returns its mkdocs.yml."""
    root.mkdir(parents=True, exist_ok=True)
    config = root / "mkdocs.yml"
    config.write_text(
        MKDOCS_YML.format(variant=variant, plugins=PLUGINS[variant], extensions=EXTENSIONS[variant])
    )
    _write(
        root / "content" / "index.md",
        INDEX_MD.format(
            questions=corpus.questions,
            pages=len(corpus.quizzes),
            terms=len(corpus.terms),
            scenarios=len(corpus.scenarios),
            first=corpus.quizzes[0].stem,
        ),
    )
    WRITERS[variant](corpus, root)
    if variant == "plugin":
        # Each YAML file's page, as `python -m srm_build pages` writes it.
        for yaml_file in (root / "content").rglob("*.yml"):
            _write(yaml_file.with_suffix(".md"), f"```srm\n{yaml_file.name}\n```\n")
    return config


def write_all(questions: int, out: Path, variants: tuple[str, ...] = VARIANTS) -> dict[str, Path]:
    """Every variant for `questions` questions under `out/<variant>/`; their mkdocs.yml."""
    corpus = make_corpus(questions)
    return {variant: write_variant(corpus, variant, out / variant) for variant in variants}


def write_empty(out: Path, variants: tuple[str, ...] = VARIANTS) -> dict[str, Path]:
    """Each variant's mkdocs.yml over an empty `content/` folder, under `out/<variant>/`: what
    a build costs before any content, the fixed cost (bench/run.py). Returns the configs."""
    configs = {}
    for variant in variants:
        root = out / variant
        (root / "content").mkdir(parents=True, exist_ok=True)
        configs[variant] = root / "mkdocs.yml"
        configs[variant].write_text(
            MKDOCS_YML.format(
                variant=variant, plugins=PLUGINS[variant], extensions=EXTENSIONS[variant]
            )
        )
    return configs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__)
    parser.add_argument("--questions", type=int, default=500)
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated")
    args = parser.parse_args(argv)
    variants = tuple(v for v in args.variants.split(",") if v)
    for variant, config in write_all(args.questions, args.out, variants).items():
        print(f"{variant}: {config}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
