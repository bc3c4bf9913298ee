"""review.tsv: the me/ti lines a person should look at before training (FORMAT.md §6).

    from dataset_tools.review import review_line, review_rows, render_review
    review_line("<char>сказал Кузьма Петрович", "<char>сказал меня я", {"Кузьма": "меня"}, "me")
        -> [Flag(check="two_pronouns", excerpt="сказал меня я")]
    render_review(review_rows(dialogs, me_lines, ti_lines, me_names, ti_names))   # the file's text
    review_rows(..., book=book_evidence([book_text]))   # with what the whole book says (review/book.py)

The checks read only the source line, the rewritten line, the dictionary and (book_checks.py) the
book's word counts and the replica before: they do not ask the TiMe rules what they meant, so a rule that goes wrong cannot vouch for itself. Each check is a
small named function in CHECKS; it looks at the words the rewrite changed and returns what an
editor would circle, as (first word, last word) of the rewritten line. Pure text functions.
"""
from .checks import CHECKS, UNCHANGED_CHECKS
from .rows import FILES, HEADER, Flag, changed_positions, flagged_lines, render_review, review_line, review_rows
from .words import Pair, Word, align, key_index

__all__ = ["CHECKS", "FILES", "HEADER", "UNCHANGED_CHECKS", "Flag", "Pair", "Word", "align", "changed_positions",
           "flagged_lines", "key_index", "render_review", "review_line", "review_rows"]
