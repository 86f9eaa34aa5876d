"""Commands that measure hudhud: eval (quality against gold) and bench (speed
and memory)."""

from __future__ import annotations

import json
from typing import Optional

import typer

from hudhud.cli.common import fail, out
from hudhud.errors import HudhudError


def eval_cmd(gold_file: Optional[str] = typer.Argument(None, metavar="[GOLD]", help="The gold file, as --gold."),
             gold: Optional[str] = typer.Option(None, "--gold", help="Gold file: FORMAT.md JSONL, a PLOVER JSONL, ..."),
             pred: Optional[str] = typer.Option(None, "--pred", help="Predicted JSONL (hudhud export); FORMAT.md gold, "
                                                "or a sentence suite already ingested and exported."),
             gold_format: str = typer.Option("hudhud", "--gold-format", help="hudhud | sentences | plover | re3d | trnews"),
             end_to_end: bool = typer.Option(True, "--end-to-end/--no-end-to-end", help="trnews: also score hudhud's own mentions."),
             as_json: bool = typer.Option(False, "--json"),
             details: bool = typer.Option(False, "--details", help="List misses and false positives per document.")) -> None:
    """Score hudhud against gold: FORMAT.md records (with --pred), or sentences (a suite, PLOVER) coded on the fly."""
    try:
        if gold_file and gold and gold_file != gold:
            raise HudhudError("two gold files given.", hint="name the gold once: GOLD or --gold GOLD.", code="H043")
        gold = gold or gold_file
        if not gold:
            raise HudhudError("no gold file.", hint="`hudhud eval GOLD` or `hudhud eval --gold GOLD`.", code="H043")
        if gold_format == "trnews":
            from hudhud.evaluate.trnews import evaluate_trnews

            result = evaluate_trnews(gold, end_to_end=end_to_end)
            tables = None
        elif gold_format == "re3d":
            from hudhud.evaluate.re3d import evaluate_re3d

            result = evaluate_re3d(gold)
            tables = None
        elif gold_format == "sentences":
            from hudhud.evaluate.report import render_sentences
            from hudhud.evaluate.sentences import evaluate_sentences

            result = evaluate_sentences(gold, pred=pred, details=details)
            tables = render_sentences(result)
        elif gold_format == "plover":
            from hudhud.evaluate.plover import evaluate_plover

            result = evaluate_plover(gold, details=details)
            tables = None
        elif gold_format == "hudhud":
            from hudhud.evaluate.report import render_table
            from hudhud.evaluate.seeds import evaluate

            if not pred:
                raise HudhudError("--pred is needed with FORMAT.md gold.", hint="export first: "
                                  "`hudhud export --db FILE -o pred.jsonl`.", code="H041")
            result = evaluate(gold, pred, details=details)
            tables = render_table(result)
        else:
            raise HudhudError(f"unknown --gold-format {gold_format!r}.", hint="use hudhud, sentences, plover, re3d or trnews.", code="H042")
    except Exception as exc:  # noqa: BLE001 - one line for the user, traceback with --debug
        fail(exc)
        return
    if as_json or tables is None:
        print(json.dumps(result, ensure_ascii=False, indent=None if as_json else 1))
        return
    for table in tables if isinstance(tables, list) else [tables]:
        out.print(table)
    if details:
        print(json.dumps(result.get("documents", result.get("details", [])), indent=1, ensure_ascii=False))


def bench(corpus: Optional[str] = typer.Option(None, "--corpus", help="JSONL or folder (default: the demo corpus)."),
          docs: Optional[int] = typer.Option(None, "--docs", help="Documents to analyse (the corpus is cycled)."),
          workers: int = typer.Option(2, "--workers"), as_json: bool = typer.Option(False, "--json")) -> None:
    """Measure throughput against bare spaCy, worker scaling, memory, store and query speed in one run."""
    from hudhud.engine.bench import bench as run_bench
    from hudhud.engine.bench import render_bench

    try:
        result = run_bench(corpus, docs, workers=workers)
    except Exception as exc:  # noqa: BLE001
        fail(exc)
        return
    if as_json:
        print(json.dumps(result, default=str))
    else:
        render_bench(result, out)
