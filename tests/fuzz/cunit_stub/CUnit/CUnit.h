/*
 * DOC: the CUnit assertions the in-process lab (tests/test_lisp_lab.h,
 * with tests/test_router_util.h) and the shell helpers
 * (tests/test_shell_util.h) use, for a libFuzzer
 * target built without CUnit: a failed one is a
 * broken harness, so it aborts and libFuzzer keeps the input.
 */
#ifndef LISPR_FUZZ_CUNIT_STUB_H
#define LISPR_FUZZ_CUNIT_STUB_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CU_ASSERT_FATAL(v) do { \
	if (!(v)) { \
		fprintf(stderr, "%s:%d: lab harness: %s\n", __FILE__, __LINE__, #v); \
		abort(); \
	} \
} while (0)
#define CU_ASSERT(v)			CU_ASSERT_FATAL(v)
#define CU_ASSERT_EQUAL(a, b)		CU_ASSERT_FATAL((a) == (b))
#define CU_ASSERT_EQUAL_FATAL(a, b)	CU_ASSERT_FATAL((a) == (b))
#define CU_ASSERT_NOT_EQUAL(a, b)	CU_ASSERT_FATAL((a) != (b))
#define CU_ASSERT_PTR_NOT_NULL_FATAL(p)	CU_ASSERT_FATAL((p) != NULL)
#define CU_ASSERT_PTR_NOT_NULL(p)	CU_ASSERT_FATAL((p) != NULL)
#define CU_ASSERT_STRING_EQUAL(a, b)	CU_ASSERT_FATAL(strcmp((a), (b)) == 0)

#endif
