"""The workbook's charts, one module per exercise, gathered here: ``plots.money_trail``,
``plots.coverage``, ``plots.goal_map``, ``plots.gains_grid``, ``plots.network``,
``plots.reciprocity``, ``plots.follow_up_timeline``. Each returns a plotly figure (or, as
``*_spec``, the same figure as plain data for the action plan's chart browser).

Nothing here shows a figure or reads the workbook. Every label that comes from the participant's
data is HTML-escaped before plotly sees it, because plotly renders hover and axis text as HTML.
"""

from __future__ import annotations

from ._chart_parts import DEPTH_COLOURS, DEPTH_LABELS, Spec  # noqa: F401
from .plots_follow_up import follow_up_timeline  # noqa: F401
from .plots_gains import gains_grid  # noqa: F401
from .plots_goals import goal_map, goal_map_spec  # noqa: F401
from .plots_money_trail import (  # noqa: F401
    CHART_WIDTH,
    money_trail,
    money_trail_spec,
    money_trail_treemap,
)
from .plots_network import WEBGL_FROM, network, network_spec, reciprocity  # noqa: F401
from .plots_preferred_clients import coverage  # noqa: F401
