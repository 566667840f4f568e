import sys

from rasid.cli.main import main

sys.exit(main())
