"""TiMe rule fixes of issue 9, as table rows of real Russian (rewrite_line, the real natasha)."""
import pytest

from dataset_tools.pronouns import rewrite_line

NAMES = {"Самойленко": "я", "Михаила": "меня", "Иванович": "я", "Михаиле": "мне", "Митрич": "я",
         "Ачмианов": "я", "Никодиму Александрычу": "мне", "Вася": "я"}


@pytest.mark.parametrize("raw, me", [
    # `им` is the pronoun, not the abbreviation `им.` (имени) of a naming construction
    ("@Господа, поскорей! |крикнул им Самойленко|", "@Господа, поскорей! |крикнул им я|"),
    # a first name with a lone patronymic after it is one person, one pronoun (old colloquial case)
    ("@Ну, батюшка Михаиле Митрич |обратился он к командиру|", "@Ну, батюшка |обратился он к командиру|"),
    ("@Ну что, Михаила Иванович, как вы поживаете?", "@Ну что, как вы поживаете?"),
    ("@Михаила Иванович пришёл.", "@Я пришёл."),
    # two people side by side stay two pronouns (FORMAT.md §6: the technique)
    ("@Ничего, пусть |шепнул Ачмианов Никодиму Александрычу| я заплачу.",
     "@Ничего, пусть |шепнул я мне| я заплачу."),
])
def test_rule_fixes(raw, me):
    assert rewrite_line(raw, NAMES, "me") == me
