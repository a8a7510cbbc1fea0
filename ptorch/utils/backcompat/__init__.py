"""Warnings for code written before 0.2, off by default (as in 0.2):

- broadcast_warning: an element-wise op broadcasts operands that have the same number of
  elements but different shapes; before 0.2 they were combined element by element as 1-d.
- keepdim_warning: a reduction along a dimension was called without keepdim; the default
  became False in 0.2 (the reduced dimension is removed), before it was kept.

Switch one on with `ptorch.utils.backcompat.broadcast_warning.enabled = True`."""
from ... import _C


class _Switch:
    """One switch: its `enabled` attribute reads and sets the flag that the ops check."""

    def __init__(self, setter, getter):
        self.setter = setter
        self.getter = getter

    @property
    def enabled(self):
        return self.getter()

    @enabled.setter
    def enabled(self, value):
        self.setter(bool(value))


broadcast_warning = _Switch(_C._set_backcompat_broadcast_warn, _C._get_backcompat_broadcast_warn)
keepdim_warning = _Switch(_C._set_backcompat_keepdim_warn, _C._get_backcompat_keepdim_warn)
