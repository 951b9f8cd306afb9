# The LISP engine (issue 5): src/lisp*.c, src/map_cache.c; append to src_liblispr_a_SOURCES.
