"""Charts as SVG through the process's one kaleido browser: order, reuse, no network."""

from pathlib import Path
from urllib.parse import urlparse

import plotly.graph_objects as go

from conftest import needs_chromium
from workbook.report import svg


def _bar(title: str, values: list[float]) -> go.Figure:
    return go.Figure(go.Bar(x=["a", "b", "c"], y=values), layout={"title": title})


@needs_chromium
def test_charts_drawn_together_come_back_in_order():
    titles = ["Łukasz spends", "Zoë refers", "王芳 meets", "A fourth, more than the tabs"]
    drawn = svg.draw([_bar(t, [i, i + 1, i + 2]) for i, t in enumerate(titles)])
    for title, picture in zip(titles, drawn, strict=True):
        text = picture.decode()
        assert text.startswith("<svg") and 'width="900"' in text
        assert [t for t in titles if t in text] == [title]


@needs_chromium
def test_an_unchanged_chart_is_not_drawn_again_and_a_changed_one_is(monkeypatch):
    first = svg.draw([_bar("Kept", [1, 2, 3])])[0]
    sent: list[int] = []
    browser = svg._started()
    original = browser.submit
    monkeypatch.setattr(browser, "submit", lambda jobs: sent.append(len(jobs)) or original(jobs))
    again, changed = svg.draw([_bar("Kept", [1, 2, 3]), _bar("Kept", [1, 2, 4])])
    assert again == first and changed != first
    assert sent == [1]  # only the changed chart went to the browser


@needs_chromium
def test_drawing_soon_leaves_the_chart_ready():
    fig = _bar("Drawn while the participant reads", [3, 1, 2])
    svg.draw_soon([fig]).join(timeout=60)
    key = svg._key(fig.to_json(), (svg.WIDTH, svg.height(fig)))
    assert key in svg._drawn


@needs_chromium
def test_the_chart_page_loads_nothing_from_the_network():
    svg.draw([_bar("Offline", [1, 1, 1])])
    page = Path(urlparse(svg._started().kaleido._index).path).read_text(encoding="utf-8")
    assert "src=" in page and "http://" not in page and "https://" not in page
