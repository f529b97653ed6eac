"""``python -m lrcourse``: see :mod:`lrcourse.cli`."""

import sys

from .cli import main

sys.exit(main())
