"""A replica built from its speech, remark and narration, for the tables of the speaker rules."""
from dataset_tools.formats import Segment
from dataset_tools.speakers import Replica


def replica(speech, remark=None, narration=None):
    segments = [Segment(speech)] + ([Segment(remark, True)] if remark else [])
    return Replica(segments, narration or [])
