"""Command line: `python -m srm_build check [CONTENT_DIR]`, and the steps of the build
commands of the engines that run no plugin (`pages`, `complete`)."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

from .errors import ContentError, format_problems
from .export import EXPORTS, question_bank
from .models import page_path
from .navigation import read_config
from .pipeline import load_content

# Each command imports what it alone uses, inside it: `check`, which runs on every save and
# in CI, imports neither what renders pages (Jinja), nor the schema writer or the Zensical
# steps (the exports' table is light, and the link checks use it).


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m srm_build", description="Check and export the SRM study content."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the content without building the site")
    check.add_argument(
        "content_dir",
        nargs="?",
        default="content",
        type=Path,
        help="folder of YAML and Markdown content (default: content)",
    )
    check.add_argument(
        "--config",
        default=Path("mkdocs.yml"),
        type=Path,
        help="the site's mkdocs.yml, whose nav must list every page (default: mkdocs.yml, "
        "when it exists and its docs_dir is the content folder)",
    )
    pages = commands.add_parser(
        "pages", help="write the page beside each YAML file that shows it, where missing"
    )
    pages.add_argument("content_dir", nargs="?", default="content", type=Path)
    complete = commands.add_parser(
        "complete",
        help="write the client files, exports and study bank into a site built by Zensical",
    )
    complete.add_argument("site_dir", type=Path, help="the built site (for example: site)")
    complete.add_argument("content_dir", nargs="?", default="content", type=Path)
    complete.add_argument(
        "--config",
        default=Path("mkdocs.yml"),
        type=Path,
        help="the site's mkdocs.yml, for the navigation's order (default: mkdocs.yml)",
    )
    schema = commands.add_parser("schema", help="write the JSON Schemas editors use")
    schema.add_argument(
        "folder",
        nargs="?",
        default="schemas",
        type=Path,
        help="where to write them (default: schemas)",
    )
    export = commands.add_parser("export", help="write the question bank in an open format")
    export.add_argument(
        "--format",
        required=True,
        choices=sorted(EXPORTS),
        help="json, gift (Moodle), qti (QTI 2.1 package) or anki-csv",
    )
    export.add_argument(
        "--out",
        type=Path,
        help="file to write (default: standard output; the qti package needs a file)",
    )
    export.add_argument("content_dir", nargs="?", default="content", type=Path)
    args = parser.parse_args(argv)
    if args.command == "schema":
        from .schema import write_schemas

        for path in write_schemas(args.folder):
            print(f"wrote {path.as_posix()}")
        return 0
    try:
        content = load_content(
            args.content_dir,
            config=getattr(args, "config", None),
            pages_required=args.command != "pages",
        )
    except ContentError as exc:
        print(format_problems(exc.problems), file=sys.stderr)
        return 1
    if args.command == "pages":
        from .pages import page_text

        for yaml_path in content.files:
            target = args.content_dir / page_path(yaml_path)
            if page_path(yaml_path) not in content.pages:
                target.write_text(page_text(content, yaml_path), encoding="utf-8")
                print(f"wrote {target.as_posix()}")
        return 0
    if args.command == "complete":
        if not args.site_dir.is_dir():
            print(f"{args.site_dir.as_posix()}: no built site there", file=sys.stderr)
            return 1
        from .engines.zensical import complete as complete_site
        from .files import scan_content

        _docs, nav, _not_in_nav = read_config(args.config)
        scanned = scan_content(args.content_dir, args.content_dir.as_posix())
        leftovers = [path.relative_to(args.content_dir).as_posix() for path in scanned.leftovers]
        order = [page for page, _l, _c in nav or []]
        written = complete_site(content, args.site_dir, order, leftovers)
        print(f"{args.site_dir.as_posix()}: wrote {len(written)} client and export files")
        return 0
    if args.command == "export":
        data = EXPORTS[args.format][1](question_bank(content))
        if args.out is not None:
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        elif isinstance(data, bytes):
            print("the qti format is a zip package: give --out FILE", file=sys.stderr)
            return 2
        else:
            sys.stdout.write(data)
        return 0
    print(
        f"{args.content_dir.as_posix()}: {len(content.files)} YAML files, "
        f"{len(content.pages)} pages, {len(content.by_id)} items: no problems found"
    )
    # How much the bank rewards position over knowledge (bias.py): printed every time,
    # warned about past its limit, never a failure (a small bank can be lopsided by chance).
    from .bias import bias_figures

    for figure in bias_figures(content):
        print(f"bank bias: {figure}")
        if figure.warn:
            print(f"warning: bank bias past its limit: {figure}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    try:
        status = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader of our output went away (`check content | head -1`): what Python's
        # documentation of SIGPIPE advises, so the interpreter's own last flush stays quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = 1
    # The process ends here: freezing what is alive spares the shutdown collection freeing
    # the loaded content object by object, which the OS takes back at once (an eighth of
    # `check` at 1,000 questions).
    gc.freeze()
    sys.exit(status)
