"""Modes: what the window is for right now; the window switches modes, never widgets one by one.

- :class:`~app.ui.modes.planning.PlanningMode`: building and optimising tours (today the only
  one): it picks the map tool (edit sites, browse when read-only, set a gate) and whether the
  editors edit. With a single mode the docks are the user's own saved layout.
- The tour-day mode (the laptop on the bus) comes next, beside it; it will also choose its
  docks and the actions that make sense aboard.
"""
