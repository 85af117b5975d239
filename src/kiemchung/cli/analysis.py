"""``kiemchung classify | eval | train | analyse``: the analysers on files and on the database.

``classify`` reads JSONL (one object with a ``text`` field per line) and writes exactly one
JSON object per input line, in order. A bad input line (not JSON, no ``text`` string,
blank) gives an *error object on that line* — ``{"error": {...}, "line": N}`` — so that
output line N always answers input line N; each bad line is also reported on stderr and
the command then exits with status 1. Nothing is ever dropped.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import IO, Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from kiemchung.analysis import TASKS, get_analyser
from kiemchung.analysis._analyser import LinearAnalyser, load_analyser
from kiemchung.cli.context import CliContext, out, pass_ctx
from kiemchung.errors import ValidationError
from kiemchung.plugins import Registry

_BATCH = 1000
_TASK = click.option("--task", required=True, type=click.Choice(sorted(TASKS)),
                     help="Which analyser.")
_MODEL = click.option("--model", "model_dir", type=click.Path(file_okay=False, path_type=Path),
                      help="Model folder written by `kiemchung train` (default: the shipped model).")


def _analyser(task: str, model_dir: Path | None) -> Any:
    return load_analyser(task, model_dir) if model_dir is not None else get_analyser(task)


def _parse(line: str, number: int) -> str | dict[str, Any]:
    """The text of one input line, or an error object naming the line."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError:
        err = ValidationError("not valid JSON", line=number, expected="a JSON object")
    else:
        if isinstance(record, dict) and isinstance(record.get("text"), str):
            return str(record["text"])
        err = ValidationError("no text", line=number, field="text", expected="a string",
                              received=record.get("text") if isinstance(record, dict) else record)
    return {**err.to_dict(), "line": number}


def _chunks(stream: IO[str]) -> Iterator[list[tuple[int, str]]]:
    lines = enumerate((line.rstrip("\r\n") for line in stream), start=1)
    while chunk := list(islice(lines, _BATCH)):
        yield chunk


@click.command("classify")
@_TASK
@click.option("--input", "input_file", type=click.File("r", encoding="utf-8"), default="-",
              show_default=True, help="JSONL input with a `text` field ('-' = stdin).")
@click.option("--output", "output_file", type=click.File("w", encoding="utf-8"), default="-",
              show_default=True, help="JSONL output ('-' = stdout).")
@_MODEL
def classify_command(task: str, input_file: IO[str], output_file: IO[str],
                     model_dir: Path | None) -> None:
    """Phân loại / classify JSONL texts: one JSON result per input line, in order.

    Output: {"label", "scores": {label: probability}, "signals": [...], "model"}.
    A bad line yields {"error": {...}, "line": N} on that line and exit status 1.
    """
    analyser = _analyser(task, model_dir)
    bad = 0
    for chunk in _chunks(input_file):
        parsed = [_parse(line, n) for n, line in chunk]
        texts = [p for p in parsed if isinstance(p, str)]
        preds = iter(analyser.predict(texts) if texts else [])
        for item in parsed:
            if isinstance(item, str):
                result = next(preds).to_dict()
            else:
                bad += 1
                click.secho(f"Lỗi / error: {item['error']['message']}", fg="red", err=True)
                result = item
            output_file.write(json.dumps(result, ensure_ascii=False) + "\n")
    output_file.flush()
    if bad:
        click.secho(f"{bad} dòng lỗi / bad line(s); each has an error object in the output",
                    fg="red", err=True)
        sys.exit(1)


def _metrics_table(title: str, result: Any) -> Table:
    table = Table(title=title)
    for col in ("label", "precision", "recall", "F1", "support"):
        table.add_column(col, justify="right" if col != "label" else "left")
    for label, row in result.per_class.items():
        table.add_row(label, f"{row['precision']:.4f}", f"{row['recall']:.4f}", f"{row['f1']:.4f}",
                      str(int(row["support"])))
    return table


@click.command("eval")
@_TASK
@click.option("--data", "data_file", required=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="JSONL file with `text` and `label`.")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as one JSON object.")
@_MODEL
def eval_command(task: str, data_file: Path, as_json: bool, model_dir: Path | None) -> None:
    """Đánh giá / evaluate: macro-F1, per-class precision/recall/F1, confusion matrix."""
    from kiemchung.analysis.train import evaluate, read_jsonl

    analyser = _analyser(task, model_dir)
    loaded = analyser.load() if hasattr(analyser, "load") else analyser
    if not isinstance(loaded, LinearAnalyser):
        raise ValidationError("eval needs a built-in analyser", field="task", received=task)
    data = read_jsonl(data_file, labels=loaded.labels, extra_fields=loaded.spec.extra_fields)
    result = evaluate(loaded, data)
    if as_json:
        out(json.dumps({"model": loaded.name, "data": str(data_file), "n": len(data.texts),
                        **result.to_dict()}, ensure_ascii=False))
        return
    out(f"model {loaded.name} · data {data_file} · n={len(data.texts)}")
    out(f"macro-F1 {result.macro_f1:.4f} · accuracy {result.accuracy:.4f}")
    for key, value in result.extra.items():
        out(f"{key} {value:.4f}")
    for label, row in result.per_class.items():
        out(f"  {label:<14} P {row['precision']:.4f}  R {row['recall']:.4f}  "
            f"F1 {row['f1']:.4f}  n {int(row['support'])}")
    out("confusion (rows = true, columns = predicted): " + " ".join(result.labels))
    for label, counts in zip(result.labels, result.confusion, strict=True):
        out(f"  {label:<14} " + " ".join(f"{v:>6}" for v in counts))


@click.command("train")
@_TASK
@click.option("--data", "data_dir", required=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder with train.jsonl (and dev.jsonl for metrics): `text`, `label`.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where to write the model (default ./models/TASK).")
@click.option("--c", "c", type=float, help="Inverse regularisation strength (default per task).")
@click.option("--folds", type=int, default=3, show_default=True,
              help="Cross-validation folds on train used to tune decision thresholds.")
@pass_ctx
def train_command(state: CliContext, task: str, data_dir: Path, out_dir: Path | None,
                  c: float | None, folds: int) -> None:
    """Huấn luyện / train a model from DIR/train.jsonl; reports metrics on DIR/dev.jsonl."""
    from kiemchung.analysis.train import save, train_analyser

    target = out_dir or Path("models") / task
    with state.console.status("…") as status:
        analyser, dev = train_analyser(task, data_dir, c=c, folds=folds,
                                       progress=lambda msg: status.update(msg))
    save(analyser, target)
    out(f"model {analyser.name} written to {target}")
    if dev is not None:
        out(f"dev macro-F1 {dev.macro_f1:.4f} · accuracy {dev.accuracy:.4f}")
        state.console.print(_metrics_table("dev", dev))


@click.command("analyse")
@click.option("--all", "redo", is_flag=True, help="Re-analyse every post, not only new ones.")
@click.option("--batch-size", type=int, help="Posts per partition/transaction (default: setting).")
@click.option("--runner", type=click.Choice(["local", "spark"]), default="local", show_default=True)
@pass_ctx
def analyse_command(state: CliContext, redo: bool, batch_size: int | None, runner: str) -> None:
    """Phân tích / analyse posts in the database: labels, signals, risk and priority."""
    from sqlalchemy import func, select

    from kiemchung.batch.analyse import analyse_store
    from kiemchung.storage import models as m

    store = state.store()
    with store.session() as session:
        query = select(func.count()).select_from(m.Post)
        if not redo:
            query = query.where(m.Post.analysed_at.is_(None))
        total = int(session.scalar(query) or 0)
    with Progress(TextColumn("phân tích / analysing"), BarColumn(), MofNCompleteColumn(),
                  console=state.console) as bar:
        task_id = bar.add_task("analyse", total=total)
        done = analyse_store(store, batch_size=batch_size or state.settings.batch_size,
                             only_new=not redo, runner=runner,
                             progress=lambda n: bar.update(task_id, completed=n))
    out(f"analysed {done} posts")


def register_plugins(registry: Registry) -> None:
    """Register ``classify``, ``eval``, ``train`` and ``analyse``."""
    registry.register("commands", "classify", classify_command)
    registry.register("commands", "eval", eval_command)
    registry.register("commands", "train", train_command)
    registry.register("commands", "analyse", analyse_command)
