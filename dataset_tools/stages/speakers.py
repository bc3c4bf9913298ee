"""The `speakers` stage (FORMAT.md §8): speakers.tsv, characters.tsv; with --persona NAME the persona files.

    python -m dataset_tools book.txt --out-dir out/                              # speakers.tsv, characters.tsv
    python -m dataset_tools book.txt --out-dir out/ --from speakers --persona Базаров   # + persona_dialogs.txt

The stage re-reads the books through the same dialogue extraction as the dialogues stage (it
needs the narration around each replica) and checks that the replicas are those of
dialogs.txt, line for line. Characters come from dict_me.py (characters.py).
"""
from __future__ import annotations

from collections import Counter

from ..characters import possessive_forms
from ..dialogue import extract_dialogues
from ..dicts import read_dictionary
from ..files import (CHARACTERS, DIALOGS, DICT_ME, DICT_TI, PERSONA_DIALOGS, PERSONA_SPEAKERS, RAW_PERSONA_DIALOGS,
                     SPEAKERS)
from ..formats import render_dialog, render_raw, write_dialogues
from ..persona import persona_dialogue, persona_tables, pretag
from ..remarks import Finder
from ..attribution import attribute_book
from ..textio import UserError
from .context import Context
from ..plural import DIALOGUES, OF_REPLICAS, REPLICAS, count

HOWS = ("play", "named", "pronoun", "turn")
TOP = 10  # characters shown in the summary


def speakers_tsv(answers: list[tuple[int, str, str]]) -> str:
    return "line\tspeaker\thow\n" + "".join(f"{n}\t{s}\t{h}\n" for n, s, h in answers)


def characters_tsv(rows: list[tuple[str, list[str], int]]) -> str:
    return "name\tforms\treplicas\n" + "".join(f"{n}\t{', '.join(f)}\t{r}\n" for n, f, r in rows)


def dialog_line_numbers(dialogues: list[list]) -> list[list[int]]:
    """1-based dialogs.txt line of every replica (one empty line between dialogues)."""
    numbers, line = [], 1
    for dialogue in dialogues:
        numbers.append(list(range(line, line + len(dialogue))))
        line += len(dialogue) + 1
    return numbers


def run_speakers(ctx: Context) -> dict:
    values = read_dictionary(ctx.path(DICT_ME))
    dialog_lines = [line for line in ctx.read_lines(DIALOGS) if line.strip()]
    books = ctx.load_books()
    max_gap = ctx.options.max_gap
    dialogues, answers, characters = [], [], {}
    finder, possessive = Finder(values), possessive_forms(values)  # one dictionary for all the books
    for book in ctx.progress(books, "   speakers", "book") if len(books) > 1 else books:
        extracted = extract_dialogues(book.paragraphs, max_gap)
        result = attribute_book(book.paragraphs, extracted, values, finder, possessive)
        dialogues.extend(extracted.dialogues)
        answers.extend(result.answers)
        for character in result.cast.characters:
            entry = characters.setdefault(character.name, set())
            entry.update(character.forms)
    rendered = [render_dialog(r) for d in dialogues for r in d]
    if rendered != dialog_lines:
        where = next((i for i, (a, b) in enumerate(zip(rendered, dialog_lines)) if a != b),
                     min(len(rendered), len(dialog_lines)))
        raise UserError(f"{ctx.path(DIALOGS)}: реплика {where + 1} не совпадает с тем, что даёт книга; "
                        "файл правили или он от другой книги — перезапустите с этапа dialogues (без --from)")
    numbers = dialog_line_numbers(dialogues)
    rows = [(n, s, h) for ns, d in zip(numbers, answers) for n, (s, h) in zip(ns, d)]
    ctx.write(SPEAKERS, speakers_tsv(rows))
    counts = Counter(s for _, s, _ in rows if s)
    table = sorted(((name, sorted(forms), counts[name]) for name, forms in characters.items() if counts[name]),
                   key=lambda r: (-r[2], r[0]))
    ctx.write(CHARACTERS, characters_tsv(table))
    summary = _summary(ctx, rows, table)

    persona = ctx.options.persona
    if persona:
        summary.update(_write_persona(ctx, persona, dialogues, answers, table, values,
                                      read_dictionary(ctx.path(DICT_TI)),
                                      (PERSONA_DIALOGS, RAW_PERSONA_DIALOGS, PERSONA_SPEAKERS)))
    return summary


def _summary(ctx, rows, table) -> dict:
    total = len(rows)
    by_how = Counter(h for _, s, h in rows if s)
    share = ", ".join(f"{how} {100 * by_how[how] / max(total, 1):.0f}%" for how in HOWS if by_how[how])
    attributed = sum(by_how.values())
    ctx.log(f"   говорящий найден для {attributed} из {count(total, *OF_REPLICAS)} ({100 * attributed / max(total, 1):.0f}%: "
            f"{share or 'нет'}); остальные оставлены без говорящего")
    if table:
        ctx.log("   больше всех говорят: " + ", ".join(f"{n} ({r})" for n, _, r in table[:TOP]))
    return {"реплик с говорящим": f"{attributed} из {total}", "персонажей": len(table)}


def _write_persona(ctx, persona, dialogues, answers, table, me_values, ti_values, names) -> dict:
    dialogs_name, raw_name, roles_name = names
    forms = {name: list(f) for name, f, _ in table}
    key = persona.strip().lower().replace("ё", "е")
    chosen = next((name for name, f, _ in table
                   if key == name.lower().replace("ё", "е") or key in {x.lower().replace("ё", "е") for x in f}),
                  None)
    if chosen is None:
        top = ", ".join(name for name, _, _ in table[:TOP]) or "нет ни одного"
        raise UserError(f"--persona {persona}: такого говорящего персонажа нет в characters.tsv; "
                        f"возьмите имя или любую форму имени оттуда (например: {top})")
    picked = [(d, [s for s, _ in a]) for d, a in zip(dialogues, answers) if any(s == chosen for s, _ in a)]
    tables = [persona_tables(speakers, chosen, forms, me_values, ti_values) for _, speakers in picked]
    pretag([d for d, _ in picked], tables)
    out, raw_out, roles = [], [], []
    for (dialogue, speakers), pair in zip(picked, tables):
        rewritten, dialogue_roles = persona_dialogue(dialogue, speakers, chosen, forms, me_values, ti_values, pair)
        out.append([render_dialog(r) for r in rewritten])
        raw_out.append([render_raw(r) for r in rewritten])
        roles.append(dialogue_roles)
    numbers = dialog_line_numbers(out)
    ctx.write(raw_name, write_dialogues(raw_out))
    ctx.write(dialogs_name, write_dialogues(out))
    ctx.write(roles_name, "line\trole\n" + "".join(f"{n}\t{r}\n" for ns, rs in zip(numbers, roles)
                                                  for n, r in zip(ns, rs)))
    spoken = sum(r == "persona" for rs in roles for r in rs)
    ctx.log(f"   персона {chosen}: {count(len(out), *DIALOGUES)}, {count(spoken, *REPLICAS)} персоны → {ctx.path(dialogs_name)}")
    return {"диалогов персоны": len(out)}
