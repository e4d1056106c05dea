"""
Reading a track listing: credits most tracks share are said once, with the
tracks they cover as ranges ("1–21"), and what differs is kept per track.
"""

from dataclasses import dataclass, field


def position_ranges(positions):
    """'1–21', '1–3, 5, 7–9': sorted positions with consecutive runs joined by an en dash."""
    numbers = sorted(set(positions))
    runs = []
    for number in numbers:
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


@dataclass
class SharedCredit:
    """A credit on most tracks: one of its rows, the tracks it is on and those it is not."""

    credit: object
    positions: list
    missing: list

    @property
    def ranges(self):
        return position_ranges(self.positions)


@dataclass
class TrackCredits:
    position: int
    own: list = field(default_factory=list)
    # No credit at all, shared or own: the listing names nobody for the track.
    uncredited: bool = False


def group_credits(tracks, key):
    """
    (shared, per_track) for `tracks`, a list of (position, credits). A credit
    whose key(credit) is on more than half of the tracks, and on at least two,
    is shared; per_track keeps each track's other credits in listing order.
    """
    counts, first = {}, {}
    for _position, credits in tracks:
        for credit in credits:
            k = key(credit)
            counts[k] = counts.get(k, 0) + 1
            first.setdefault(k, credit)
    shared_keys = [k for k, n in counts.items() if n >= 2 and n * 2 > len(tracks)]
    shared = [SharedCredit(first[k], [], []) for k in shared_keys]
    per_track = []
    for position, credits in tracks:
        keys = {key(credit) for credit in credits}
        for k, row in zip(shared_keys, shared, strict=True):
            (row.positions if k in keys else row.missing).append(position)
        own = [credit for credit in credits if key(credit) not in shared_keys]
        per_track.append(TrackCredits(position, own, uncredited=not credits))
    return shared, per_track
