"""The bitmaps of page ids that search/bitmaps.py counts facets with."""

from search import bitmaps


def test_a_bitmap_holds_exactly_its_ids():
    ids = [0, 7, 8, 9, 1023, 150_001]
    bitmap = bitmaps.from_ids(ids)
    assert bitmap.bit_count() == len(ids)
    contains = bitmaps.members(bitmap)
    assert [pk for pk in range(150_010) if contains(pk)] == ids
    assert not contains(10**9)  # past the end
    assert bitmaps.from_ids([]) == 0 and not bitmaps.members(0)(0)


def test_counts_leave_each_facet_s_own_filter_out():
    snapshot = bitmaps.Snapshot(
        live=bitmaps.from_ids(range(10)),
        pages={
            ("secteur", "musique"): bitmaps.from_ids([1, 2, 3]),
            ("secteur", "livre"): bitmaps.from_ids([3, 4]),
            ("statut", "realisee"): bitmaps.from_ids([2, 3, 4, 5]),
        },
    )
    hits = bitmaps.from_ids([1, 2, 3, 4, 5, 6])
    under_all, counts = bitmaps.count(snapshot, hits, {"secteur": ["musique"]}, ["secteur", "statut"])
    assert under_all == bitmaps.from_ids([1, 2, 3])
    # « secteur » counted without its own filter, « statut » under it.
    assert counts == {"secteur": {"musique": 3, "livre": 2}, "statut": {"realisee": 2}}
