"""Entry point of ``python -m analysis``."""

import sys

from analysis.cli import main

if __name__ == "__main__":  # worker processes import this module without running it
    sys.exit(main())
