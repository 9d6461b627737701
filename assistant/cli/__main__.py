"""`python -m assistant.cli`: the `candor` command."""

import sys

from assistant.cli import main

sys.exit(main())
