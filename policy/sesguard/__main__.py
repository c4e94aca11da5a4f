"""`python -m sesguard` = the `sesguard` console script."""

import sys

from .cli import main

sys.exit(main())
