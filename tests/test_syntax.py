"""dataset_tools/syntax.py: natasha's syntax parser as evidence (real model, never mocked)."""
import pytest

from dataset_tools.syntax import Parse, name_head, parse_sentences, subject_verbs, verb_subject


def words(text):
    return text.replace(",", " ,").replace(".", " .").split()


@pytest.mark.parametrize("sentence, name, verbs", [
    ("Маша стирает, надрывается.", "Маша", ["стирает", "надрывается"]),  # conjoined verbs
    ("Петя солдатом будет.", "Петя", ["солдатом", "будет"]),  # the future copula
    ("Жилин снял свои, бросил, пошел босиком.", "Жилин", ["снял", "бросил", "пошел"]),
    ("Пусть Елена Ивановна завтра же купит словарь.", "Ивановна", ["купит"]),  # flat:name -> the first name
    ("У нас есть хлеб, а она призывает Петю.", "Петю", []),  # an object has no verbs of its own
])
def test_the_predicates_of_a_name_as_subject(sentence, name, verbs):
    tokens = words(sentence)
    [p] = parse_sentences([tokens])
    assert [tokens[v] for v in subject_verbs(p, tokens.index(name))] == verbs


def test_a_verb_with_a_subject_of_its_own_is_not_the_names():
    tokens = words("У нас есть хлеб, а она призывает Петю.")
    [p] = parse_sentences([tokens])
    assert tokens[verb_subject(p, tokens.index("призывает"))] == "она"
    assert tokens[verb_subject(p, tokens.index("есть"))] == "хлеб"


def test_a_cycle_in_the_parse_ends_the_walk():
    # natasha answered this sentence of «Бесы» with a word that is its own head (`a`, flat:foreign):
    # the walk up a name's words looped for ever and held the library run (found 02.12.2026)
    tokens = "Я хотела с вами переговорить , monsieur Latiguine , a propos de Nadine .".split()
    [p] = parse_sentences([tokens])
    for i in range(len(tokens)):
        subject_verbs(p, i)
        verb_subject(p, i)
    loop = Parse(("Жан", "Поль", "ушёл"), (1, 0, -1), ("flat:name", "flat:name", "root"))
    self_loop = Parse(("a", "propos"), (0, -1), ("flat:foreign", "root"))
    assert name_head(loop, 0) in (0, 1) and name_head(self_loop, 0) == 0
    assert subject_verbs(loop, 0) == []
