"""The command line: `newsdigest [build|ingest|serve|check|init]`, or `python build.py …` in the repository.

Every problem in the editor's input ends here as one readable line naming the
file and the reason, and a non-zero exit; never as a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from newsdigest.config import Config, load_config
from newsdigest.errors import NewsdigestError, describe_os_error

# No emoji codes: a path or a title holding ":name:" is printed as written (and rich's table of codes, a
# noticeable share of a quick build's start, is never loaded).
console = Console(stderr=False, highlight=False, emoji=False)
errors = Console(stderr=True, highlight=False, emoji=False)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    command = args.command or "build"
    try:
        if command == "init":
            return _init(args.dir)
        if not args.config.exists():
            errors.print(f"[bold red]error:[/] no {escape(str(args.config))} here: make a site with "
                         f"`{program()} init DIR`, or name one with --config FILE", markup=True, soft_wrap=True)
            return 1
        config = load_config(args.config, content_dir=args.content, output_dir=args.output, cache_dir=args.cache)
        if command == "serve":  # a build checks its folders itself (`pipeline.build`)
            from newsdigest.publish import check_folders

            check_folders(config)
        if command == "build":
            return _build(config)
        if command == "ingest":
            return _ingest(config, args.explain)
        if command == "check":
            return _check(config)
        if command == "serve":
            from newsdigest.serve import serve

            return serve(config, host=args.host, port=args.port)
    except KeyboardInterrupt:
        errors.print("stopped")
        return 130
    except (NewsdigestError, OSError) as exc:
        # A problem in the site's files, or the machine saying no (a read-only folder, a full disk, a file that
        # vanished): one line, no traceback.
        if args.debug:
            errors.print_exception()
        message = str(exc) if isinstance(exc, NewsdigestError) else describe_os_error(exc)
        errors.print(f"[bold red]error:[/] {escape(message)}", markup=True, soft_wrap=True)
        return 1
    raise AssertionError(f"unknown command {command}")


def _build(config: Config) -> int:
    from newsdigest.pipeline import build

    result = build(config)
    _print_ingest_summary(result.ingest)
    console.print(
        (f"Up to date: {result.story_count} stories from {result.post_count} posts in" if result.up_to_date
         else f"Built {result.story_count} stories from {result.post_count} posts into")
        + f" [bold]{escape(str(config.output_dir.resolve()))}/[/]",
        soft_wrap=True,  # a path broken over two lines cannot be copied
    )
    if not result.post_count:  # an up-to-date build carries no posts, only their count
        console.print(f"Next: put articles in [bold]{escape(str(config.sources_dir))}/[/] and run "
                      f"[bold]{program()} build[/] again", soft_wrap=True)
    # Links are root-relative (as on the published site), so the pages want a server, not file://.
    console.print(f"Preview it at http://127.0.0.1:8000 with: [bold]{program()} serve[/]")
    return 0


def _init(folder: Path) -> int:
    from newsdigest.scaffold import init_site

    init_site(folder)
    console.print(f"Made a new site in [bold]{escape(str(folder.resolve()))}/[/]: site.toml and content/ "
                  "(sources, posts, stories)", soft_wrap=True)
    where = "" if folder.resolve() == Path.cwd() else f"cd {escape(str(folder))}, then "
    console.print(f"Next: {where}set title and base_url in site.toml, put articles in content/sources/, "
                  f"and run [bold]{program()} build[/]", soft_wrap=True)
    return 0


def program() -> str:
    """The command as the editor typed it: `newsdigest` when installed, `python build.py` in the repository."""
    called = Path(sys.argv[0]) if sys.argv and sys.argv[0] else Path()
    if called.suffix == ".py":
        here = called.resolve().parent == Path(__file__).resolve().parent  # python -m newsdigest.cli
        return "python -m newsdigest.cli" if here else f"python {called.name}"
    return called.name or "newsdigest"


def _ingest(config: Config, explain: Path | None) -> int:
    from newsdigest.ingest import ingest

    if explain is not None:
        from newsdigest.ingest import explain as explain_source

        explain_source(explain, config, console)
        return 0
    from newsdigest.publish import clean_leftovers, site_lock

    with site_lock(config):  # a build running at the same time writes the same posts
        clean_leftovers(config)
        report = ingest(config)
    _print_ingest_summary(report)
    return 0


def _check(config: Config) -> int:
    from newsdigest.check import check

    report = check(config)
    for warning in report.warnings:
        errors.print(f"[yellow]warning:[/] {escape(warning)}", soft_wrap=True)
    for problem in report.problems:
        errors.print(f"[bold red]error:[/] {escape(problem)}", soft_wrap=True)
    if report.problems:
        errors.print(f"{len(report.problems)} problem(s) found")
        return 1
    warned = f", with {len(report.warnings)} warning(s) above" if report.warnings else ""
    console.print(f"Content and configuration are valid{warned}.")
    return 0


def _print_ingest_summary(report) -> None:
    for path, reason in report.skipped:
        errors.print(f"[yellow]skipped[/] {escape(str(path))}: {escape(reason)}", soft_wrap=True)
    for path, post_id in report.renamed:
        errors.print(f"[yellow]note[/] {escape(str(path))}: its name gives the same id as another source's; "
                     f"its post is {escape(post_id)}.md", soft_wrap=True)
    renamed = f", {len(report.renamed)} given a distinct id" if report.renamed else ""
    console.print(
        f"Ingest: {len(report.written)} ingested, {len(report.unchanged)} unchanged, "
        f"{len(report.kept)} kept as edited, {len(report.skipped)} skipped{renamed}",
        soft_wrap=True,
    )


def _folder_options() -> argparse.ArgumentParser:
    """The folder options every command takes, before or after its name. Each parser gets its own copy:
    argparse shares a parent's option objects with every parser made from it, so the defaults the top
    parser sets would reach the commands' copies and undo a folder given before the command."""
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument("--content", type=Path, default=argparse.SUPPRESS, help="content folder (default: content/)")
    shared.add_argument("--output", type=Path, default=argparse.SUPPRESS, help="output folder (default: output/)")
    shared.add_argument("--cache", type=Path, default=argparse.SUPPRESS, help="cache folder (default: .cache/)")
    shared.add_argument("--config", type=Path, default=argparse.SUPPRESS, help="site settings (default: site.toml)")
    shared.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="show the full traceback of an error (for reporting a bug)")
    return shared


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=program(), description="Build the news digest site.",
                                     parents=[_folder_options()])
    parser.set_defaults(content=Path("content"), output=Path("output"), cache=Path(".cache"), config=Path("site.toml"),
                        debug=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("build", parents=[_folder_options()],
                        help="ingest new or changed sources, group, render (default)")
    ingest = commands.add_parser("ingest", parents=[_folder_options()],
                                 help="only normalise sources into content/posts/")
    ingest.add_argument("--explain", type=Path, metavar="FILE", help="show each line of FILE kept or dropped, and why")
    serve = commands.add_parser("serve", parents=[_folder_options()], help="build, then watch, serve and live-reload")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    commands.add_parser("check", parents=[_folder_options()],
                        help="validate content and configuration without writing the site")
    init = commands.add_parser("init", help="make a new site folder (site.toml, content/), ready to build")
    init.add_argument("dir", type=Path, nargs="?", default=Path("."), metavar="DIR",
                      help="the new site's folder (default: here)")
    return parser


if __name__ == "__main__":
    sys.exit(main())
