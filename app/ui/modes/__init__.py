"""Modes: what the window is for right now. Each mode picks the docks shown, the map tool
and the actions that make sense; the window switches modes, never widgets one by one.

- :class:`~app.ui.modes.planning.PlanningMode`: building and optimising tours (today the only one).
- The tour-day mode (the laptop on the bus) comes next, beside it.
"""
