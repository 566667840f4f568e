"""rasid evaluate (placeholder)."""

from __future__ import annotations

import argparse
from typing import Any


def register(commands: Any) -> None:
    parser = commands.add_parser("evaluate", help="(not yet)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    return 0
