import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from hypothesis import given
from hypothesis import strategies as st

import workbook
from workbook import network, plots
from workbook.widgets import ContactsTable, NetworkChart, ReferrabilityCheck, ReferralLog


def _contacts(depths, positions):
    n = len(depths)
    return pd.DataFrame(
        {
            "id": range(1, n + 1),
            "name": [f"P{i}" for i in range(n)],
            "company": [""] * n,
            "position": positions,
            "profession": [""] * n,
            "depth": depths,
        }
    )


@given(
    st.lists(
        st.tuples(
            st.sampled_from(list(network.RINGS)),
            st.sampled_from(["Realtor", "Dentist", "Wealth Manager", "Owner", ""]),
        ),
        min_size=1,
        max_size=200,
    )
)
def test_layout_rings_by_depth_and_sectors_by_profession(people):
    placed = network.layout(_contacts([d for d, _ in people], [p for _, p in people]))
    radius = np.hypot(placed["x"], placed["y"])
    assert np.allclose(radius, placed["depth"].map(network.RINGS))
    # Every person sits inside their own profession's sector.
    sectors = {name: (start, width) for name, start, width in placed.attrs["sectors"]}
    for angle, sector in zip(placed["angle"], placed["sector"], strict=True):
        start, width = sectors[sector]
        assert start <= angle <= start + width + 1e-9
    # Sectors are as wide as their share of people, and cover the circle.
    assert sum(w for _, w in sectors.values()) == pytest.approx(2 * np.pi)
    counts = placed["sector"].value_counts()
    for name, (_, width) in sectors.items():
        assert width == pytest.approx(2 * np.pi * counts[name] / len(placed))
    # Nobody sits on top of anybody else.
    assert len(
        {(round(x, 9), round(y, 9)) for x, y in zip(placed["x"], placed["y"], strict=True)}
    ) == len(placed)


def test_reciprocity_balances_given_and_received(demo_workbook):
    table = demo_workbook.reciprocity().set_index("name")
    assert table.loc["Carla Nuñez", ["given", "received"]].tolist() == [2, 1]
    assert table.loc["Carla Nuñez", "value_received"] == 9400
    assert table.loc["Grace Kim", "balance"] == -1


def test_referral_needs_a_direction_a_real_date_and_a_fair_value(demo_workbook):
    carla = int(demo_workbook.contacts().iloc[0]["id"])
    with pytest.raises(workbook.InputError, match="gave this referral or received"):
        demo_workbook.add_referral(carla, "sideways")
    with pytest.raises(workbook.InputError, match="Write it like"):
        demo_workbook.add_referral(carla, "given", "yesterday")
    with pytest.raises(workbook.InputError, match="cannot be negative"):
        demo_workbook.add_referral(carla, "received", None, "x", "-5")
    ref = demo_workbook.add_referral(carla, "received", None, "A buyer", "$1,200")
    row = demo_workbook.referrals().set_index("id").loc[ref]
    assert row["value"] == 1200 and row["on_date"] == demo_workbook.today().isoformat()


def test_network_plot_escapes_hover_text_and_sizes_by_referrals(demo_workbook):
    demo_workbook.add_contact(name="<img src=x onerror=alert(1)>", company="Evil & Co")
    fig = plots.network(demo_workbook.network_layout(), "Dana")
    blob = fig.to_json()
    assert "<img" not in blob and "&lt;img" in blob
    partners = next(t for t in fig.data if t.name == "Referral partner")
    contacts = next(t for t in fig.data if t.name == "Contact")
    assert isinstance(partners, go.Scatter)
    assert partners.marker.size[0] > min(contacts.marker.size)  # Carla exchanged 3


def test_big_networks_use_webgl_and_stay_small():
    n = 5000
    depths = np.random.default_rng(3).choice(list(network.RINGS), n)
    fig = plots.network(network.layout(_contacts(list(depths), ["Realtor"] * n)))
    assert all(
        isinstance(t, go.Scattergl) for t in fig.data if t.name in plots.DEPTH_LABELS.values()
    )
    assert len(fig.to_json()) < 3_000_000 * n / 30_000


def test_contacts_table_edits_adds_and_removes(demo_workbook):
    wb = demo_workbook
    table = ContactsTable(wb)
    tom = int(wb.contacts().set_index("name").loc["Tom Reyes", "id"])
    row = table.rows.rows[tom]
    row.change.click()
    order = list(table.rows.order)
    row.fields["depth"].value = "acquaintance"  # chosen from the list, never typed exactly
    assert wb.contacts().set_index("name").loc["Tom Reyes", "depth"] == "acquaintance"
    assert table.rows.order == order  # the open row stays where it is
    assert table.rows.rows[tom] is row and row.is_open  # and is not made again
    row.fields["name"].value = ""
    assert row.status.kind == "error" and "needs a name" in row.status.value
    assert wb.contacts().set_index("id").loc[tom, "name"] == "Tom Reyes"
    row.change.click()  # done: the list takes its order again
    assert not row.is_open
    table.name.value = "Ines Ortega"
    table.position.value = "Senior Move Manager"
    table.depth.value = "connection"
    table.add_button.click()
    ines = int(wb.contacts().set_index("name").loc["Ines Ortega", "id"])
    assert "Ines Ortega" in table.rows.rows[ines].line.value
    assert "Senior move manager" in table.rows.rows[ines].line.value  # guessed from the title
    assert "Meet someone in senior move manager" not in wb.coverage()["next_step"].tolist()
    table.rows.rows[ines].remove.click()
    assert "Ines Ortega" in set(wb.contacts()["name"])  # it asks first
    table.rows.rows[ines].yes.click()
    assert "Ines Ortega" not in set(wb.contacts()["name"])
    assert ines not in table.rows.rows
    table.rows.undo_line.button.click()  # and it can be undone
    assert "Ines Ortega" in set(wb.contacts()["name"])


def test_referral_log_and_chart_follow_each_other(demo_workbook):
    wb = demo_workbook
    log, chart = ReferralLog(wb), NetworkChart(wb)
    log.person.value = "Grace Kim"
    log.direction.value = "given"
    log.what.value = "A family needing a will"
    log.log_button.click()
    assert log.status.kind == "saved"
    assert wb.reciprocity().set_index("name").loc["Grace Kim", "balance"] == 0
    assert "they give more" not in log.balance.value.split("Grace Kim")[1].split("</tr>")[0]
    reciprocity = chart.figures[1]
    assert "Grace Kim" in reciprocity.data[0].y
    log.person.value = ""
    log.log_button.click()
    assert "Pick the person" in log.status.value
    assert "→ to Grace Kim: A family needing a will" in log.recent.value
    picked = next(v for label, v in log.remover.choice.options if "A family needing" in label)
    log.remover.choice.value = picked
    log.remover.button.click()
    assert "A family needing a will" in set(wb.referrals()["what"])  # it asks first
    log.remover.yes.click()
    assert "A family needing a will" not in set(wb.referrals()["what"])
    assert "A family needing a will" not in log.recent.value
    log.remover.undo_line.button.click()
    assert "A family needing a will" in set(wb.referrals()["what"])


def test_referrability_check_for_you_and_a_partner(demo_workbook):
    wb = demo_workbook
    check = ReferrabilityCheck(wb)
    assert all(box.value for box in check.checks.values())  # Dana ticked all three
    assert "Grace Kim</b>: not yet honours referrals" in check.summary.value
    grace = int(wb.contacts().set_index("name").loc["Grace Kim", "id"])
    check.person.value = grace
    assert not check.checks["honours_referrals"].value
    check.checks["honours_referrals"].value = True
    assert "Grace Kim" not in check.summary.value
    check.person.value = -1
    assert check.checks["honours_referrals"].value  # yours, unchanged
    with workbook.open(wb.path) as again:
        row = again.referrability().set_index("name").loc["Grace Kim"]
        assert row["honours_referrals"] == 1


def test_two_rows_of_one_person_are_shown_and_merged_with_one_click(tmp_workbook):
    wb = tmp_workbook
    goal = wb.add_goal("Three estate lawyers who refer")
    wb.add_goal_person(goal, name="Grace Kim", depth="connection")
    wb.add_contact(name="Grace  Kim", company="Kim Elder Law", email="grace@kimlaw.example")
    table = ContactsTable(wb)
    assert len(table.same_person.children) == 1
    card = table.same_person.children[0]
    assert (
        "The same person?" in card.children[0].value and "Kim Elder Law" in card.children[0].value
    )
    card.children[1].click()
    assert table.status.kind == "saved"
    assert len(wb.contacts()) == 1 and len(wb.goal_people()) == 1  # still on her goal
    assert wb.contacts().iloc[0]["company"] == "Kim Elder Law"
    assert table.same_person.children == ()
