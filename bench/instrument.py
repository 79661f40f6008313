"""One build or `check` with CPU timers on the stages issue #18 names; run by
bench/profile_fixed.py as `python -m bench.instrument build CONFIG SITE` (a plugin build),
`plain CONFIG SITE` (a build without the plugin: imports, theme templates, build()) or
`check CONTENT`. Prints JSON: CPU seconds per stage.

No profiler: the functions of interest are wrapped with `time.process_time` timers (an
outer call only, so recursion is not counted twice), which costs microseconds per call.
Imports are timed in the order a build meets them, after what every build imports, plugin
or not (MkDocs, Markdown, Jinja, YAML, the theme's search plugin), so the srm imports count
only what the plugin adds. This module imports nothing of the project's at its top.
"""

import functools
import json
import sys
import time
from collections import defaultdict

clock = time.process_time
START = clock()
spent: dict[str, float] = defaultdict(float)
_depth: dict[str, int] = defaultdict(int)


def _timed(label: str, original):
    @functools.wraps(original)
    def timed(*args, **kwargs):
        if _depth[label]:
            return original(*args, **kwargs)
        _depth[label] += 1
        began = clock()
        try:
            return original(*args, **kwargs)
        finally:
            spent[label] += clock() - began
            _depth[label] -= 1

    return timed


def wrap(owner, name: str, label: str, static: bool = False) -> None:
    """Time `owner.name` under `label`; a module function is replaced wherever the package's
    modules imported it by name, and in the exports table."""
    original = getattr(owner, name, None)
    if original is None:
        # Renamed since this was written: say so in the output rather than fail the run.
        spent[f"(not found: {getattr(owner, '__name__', owner)}.{name}) {label}"] = 0.0
        return
    timed = _timed(label, original)
    setattr(owner, name, staticmethod(timed) if static else timed)
    if isinstance(owner, type(sys)):
        for module in list(sys.modules.values()):
            if getattr(module, "__name__", "").startswith("srm_build"):
                for attr, value in list(vars(module).items()):
                    if value is original:
                        setattr(module, attr, timed)


def imported(label: str, *modules: str) -> None:
    began = clock()
    for module in modules:
        __import__(module)
    spent[label] += clock() - began


def instrument_jinja() -> None:
    import jinja2

    original = jinja2.Environment.compile

    def compile(self, source, name=None, filename=None, *args, **kwargs):
        where = str(filename or name or "")
        if where.endswith(".jinja"):
            label = "jinja: srm item templates compiled"
        elif "srm_build" in where:
            label = "jinja: srm theme partials compiled"
        else:
            label = "jinja: theme templates compiled (plain builds pay it too)"
        began = clock()
        try:
            return original(self, source, name, filename, *args, **kwargs)
        finally:
            spent[label] += clock() - began

    jinja2.Environment.compile = compile


def main(argv: list[str]) -> int:
    mode, *args = argv
    if mode in ("build", "plain"):
        imported(
            "imports every build makes (mkdocs, markdown, jinja2, yaml, theme search)",
            "mkdocs.__main__",
            "mkdocs.commands.build",
            "mkdocs.config.defaults",
            "markdown",
            "jinja2",
            "yaml",
            "material.plugins.search.plugin",
        )
        instrument_jinja()
    if mode == "plain":
        return run_mkdocs(*args)
    imported("import pydantic", "pydantic")
    import pydantic
    from pydantic._internal._model_construction import ModelMetaclass
    from pydantic.type_adapter import TypeAdapter

    wrap(pydantic, "__getattr__", "  of which: pydantic's lazy attribute imports")
    wrap(ModelMetaclass, "__new__", "  of which: pydantic model classes built", static=True)
    wrap(TypeAdapter, "__init__", "  of which: pydantic TypeAdapters built (validators)")
    imported("import srm_build (models, pipeline)", "srm_build")
    if mode == "build":
        imported("import srm_build.markdown (fence, pages, render, markup)", "srm_build.markdown")
        imported("import srm_build.engines.mkdocs (the plugin)", "srm_build.engines.mkdocs")
    else:
        imported("import srm_build.__main__ (the command line)", "srm_build.__main__")
    from srm_build import export, glossary, markup, pages, pipeline, render

    wrap(pipeline, "load_content", "load_content (read, validate, cross-check)")
    wrap(pages.SitePages, "file_markdown", "srm fence pages (SitePages.file_markdown)")
    wrap(render.Renderer, "item", "  of which: item rendering (Renderer.item)")
    wrap(pages.SitePages, "study_bank", "study bank page (SitePages.study_bank)")
    wrap(pages.SitePages, "compact_bank", "compact bank script (SitePages.compact_bank)")
    wrap(markup, "_convert", "Markdown of item fields (markup._convert)")
    wrap(glossary.GlossaryLinks, "run", "glossary linking (GlossaryLinks.run)")
    wrap(export, "question_bank", "exports: question_bank")
    for key, (path, writer) in list(export.EXPORTS.items()):
        label = f"exports: {writer.__name__}"
        export.EXPORTS[key] = (path, _timed(label, writer))
    if mode == "build":
        from srm_build.engines.mkdocs import SrmPlugin

        for hook in ("on_config", "on_files", "on_page_markdown", "on_page_content"):
            wrap(SrmPlugin, hook, f"plugin {hook}")
        return run_mkdocs(*args)
    else:
        from srm_build.__main__ import main as check_main

        began = clock()
        status = check_main(["check", *args])
        spent["check main()"] += clock() - began
        if status:
            raise SystemExit(status)
    return finish()


def run_mkdocs(config: str, site: str) -> int:
    """`mkdocs build -q` in this process, its build() and per-page stages timed; the JSON."""
    import mkdocs.commands.build as build_module
    from material.plugins.search.plugin import SearchPlugin
    from mkdocs.__main__ import cli
    from mkdocs.structure.pages import Page

    wrap(build_module, "build", "mkdocs build() (config loaded; pages, theme, plugins)")
    # What every variant pays per page, larger where pages carry more HTML.
    wrap(Page, "render", "  pages: Markdown -> HTML (Page.render, srm fences included)")
    wrap(build_module, "_build_page", "  pages: theme template and writing (_build_page)")
    wrap(SearchPlugin, "on_page_context", "    of which: search indexing (theme's search plugin)")
    sys.argv = ["mkdocs", "build", "-q", "-f", config, "-d", site]
    try:
        cli()
    except SystemExit as done:
        if done.code not in (0, None):
            raise
    return finish()


def finish() -> int:
    spent["whole process after interpreter start"] = clock() - START
    sys.stdout = sys.__stdout__
    print(json.dumps(spent))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
