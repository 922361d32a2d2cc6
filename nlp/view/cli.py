"""`nlp show` and `nlp report`: the subcommands' arguments and entry points (nlp.cli registers them)."""
from __future__ import annotations

import argparse

from nlp.cliargs import published_date


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "show", help="one article as a self-contained HTML page",
        description="Analyse one page and write a self-contained HTML view of it: the clean body with "
                    "companies, figures and business-model evidence highlighted, tables of what was "
                    "found, a simplified/original toggle, and every line cleaning removed.")
    p.add_argument("file", metavar="FILE", help="an HTML page or text dump")
    p.add_argument("-o", "--output", default="-", metavar="PAGE.html", help="where to write the page (default: stdout)")
    p.add_argument("--published", type=published_date, metavar="YYYY-MM-DD", help="publication date when the page shows none")
    p.add_argument("--kb", action="append", metavar="PATH", help="extra company knowledge-base file")
    p.set_defaults(func=show)

    r = subparsers.add_parser(
        "report", help="a dataset as a self-contained HTML report",
        description="Write a self-contained HTML report of a dataset built by `nlp batch`: counts, "
                    "figures per company and period with disagreements flagged, business models per "
                    "company and over time, the most reposted articles and the failures.")
    r.add_argument("--db", required=True, metavar="PATH", help="DuckDB dataset file (opened read-only)")
    r.add_argument("-o", "--output", default="-", metavar="REPORT.html", help="where to write the page (default: stdout)")
    r.add_argument("--metric", action="append", metavar="NAME",
                   help="metric to chart per company (repeatable; default: revenue and arr)")
    r.set_defaults(func=report)


def show(args: argparse.Namespace) -> int:
    from nlp.view import write_html
    from nlp.view.article_page import build_article_page

    write_html(build_article_page(args.file, args.published, tuple(args.kb or ())), args.output)
    return 0


def report(args: argparse.Namespace) -> int:
    from nlp.view import write_html
    from nlp.view.report_page import build_report_page

    metrics = tuple(args.metric) if args.metric else ("revenue", "arr")
    write_html(build_report_page(args.db, metrics), args.output)
    return 0
