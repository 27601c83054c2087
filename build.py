"""Build the site: `python build.py [build|ingest|serve|check] [options]`. See README.md."""

import sys

from newsdigest.cli import main

if __name__ == "__main__":
    sys.exit(main())
