"""Russian number agreement for the counts in user-facing lines: the one home of the rule.

    count(1, "реплика", "реплики", "реплик")    -> "1 реплика"
    count(22, "реплика", "реплики", "реплик")   -> "22 реплики"
    count(12, "реплика", "реплики", "реплик")   -> "12 реплик"
    count(21, "реплики", "реплик", "реплик")    -> "21 реплики"   (после «из»: forms in the genitive)

The caller gives the three forms in the case its phrase needs (`из N` the genitive, `на N` the
accusative, `добит N` the instrumental); the number picks one of them: 1, 21, 101 take the first;
2–4, 22–24 the second; 0, 5–20, 25–30, 111–114 the third.
"""
from __future__ import annotations


def plural_form(n: int, one: str, few: str, many: str) -> str:
    """The form of a noun agreeing with the number n: one (1, 21, 101), few (2–4, 22–24), many (0, 5–20, 111)."""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def count(n: int, one: str, few: str, many: str) -> str:
    """`n` and the form agreeing with it: count(5, "диалог", "диалога", "диалогов") -> "5 диалогов"."""
    return f"{n} {plural_form(n, one, few, many)}"


# The nouns counted in more than one place, in the case each phrase needs.
TOKENS = ("токен", "токена", "токенов")
DIALOGUES = ("диалог", "диалога", "диалогов")
REPLICAS = ("реплика", "реплики", "реплик")
OF_REPLICAS = ("реплики", "реплик", "реплик")  # genitive: `из 21 реплики`, `из 5 реплик`
ROWS = ("строка", "строки", "строк")
