"""The `names` stage: books -> dict_me.py, dict_ti.py (merged over all the books)."""
from __future__ import annotations

from collections import Counter

from .. import nlp
from ..dicts import check_existing, write_dictionary
from ..files import DICT_ME, DICT_TI
from ..names import (PARTICLES, WORD_RE, LemmaEvidence, Mention, NameSearch, build_mappings, is_context_dependent,
                     main_lemma, search_names)
from ..plural import plural_form
from .context import Context

KEPT = "словарей оставлено (изменены вами)"


def _search_book(paragraphs: list[str]) -> NameSearch:
    """In a worker process: the search, without the tokens (no need to pickle them back)."""
    search = search_names(paragraphs)
    search.tokens, search.book = [], None
    return search


def _search_books(ctx: Context, books) -> list[NameSearch]:
    if len(books) > 1 and ctx.workers > 1:
        nlp.get_ner_tagger(), nlp.get_morph_tagger(), nlp.get_morph()  # loaded once: the forked workers share them
        bar = ctx.progress(None, "   names", "book", total=len(books))
        searches = ctx.map_books(_search_book, [book.paragraphs for book in books], done=lambda i: bar.update())
        bar.close()
        return searches
    searches = []
    for book in ctx.progress(books, "   names", "book") if len(books) > 1 else books:  # progress per book
        progress = None
        if not ctx.options.quiet and len(book.paragraphs) > 500:
            def progress(items, total):
                return ctx.progress(items, "   names: NER", "par", total=total)
        searches.append(search_names(book.paragraphs, progress=progress))
    return searches


def run_names(ctx: Context) -> dict:
    force = ctx.options.force
    keep = {name: check_existing(ctx.path(name), force) for name in (DICT_ME, DICT_TI)}
    for name, kept in keep.items():
        if kept:
            ctx.log(f"   {ctx.path(name)}: изменён вами, оставлен как есть "
                    "(запустите с --force, чтобы создать его заново по книге)")
    if all(keep.values()):
        return {KEPT: 2}

    books = ctx.load_books()
    searches = _search_books(ctx, books)
    mentions: list[Mention] = []
    for book, search in zip(books, searches):
        mentions.extend(search.mentions)
        _log_book(ctx, book.path, search)
    me_map, ti_map = build_mappings(mentions)
    if not me_map:
        ctx.log("   имён людей не найдено: словари записаны пустыми "
                "(впишите имена вручную и запустите с --from time)")
    for name, mapping, person in ((DICT_ME, me_map, "me"), (DICT_TI, ti_map, "ti")):
        if not keep[name]:
            write_dictionary(ctx.path(name), mapping, person, *ctx.books_origin())
    dependent = sum(is_context_dependent(form, value) for form, value in me_map.items())
    decided = plural_form(dependent, "решается", "решаются", "решаются")  # `решается 1`, `решаются 2`
    ctx.log(f"   форм в словарях: {len(me_map)}, из них по контексту на этапе time {decided} {dependent} "
            "(несклоняемые, латиницей или неоднозначные)")
    names = {main_lemma(word) for m in mentions if m.kind == "name" for word in WORD_RE.findall(m.text)
             if word.lower() not in PARTICLES and not word[:1].islower()}  # not the kin title of `отца Кондрата`
    counts = {"имён найдено": len(names), "форм имён": len(me_map),
              "упоминаний имён": sum(m.kind == "name" for m in mentions)}
    if any(keep.values()):  # said in the summary too, which -q still prints
        counts[KEPT] = sum(keep.values())
    return counts


def _log_book(ctx: Context, path, search: NameSearch) -> None:
    names = [m for m in search.mentions if m.kind == "name"]
    possessives = sum(m.kind == "possessive" for m in search.mentions)
    # the most NER-voted first, ties by the word itself: the log reads the same on every run
    rejected = sorted((lemma for lemma, (ok, _) in search.lemmas.items() if not ok),
                      key=lambda lemma: (-search.evidence.get(lemma, LemmaEvidence(lemma)).ner_per, lemma))
    by_rule = Counter(rule for ok, rule in search.lemmas.values() if not ok)
    ctx.log(f"   {path}: упоминаний имён {len(names)}, имён (лемм) {len(search.lemmas) - len(rejected)}, "
            f"притяжательных прилагательных {possessives}; отброшено слов, принятых NER за имена: {len(rejected)} ("
            + ", ".join(f"{rule}: {n}" for rule, n in sorted(by_rule.items(), key=lambda item: (-item[1], item[0])))
            + ")"
            + (f", например: {', '.join(rejected[:6])}" if rejected else ""))
    if ctx.options.debug_rules:
        for lemma, (ok, rule) in sorted(search.lemmas.items()):
            ev = search.evidence.get(lemma, LemmaEvidence(lemma))  # reject_animal judges whole names
            ctx.log(f"      {'+' if ok else '-'} {lemma}: {rule} (PER {ev.ner_per}, PER не в начале предложения "
                    f"{ev.ner_per_mid}, LOC/ORG {ev.ner_other}, после титула {ev.after_title}, "
                    f"с заглавной не в начале предложения {ev.cap_mid}, со строчной {ev.lower})")
