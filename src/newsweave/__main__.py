"""`python -m newsweave` is the `newsweave` command."""

import sys

from newsweave.cli import main

sys.exit(main())
