"""Grouping a track listing's credits: what most tracks share is said once."""

import pytest

from crossing_archive.lib.tracklist import group_credits, position_ranges


@pytest.mark.parametrize(
    ("positions", "expected"),
    [
        ([], ""),
        ([4], "4"),
        (range(1, 22), "1–21"),
        ([1, 2, 3, 5, 7, 8, 9], "1–3, 5, 7–9"),
        ([9, 1, 2, 2], "1–2, 9"),
    ],
)
def test_positions_read_as_ranges(positions, expected):
    assert position_ranges(positions) == expected


def test_credit_on_most_tracks_is_said_once_with_the_uncredited_track_marked():
    tracks = [(position, ["kim"]) for position in range(1, 22)] + [(22, [])]
    shared, per_track = group_credits(tracks, key=str)
    assert [(row.credit, row.ranges, row.missing) for row in shared] == [("kim", "1–21", [22])]
    assert all(track.own == [] for track in per_track)
    assert [track.position for track in per_track if track.uncredited] == [22]


def test_credits_on_few_tracks_stay_with_their_tracks():
    tracks = [(1, ["kim", "lee"]), (2, ["kim"]), (3, ["kim", "park"]), (4, ["park"])]
    shared, per_track = group_credits(tracks, key=str)
    assert [(row.credit, row.ranges, row.missing) for row in shared] == [("kim", "1–3", [4])]
    assert [track.own for track in per_track] == [["lee"], [], ["park"], ["park"]]
    assert not any(track.uncredited for track in per_track)


def test_half_of_the_tracks_is_not_most():
    tracks = [(1, ["kim"]), (2, ["kim"]), (3, ["lee"]), (4, [])]
    shared, per_track = group_credits(tracks, key=str)
    assert shared == []
    assert [track.own for track in per_track] == [["kim"], ["kim"], ["lee"], []]


def test_a_single_track_shares_nothing():
    shared, per_track = group_credits([(1, ["kim"])], key=str)
    assert shared == []
    assert per_track[0].own == ["kim"]
