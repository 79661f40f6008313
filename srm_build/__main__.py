"""Command line: `python -m srm_build check [CONTENT_DIR]`."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from .bias import bias_figures
from .errors import ContentError, format_problems
from .export import EXPORTS, question_bank
from .pipeline import load_content
from .schema import write_schemas


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
        for path in write_schemas(args.folder):
            print(f"wrote {path.as_posix()}")
        return 0
    try:
        content = load_content(args.content_dir, config=getattr(args, "config", None))
    except ContentError as exc:
        print(format_problems(exc.problems), file=sys.stderr)
        return 1
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
    for figure in bias_figures(content):
        print(f"bank bias: {figure}")
        if figure.warn:
            print(f"warning: bank bias past its limit: {figure}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    status = main()
    # The process ends here: freezing what is alive spares the shutdown collection freeing
    # the loaded content object by object, which the OS takes back at once (an eighth of
    # `check` at 1,000 questions).
    gc.freeze()
    sys.exit(status)
