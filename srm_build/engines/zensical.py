"""The Zensical adapter. Zensical reads `mkdocs.yml` and renders with Python-Markdown and
the extensions it lists, so the core (`srm_build.markdown`) runs inside it unchanged; it
runs no third-party MkDocs plugin, so what the MkDocs adapter does in plugin events is done
here by the documented build command (`make build ENGINE=zensical`):

1. `python -m srm_build check`: the whole content validated, with located errors, before
   anything is written (the same check, and verdict, as every engine's);
2. `zensical build --strict --clean` into `.site.new`, through a configuration that
   inherits `mkdocs.yml` (Zensical has no `--site-dir`);
3. `python -m srm_build complete SITE_DIR`: the client files, minified, the exports of the
   question bank and the study bank's script, written into the built site, the "Edit
   this page" links of the pages that show a YAML file pointed at the YAML, and the
   gzipped sitemap MkDocs also publishes (`complete`).

Run alone, Zensical validates too, before it writes anything: `mkdocs.yml` calls
`refuse_on_load` while Zensical reads it (see there for why that is the only place). Past
that, the Markdown extension loads the content again at each page (`markdown.site_for`),
with the project's nav, and a problem there stops the build with a traceback.

The package's partials reach Zensical as the theme `srm`, which the site's `custom_dir`
extends (see `srm_build/theme`). Nothing here imports Zensical.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import sys
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path

from .. import assets
from ..export import EXPORTS, question_bank
from ..models import Content, page_path
from ..urls import url_of

LEAKED = ("__init__.py", "mkdocs_theme.yml", "__pycache__")
"""Files of the theme folders that Zensical copies to the site's root as static files
(MkDocs leaves out `*.py`, `*.pyc` and `mkdocs_theme.yml`): the package's theme is a
Python package, and the site's `custom_dir` holds the file that extends it."""


def refuse_on_load(docs_dir: str) -> None:
    """Validates the content while Zensical reads `mkdocs.yml`, before it empties and
    writes the site folder; a no-op when anyone else reads the file (MkDocs, whose plugin
    validates in `on_config`, or a test), or after `make build` has run the check
    (`SRM_CHECKED=1`). `mkdocs.yml` calls it from `extra` with YAML's
    `!!python/object/apply` and the `docs_dir` (an alias of it), which Zensical's loader
    (PyYAML's full `Loader`) evaluates as it reads the file: the only package code Zensical
    runs before it writes. Its plugin list has no hooks, and the Markdown extensions run
    page by page, after the theme's files are written (and a problem there ends in a
    traceback).

    On problems, prints the located lines as `python -m srm_build check` does (the same
    load, with `mkdocs.yml` in the working folder for the nav and toc settings, as `check`
    defaults to) and ends the process with status 1 at once: nothing has been written and
    nothing runs yet besides the loader, while an exception would reach Zensical's Rust
    side and come back as a traceback. Returns None, which `extra` holds."""
    if os.environ.get("SRM_CHECKED") == "1" or not _zensical_reading():
        return None
    docs = Path(docs_dir)
    if not docs.is_dir():
        return None  # not run from the project's folder: the pages' extension checks then
    from ..errors import ContentError, format_problems
    from ..pipeline import load_content

    config = Path("mkdocs.yml")
    try:
        load_content(docs, config=config if config.is_file() else None)
    except ContentError as exc:
        sys.stdout.flush()
        sys.stderr.write(format_problems(exc.problems) + "\n")
        sys.stderr.flush()
        os._exit(1)
    return None


def _zensical_reading() -> bool:
    """Whether Zensical's configuration reader (`zensical.config`) is on the call stack."""
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_globals.get("__name__") == "zensical.config":
            return True
        frame = frame.f_back
    return False


def complete(
    content: Content,
    site_dir: Path,
    nav: list[str] | None = None,
    leftovers: Iterable[str] = (),
) -> list[Path]:
    """Writes the client files, the exports and the study bank's script into a built site;
    returns their paths. `nav` is the navigation's page order (the study bank's topics
    follow it). The site is built with directory URLs, as Zensical's default is.

    A file the site already holds at one of these addresses is replaced. The theme
    folders' own files, which Zensical publishes, are removed (`LEAKED`), and so are the
    copies of the content folder's `leftovers` (content-relative paths of the editors'
    files the check skips, `files.is_leftover`), which Zensical publishes as they are, and
    of the YAML files, which it publishes unless the configuration excludes them."""
    # The YAML is the source of pages, never published as it is (the MkDocs adapter drops
    # it from the files); Zensical copies it unless `exclude_docs` lists it.
    for relative in [*leftovers, *content.files]:
        copy = site_dir / relative
        if copy.is_file() or copy.is_symlink():
            copy.unlink()
    for name in LEAKED:
        leaked = site_dir / name
        if leaked.is_dir() and all(p.suffix == ".pyc" for p in leaked.iterdir()):
            shutil.rmtree(leaked)
        elif leaked.is_file():
            leaked.unlink()
    # Imported here: the page check above, which `check` runs, renders nothing.
    from ..pages import SitePages
    from ..render import Renderer

    bank = question_bank(content)
    written: list[Path] = []
    outputs: dict[str, str | bytes] = dict(assets.published())
    outputs.update({uri: writer(bank) for uri, writer in EXPORTS.values()})
    pages = SitePages(content, Renderer(content))
    pages.chapters = nav or []
    outputs.update(pages.banks())
    for uri, data in outputs.items():
        target = site_dir / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        written.append(target)
    for yaml_path in content.files:
        edit_yaml(site_dir, yaml_path)
    # Each page loads the core and the client components it uses, as the MkDocs adapter's
    # on_post_page does: Zensical has no event for a page's output.
    bundles: set[str] = set()
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        linked = assets.link_components(html)
        if linked != html:
            page.write_text(linked, encoding="utf-8")
            bundles.add(assets.URI.format(assets.bundle_of(html)))
    for uri in sorted(bundles - set(outputs)):
        target = site_dir / uri
        target.write_bytes(assets.bundle(uri.rsplit("/", 1)[1]))
        written.append(target)
    sitemap = gzip_sitemap(site_dir)
    if sitemap is not None:
        written.append(sitemap)
    return written


def gzip_sitemap(site_dir: Path) -> Path | None:
    """Writes `sitemap.xml.gz` beside the `sitemap.xml` Zensical wrote, as MkDocs publishes
    both (`mkdocs.commands.build`); returns its path, or None when the site has no sitemap.
    The gzip header's time is MkDocs' too: `SOURCE_DATE_EPOCH` when set, else today at
    midnight UTC, so two builds on one day are byte-identical."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        stamp = int(epoch)
    else:
        stamp = int(datetime.combine(date.today(), datetime.min.time(), UTC).timestamp())
    target = site_dir / "sitemap.xml.gz"
    with (
        target.open("wb") as raw,
        gzip.GzipFile(filename=sitemap.name, mode="wb", fileobj=raw, mtime=stamp) as packed,
    ):
        packed.write(sitemap.read_bytes())
    return target


def edit_yaml(site_dir: Path, yaml_path: str) -> bool:
    """Points the edit and view links of the page that shows `yaml_path` at the YAML, as
    the MkDocs adapter does through the file's `edit_uri`: Zensical offers no way to set a
    page's edit address, so the built page is changed. Only links into the repository
    (their address holds `/edit/`, `/blob/` or `/raw/`) that end in the page's own source
    path are changed. Returns whether the page was found."""
    src = page_path(yaml_path)
    for url in (url_of(src, True), url_of(src, False)):
        page = site_dir / (url + "index.html" if url.endswith("/") or not url else url)
        if page.is_file():
            break
    else:
        return False
    link = re.compile(r'(href="[^"]*/(?:edit|blob|raw)/[^"]*/)' + re.escape(src) + '"')
    html = page.read_text(encoding="utf-8")
    page.write_text(link.sub(lambda m: f'{m.group(1)}{yaml_path}"', html), encoding="utf-8")
    return True
