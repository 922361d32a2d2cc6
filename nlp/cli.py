"""Command line: `nlp extract`, `nlp batch` (and, where built, `nlp show` / `nlp report`).

Thin on purpose: parsing and printing only; the work happens in nlp.pipeline and nlp.run.
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Optional

from nlp.errors import InputError, ModelFileError
from nlp.cliargs import published_date
from nlp.settings import Settings


def _extract(args: argparse.Namespace) -> int:
    from nlp.decode.reader import read_path
    from nlp.pipeline import get_pipeline

    settings = Settings(kb_paths=tuple(args.kb or ()), published=args.published)
    pipeline = get_pipeline(settings)
    failed = 0
    out = sys.stdout
    for name in args.files:
        try:
            if name == "-":
                data = sys.stdin.buffer.read()
                record = pipeline.analyze_bytes(data, "<stdin>", args.published)
            else:
                record = pipeline.analyze_bytes(read_path(name), name, args.published)
        except InputError as exc:
            failed += 1
            print(f"nlp: error: {exc}", file=sys.stderr)
            continue
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()
    return 1 if failed else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="nlp", description="Bilingual news analysis toolkit.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="print one JSON record per input page (JSON Lines)")
    p.add_argument("files", nargs="+", metavar="FILE", help="HTML pages or text dumps; '-' reads stdin")
    p.add_argument("--published", type=published_date, help="publication date when the page shows none")
    p.add_argument("--kb", action="append", metavar="PATH", help="extra company knowledge-base CSV")
    p.set_defaults(func=_extract)
    for module in ("nlp.run.cli", "nlp.view.cli"):
        try:
            mod = __import__(module, fromlist=["add_parser"])
        except ModuleNotFoundError as exc:
            if exc.name and module.startswith(exc.name):
                continue
            raise
        mod.add_parser(sub)
    return parser


def main(argv: Optional[list[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except (InputError, ModelFileError) as exc:
        print(f"nlp: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("nlp: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
