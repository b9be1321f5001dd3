"""``python -m twoway``: the same as the ``twoway`` command."""

import sys

from twoway.cli import main

sys.exit(main())
