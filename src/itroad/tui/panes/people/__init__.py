"""People: who is who at the client and at the service provider, and who holds what.

Three views, one at a time:

- **people** (the default): name, side (client or provider), title, the roles
  they hold for the client, and how many assets, renewals, contracts and roles
  they hold; Enter shows a person's details, ``o`` who owns what, soonest due first.
- **RACI matrix** (``m``): initiatives × people, ``r`` ``a`` ``c`` ``i`` on a cell.
- **roles** (``g``): role assignments of the client; ``n`` assigns one, ``d``
  removes one; ``R`` edits the roles catalogue.

- :mod:`.pane`: the tab (layout, views, details, status lines);
- :mod:`.writes`: what it writes (people, RACI letters, roles);
- :mod:`.view`: the rows, built in the loading worker; :mod:`.matrix`, :mod:`.screens`:
  the RACI matrix widget and the tab's dialogs.
"""

from itroad.tui.panes.people.pane import PeoplePane
from itroad.tui.panes.people.view import people_table, responsibilities

__all__ = ["PeoplePane", "people_table", "responsibilities"]
