"""``rasid keys``: API keys for the write endpoints of ``rasid serve``; a key is shown once, stored hashed."""

from __future__ import annotations

import argparse
from typing import Any

from rasid.cli import CommandError
from rasid.cli.ingest_cmd import add_db_argument
from rasid.store import StoreError, connect, default_path, transaction
from rasid.store.keys import create_key, list_keys, revoke_key


def register(commands: Any) -> None:
    parser = commands.add_parser("keys", help="create, list or revoke API keys",
                                 description="Manage the API keys that 'rasid serve' accepts for writes. The key "
                                             "is printed once at creation; the database keeps only its sha256.",
                                 epilog="""examples:
  rasid keys create --name analyst-laptop --db corpus.db   # prints the key once
  rasid keys list --db corpus.db
  rasid keys revoke --name analyst-laptop --db corpus.db""",
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=("create", "list", "revoke"))
    add_db_argument(parser)
    parser.add_argument("--name", help="create: a label for the key; revoke: the key's name or id")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    args.db = args.db or default_path()
    if args.action in ("create", "revoke") and not (args.name or "").strip():
        raise CommandError(f"'keys {args.action}' needs --name")
    try:
        conn = connect(args.db, readonly=args.action == "list")
    except StoreError as error:
        raise CommandError(str(error)) from None
    try:
        if args.action == "create":
            with transaction(conn, args.db):
                key, token = create_key(conn, args.name)
            print(token)
            print(f"key {key.id} '{key.name}' created; this is the only time it is shown", flush=True)
        elif args.action == "list":
            for key in list_keys(conn):
                state = f"revoked {key.revoked_at}" if key.revoked_at else "active"
                print(f"{key.id}\t{key.name}\t{key.prefix}…\t{key.created_at}\t{state}")
        else:
            with transaction(conn, args.db):
                count = revoke_key(conn, args.name)
            if not count:
                raise CommandError(f"no active key named or numbered {args.name!r}")
            print(f"revoked {count} key(s)")
    except StoreError as error:
        raise CommandError(str(error)) from None
    finally:
        conn.close()
    return 0
