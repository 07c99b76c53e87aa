"""Whole screens: the workspace, the help, the client switcher."""
