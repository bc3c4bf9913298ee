"""The `time` stage: dialogs + dictionaries -> me_dialogs.txt, ti_dialogs.txt (+ their raw twins).

To write another output of this stage (e.g. review.tsv), add its name from files.py to the
stage's `outputs` in pipeline.py and write it here with `ctx.write` next to the others.
"""
from __future__ import annotations

import sys
from collections import Counter

from .. import pronouns
from ..dicts import read_dictionary
from ..files import DIALOGS, DICT_ME, DICT_TI, ME_DIALOGS, RAW_DIALOGS, RAW_ME_DIALOGS, RAW_TI_DIALOGS, TI_DIALOGS
from ..formats import Segment, parse_raw, render_dialog, render_raw
from ..pronouns import PERSONS, NameTable, sentences_to_tag, tag_sentences
from ..pronouns import rules as time_rules
from ..textio import UserError
from .context import Context

OUTPUTS = {"me": (ME_DIALOGS, RAW_ME_DIALOGS), "ti": (TI_DIALOGS, RAW_TI_DIALOGS)}


def check_in_sync(dialogs: list[str], raw: list[str], dialogs_path, raw_path) -> list[list[Segment] | None]:
    """Segments of each line; raw_dialogs.txt must be dialogs.txt line for line."""
    fix = "запустите заново с этапа dialogues (без --from), чтобы записать оба файла"
    if len(dialogs) != len(raw):
        raise UserError(f"{raw_path}: строк {len(raw)}, а в {dialogs_path} — {len(dialogs)}; "
                        f"файлы рассинхронизированы: {fix}")
    parsed: list[list[Segment] | None] = []
    for number, (line, raw_line) in enumerate(zip(dialogs, raw), 1):
        if not line.strip() and not raw_line.strip():
            parsed.append(None)
            continue
        try:
            segments = parse_raw(raw_line)
        except ValueError as err:
            raise UserError(f"{raw_path}:{number}: {err}; {fix}")
        if render_dialog(segments) != line:
            raise UserError(f"{dialogs_path}:{number}: не совпадает с {raw_path}:{number}; "
                            f"исправьте оба файла одинаково или {fix}")
        parsed.append(segments)
    return parsed


def run_time(ctx: Context) -> dict:
    dialogs = ctx.read_lines(DIALOGS)
    raw = ctx.read_lines(RAW_DIALOGS)
    parsed = check_in_sync(dialogs, raw, ctx.path(DIALOGS), ctx.path(RAW_DIALOGS))
    tables = {"me": NameTable(read_dictionary(ctx.path(DICT_ME)), "me"),
              "ti": NameTable(read_dictionary(ctx.path(DICT_TI)), "ti")}
    # Inputs are good: from here an interrupted run must not leave the outputs of an earlier
    # run beside new ones. (A bad input above stops the run with every earlier output kept.)
    for names in OUTPUTS.values():
        for name in names:
            ctx.path(name).unlink(missing_ok=True)

    # Tag every sentence that holds a name in one batched pass.
    wanted = []
    for segments in parsed:
        if segments:
            for table in tables.values():
                wanted.extend(sentences_to_tag(segments, table))
    tag_sentences(wanted)

    lines = {person: [] for person in PERSONS}
    raw_lines = {person: [] for person in PERSONS}
    counts = {person: Counter() for person in PERSONS}
    with_names = 0
    items = parsed if ctx.options.quiet or len(parsed) < 2000 else \
        ctx.progress(parsed, "   time", " lines", mininterval=1.0)
    for number, segments in enumerate(items, 1):
        if segments is None:
            for person in PERSONS:
                lines[person].append("")
                raw_lines[person].append("")
            continue
        changed = False
        for person in PERSONS:
            fired: list = []
            out = pronouns.rewrite_segments(segments, tables[person], person, fired)
            counts[person].update(rule for rule, _ in fired)
            changed = changed or bool(fired)
            lines[person].append(render_dialog(out))
            raw_lines[person].append(render_raw(out))
            if ctx.options.debug_rules and fired:
                print(f"{ctx.path(DIALOGS)}:{number} {person}: "
                      + "; ".join(f"{rule}: {what}" for rule, what in fired), file=sys.stderr)
        with_names += changed
    for person, (name, raw_name) in OUTPUTS.items():
        assert len(lines[person]) == len(dialogs)
        ctx.write(raw_name, "\n".join(raw_lines[person]) + "\n" if raw_lines[person] else "")
        ctx.write(name, "\n".join(lines[person]) + "\n" if lines[person] else "")
    replicas = sum(1 for s in parsed if s)
    for person in PERSONS:
        ctx.log(f"   {person}: " + _rule_summary(counts[person]))
    ctx.log(f"   имя есть в {with_names} из {replicas} реплик; остальные скопированы без изменений")
    return {"реплик с именами": with_names,
            "имён заменено (me)": sum(counts["me"][rule.__name__] for rule in time_rules.REPLACING)}


def _rule_summary(c: Counter) -> str:
    """How often each rule decided, counted by the rule functions themselves."""
    def n(*rules) -> int:
        return sum(c[rule.__name__] for rule in rules)

    r = time_rules
    return (f"имён -> местоимения: {n(r.pronoun_in_case)}, "
            f"-> притяжательные: {n(r.possessive_genitive, r.possessive_adjective)}, "
            f"обращений удалено: {n(r.remove_address)}, глаголов согласовано: {n(r.verb_agreement)}; "
            f"оставлено: {n(r.keep_empty_value)} (\"\" в словаре), {n(r.keep_naming_construction)} "
            f"(конструкции называния), {n(r.keep_lone_address)} (обращение — вся реплика); "
            f"записано значений словаря как есть: {n(r.write_literal_value)}")
