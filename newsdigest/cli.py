"""The command line: `python build.py [build|ingest|serve|check]`.

Every problem in the editor's input ends here as one readable line naming the
file and the reason, and a non-zero exit; never as a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console

from newsdigest.config import Config, load_config
from newsdigest.errors import NewsdigestError

console = Console(stderr=False, highlight=False)
errors = Console(stderr=True, highlight=False)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    command = args.command or "build"
    try:
        config = load_config(args.config, content_dir=args.content, output_dir=args.output, cache_dir=args.cache)
        if command == "build":
            return _build(config)
        if command == "ingest":
            return _ingest(config, args.explain)
        if command == "check":
            return _check(config)
        if command == "serve":
            from newsdigest.serve import serve

            return serve(config, host=args.host, port=args.port)
    except NewsdigestError as exc:
        errors.print(f"[bold red]error:[/] {exc}", markup=True, soft_wrap=True)
        return 1
    except KeyboardInterrupt:
        errors.print("stopped")
        return 130
    raise AssertionError(f"unknown command {command}")


def _build(config: Config) -> int:
    from newsdigest.pipeline import build

    result = build(config)
    _print_ingest_summary(result.ingest)
    console.print(
        (f"Up to date: {result.story_count} stories from {result.post_count} posts in" if result.up_to_date
         else f"Built {result.story_count} stories from {result.post_count} posts into")
        + f" [bold]{config.output_dir.resolve()}/[/]"
    )
    # Links are root-relative (as on the published site), so the pages want a server, not file://.
    console.print("Preview it at http://127.0.0.1:8000 with: [bold]python build.py serve[/]")
    return 0


def _ingest(config: Config, explain: Path | None) -> int:
    from newsdigest.ingest import ingest

    if explain is not None:
        from newsdigest.ingest import explain as explain_source

        explain_source(explain, config, console)
        return 0
    report = ingest(config)
    _print_ingest_summary(report)
    return 0


def _check(config: Config) -> int:
    from newsdigest.check import check

    problems = check(config)
    for problem in problems:
        errors.print(f"[bold red]error:[/] {problem}", soft_wrap=True)
    if problems:
        errors.print(f"{len(problems)} problem(s) found")
        return 1
    console.print("Content and configuration are valid.")
    return 0


def _print_ingest_summary(report) -> None:
    for path, reason in report.skipped:
        errors.print(f"[yellow]skipped[/] {path}: {reason}", soft_wrap=True)
    console.print(
        f"Ingest: {len(report.written)} ingested, {len(report.unchanged)} unchanged, "
        f"{len(report.kept)} kept as edited, {len(report.skipped)} skipped"
    )


def _parser() -> argparse.ArgumentParser:
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument("--content", type=Path, default=argparse.SUPPRESS, help="content folder (default: content/)")
    shared.add_argument("--output", type=Path, default=argparse.SUPPRESS, help="output folder (default: output/)")
    shared.add_argument("--cache", type=Path, default=argparse.SUPPRESS, help="cache folder (default: .cache/)")
    shared.add_argument("--config", type=Path, default=argparse.SUPPRESS, help="site settings (default: site.toml)")

    parser = argparse.ArgumentParser(
        prog="build.py", description="Build the news digest site.", parents=[shared]
    )
    parser.set_defaults(content=Path("content"), output=Path("output"), cache=Path(".cache"), config=Path("site.toml"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("build", parents=[shared], help="ingest new or changed sources, group, render (default)")
    ingest = commands.add_parser("ingest", parents=[shared], help="only normalise sources into content/posts/")
    ingest.add_argument("--explain", type=Path, metavar="FILE", help="show each line of FILE kept or dropped, and why")
    serve = commands.add_parser("serve", parents=[shared], help="build, then watch, serve and live-reload")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    commands.add_parser("check", parents=[shared], help="validate content and configuration without writing the site")
    return parser


if __name__ == "__main__":
    sys.exit(main())
