"""Pure domain objects and logic: no Qt, no SQL."""
