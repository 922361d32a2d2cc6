"""`nlp batch`: the subcommand's arguments and its entry point (nlp.cli calls these two)."""
from __future__ import annotations

import argparse
import sys

from nlp.cliargs import published_date



def _positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value}")
    return n


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "batch", help="process a corpus into a deduplicated dataset (DuckDB)",
        description="Process directories, globs or JSONL files of pages into a DuckDB dataset, "
                    "dedupe reposts across the whole dataset, and show progress. Rerunning skips "
                    "inputs already in the dataset.")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="directory, glob ('scrape/**/*.html'), file, or JSONL file with url/html/text per line")
    p.add_argument("--db", required=True, metavar="PATH", help="DuckDB dataset file (created or extended)")
    p.add_argument("--workers", type=_positive, default=None, metavar="N",
                   help="worker processes (default: all cores)")
    p.add_argument("--jsonl", metavar="PATH", help="also write every record, duplicate_of filled in, as JSON Lines")
    p.add_argument("--parquet", metavar="DIR", help="also export the tables as DIR/<table>.parquet")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local process pool (default) or a Dask cluster")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: a local Dask cluster)")
    p.add_argument("--ship", choices=("bytes", "paths"), default="bytes",
                   help="dask: send page bytes (default) or paths (only if workers see the same files)")
    p.add_argument("--kb", action="append", metavar="PATH", help="extra company knowledge-base file")
    p.add_argument("--published", type=published_date, metavar="YYYY-MM-DD",
                   help="publication date for pages that show none")
    p.add_argument("--chunk-size", type=_positive, default=256, metavar="N",
                   help="inputs committed per transaction (default 256)")
    p.add_argument("--timeout", type=float, default=120.0, metavar="SECONDS",
                   help="give up on a page after SECONDS (default 120; 0: no limit); it becomes an error row")
    p.add_argument("--no-progress", action="store_true", help="no progress bar; log lines only")
    p.add_argument("--log-every", type=float, default=10.0, metavar="SECONDS",
                   help="without a bar, one progress line every SECONDS (default 10)")
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    # imported here so that `nlp extract` does not load DuckDB, Dask and datasketch
    from nlp.run.batch import BatchConfig, format_summary, run_batch
    from nlp.store.duckdb import DatasetError

    if args.scheduler and args.engine != "dask":
        args.engine = "dask"
    cfg = BatchConfig(
        inputs=list(args.inputs), db=args.db, workers=args.workers, engine=args.engine,
        scheduler=args.scheduler, ship=args.ship, jsonl=args.jsonl, parquet=args.parquet,
        published=args.published, kb=tuple(args.kb or ()), chunk_size=args.chunk_size,
        progress=False if args.no_progress else None, log_every=args.log_every, timeout=args.timeout or None,
    )
    try:
        summary = run_batch(cfg)
    except DatasetError as exc:
        print(f"nlp batch: error: cannot open the dataset {exc}", file=sys.stderr)
        return 1
    print(format_summary(summary), file=sys.stderr if args.jsonl == "-" else sys.stdout)
    return summary.exit_status


def main(argv: list[str] | None = None) -> int:
    """`python -m nlp.run.cli INPUT... --db PATH`: the subcommand on its own (nlp.cli wires it)."""
    parser = argparse.ArgumentParser(prog="nlp")
    add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["batch", *(sys.argv[1:] if argv is None else argv)])
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
