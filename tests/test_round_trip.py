"""Property tests: whatever a participant types that the workbook accepts comes back unchanged."""

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import workbook

# Names as people type them: accents, CJK, apostrophes, ampersands, quotes, emoji, newlines.
text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))
    | st.sampled_from(list("'&\"<>;,\n\t") + list(string.ascii_letters)),
    max_size=60,
)
names = text.filter(lambda s: s.strip())
amounts = st.floats(min_value=0, max_value=1e7, allow_nan=False, allow_infinity=False)

edits = st.lists(
    st.one_of(
        st.tuples(st.just("name"), names),
        st.tuples(st.just("profession"), text),
        st.tuples(st.just("notes"), text),
        st.tuples(st.just("amount"), amounts),
        st.tuples(st.just("years_as_customer"), st.floats(0, 100, allow_nan=False)),
        st.tuples(st.just("referrals_sent"), st.integers(0, 10_000)),
        st.tuples(st.just("frequency"), st.sampled_from(["per_visit", "per_month", "per_year"])),
    ),
    max_size=25,
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=names, changes=edits)
def test_any_sequence_of_edits_reads_back_as_the_last_values(tmp_path_factory, first, changes):
    path = tmp_path_factory.mktemp("rt") / "wb.sqlite"
    with workbook.open(path) as wb:
        business_id = wb.add_business(name=first)
        expected = {"name": first.strip()}
        for field, value in changes:
            wb.update_business(business_id, **{field: value})
            expected[field] = value.strip() if isinstance(value, str) else value
    with workbook.open(path) as again:  # a new kernel
        row = again.businesses().set_index("id").loc[business_id]
    for field, value in expected.items():
        assert row[field] == value, field


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=text, business=text, preferred=text)
def test_profile_text_round_trips(tmp_path_factory, name, business, preferred):
    path = tmp_path_factory.mktemp("pf") / "wb.sqlite"
    with workbook.open(path) as wb:
        wb.set_profile(name=name, business=business, preferred_client=preferred)
    with workbook.open(path) as again:
        profile = again.profile()
    assert (profile.name, profile.business, profile.preferred_client) == (
        name.strip(),
        business.strip(),
        preferred.strip(),
    )
