"""The speakers stage over a whole library: one dictionary for hundreds of books must not cost
per book what the dictionary costs (it did: the stage did not finish corpus_more in 13 min)."""
import ast

from dataset_tools.characters import build_cast, possessive_forms
from dataset_tools.dicts import _segment, _source_lines, parse_dictionary, render_dictionary
from dataset_tools.formats import Segment
from dataset_tools.remarks import Finder
from dataset_tools.attribution import attribute
from dataset_tools.speakers import Replica

BOOK = {"Петя": "я", "Пети": "меня", "Петиной": "моей", "Петина": "моя", "Маша": "я", "Машиной": "моей",
        "Пётр Иванович": "я"}
OTHER_BOOKS = {"Катя": "я", "Катину": "мою", "Ванина": "моя", "Саша": "я"}


def test_source_segments_read_once_are_those_of_ast():
    text = 'NAMES = {\n    "Пётр Иванович": "я",\n    "Ёлкин"\n    "а": "мне",  # ё\n    "X": "y"}\n'
    lines = _source_lines(text)
    nodes = [n for n in ast.walk(ast.parse(text)) if isinstance(n, ast.Constant)]
    assert len(nodes) == 6
    for node in nodes:
        assert _segment(lines, node) == ast.get_source_segment(text, node)


def test_a_library_sized_dictionary_reads_back():
    # 20,000 entries, as a library's dict_me.py has; the speed of this read is measured by
    # bench/bench_dictionary.py (the old reading split the whole file again for every entry)
    names = {f"Имя{i:05d}": "я" for i in range(20000)}
    assert parse_dictionary(render_dictionary(names, "me")) == names


def test_a_shared_possessive_table_gives_the_same_cast():
    library = BOOK | OTHER_BOOKS
    counts = {form: 2 for form in BOOK}
    alone = build_cast(counts, library)
    shared = build_cast(counts, library, possessive_forms(library))
    assert [(c.name, c.forms) for c in alone.characters] == [(c.name, c.forms) for c in shared.characters]
    assert alone.of_form == shared.of_form
    assert "Петиной" in alone.character_of("Пети").forms and "Машиной" in alone.character_of("Маша").forms


def test_a_shared_finder_gives_the_same_answers():
    counts = {form: 2 for form in BOOK}
    cast = build_cast(counts, BOOK)
    dialogue = [Replica([Segment("Здравствуй, Маша.", False), Segment("сказал Петя", True)], first=True),
                Replica([Segment("Здравствуй.", False)])]
    answers = attribute([dialogue], cast, Finder(BOOK | OTHER_BOOKS), BOOK, {})
    assert answers == [[("Петя", "named"), ("Маша", "turn")]]
