"""The Datasette plugin: hook implementations live in hooks.py; registering this
package (not the module) lets Datasette find templates/ and static/ beside it."""

from .hooks import *  # noqa: F401,F403
