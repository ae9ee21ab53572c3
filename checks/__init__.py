"""Rule packs shipped with docgen (package data; see README.md here)."""
