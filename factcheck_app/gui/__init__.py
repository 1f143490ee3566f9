"""The Qt desktop face of the desk. The only package that imports Qt."""
