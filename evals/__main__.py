"""`python -m evals …`: the same as `candor eval …`."""

import sys

from evals.cli import main

sys.exit(main(sys.argv[1:]))
