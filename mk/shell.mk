# The IOS-style shell (issue 4): cli/.
SHELL_LIBS =
