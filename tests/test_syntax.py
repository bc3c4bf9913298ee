"""dataset_tools/syntax.py: natasha's syntax parser as evidence (real model, never mocked)."""
import pytest

from dataset_tools.syntax import parse_sentences, subject_verbs, verb_subject


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
