"""Commands that load outside reference data: `kb import-cameo` (TABARI actor
dictionaries), `kb build-verbs` (the CAMEO verb dictionary), `kb build-base` (the Phoenix
base layer, a developer's step) and `gazetteer import` (GeoNames dumps)."""

from __future__ import annotations

import json
from typing import Optional

import typer

from hudhud.cli.common import fail, say

kb_app = typer.Typer(help="The actor knowledge base.", no_args_is_help=True)
gazetteer_app = typer.Typer(help="The offline gazetteer.", no_args_is_help=True)


@gazetteer_app.command("import")
def gazetteer_import(file: str = typer.Argument(..., help="A GeoNames dump: allCountries.zip, IQ.zip or IQ.txt."),
                     out: Optional[str] = typer.Option(None, "--out", help="Index to write (default: the user index)."),
                     classes: str = typer.Option("PAS", "--classes", help="GeoNames feature classes to keep."),
                     country: list[str] = typer.Option([], "--country", help="Keep only these ISO2 countries."),
                     min_population: int = typer.Option(0, "--min-population")) -> None:
    """Load a full GeoNames dump into a user gazetteer that hudhud then prefers."""
    from hudhud.kb.gazetteer_import import import_geonames

    try:
        result = import_geonames(file, out, classes=classes, countries=tuple(country), min_population=min_population)
    except Exception as exc:  # noqa: BLE001
        fail(exc)
        return
    say(json.dumps(result, default=str))


@kb_app.command("import-cameo")
def kb_import_cameo(files: list[str] = typer.Argument(..., help="Phoenix/CAMEO actor dictionaries (TABARI)."),
                    output: str = typer.Option(..., "--output", "-o", help="KB file to write (.yml or .jsonl)."),
                    country: list[str] = typer.Option([], "--country", help="Keep only these ISO3 countries.")) -> None:
    """Turn TABARI actor dictionaries into a KB file for `--kb`."""
    from hudhud.kb.cameo_import import run_import

    try:
        result = run_import(files, output, countries=country or None)
    except Exception as exc:  # noqa: BLE001
        fail(exc)
        return
    say(json.dumps(result, default=str))


@kb_app.command("build-verbs")
def kb_build_verbs(file: str = typer.Argument(..., help="PETRARCH2's verb dictionary, CAMEO.2.0.txt."),
                   out: Optional[str] = typer.Option(None, "--out", help="Folder for index.jsonl "
                                                     "(default: the package's data/lexicon/cameo_verbs).")) -> None:
    """Build the CAMEO verb index that hudhud ships (done once; the index is committed)."""
    from hudhud.kb.petrarch_verbs import build_index

    try:
        result = build_index(file, out)
    except Exception as exc:  # noqa: BLE001
        fail(exc)
        return
    say(json.dumps(result, default=str))


@kb_app.command("build-base")
def kb_build_base(source: str = typer.Option(..., "--source",
                                            help="Folder with the Phoenix dictionaries (petrarch2 data/dictionaries)."),
                  out: Optional[str] = typer.Option(None, "--out",
                                                    help="Folder to write (default: the package's data/kb/phoenix)."),
                  dictionary: Optional[str] = typer.Option(
                      None, "--dictionary",
                      help="A word list (e.g. /usr/share/dict/words) to regenerate stopnames.txt.")) -> None:
    """Rebuild the committed Phoenix base-layer index (run once by a developer, never at run time)."""
    from importlib import resources

    from hudhud.kb.phoenix_build import build_base

    target = out or str(resources.files("hudhud").joinpath("data", "kb", "phoenix"))
    try:
        result = build_base(source, target, dictionary=dictionary)
    except Exception as exc:  # noqa: BLE001
        fail(exc)
        return
    say(json.dumps(result, default=str))
