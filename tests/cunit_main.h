/*
 * DOC: the common main() of every CUnit test program
 *
 * A test file defines its suites with CU_SuiteInfo and includes this header
 * after them; CUNIT_MAIN(suites) runs them in basic mode (the summary is what
 * CI reads) and exits non-zero if any test failed, since CU_basic_run_tests()
 * reports success even then.
 */
#ifndef LISPR_CUNIT_MAIN_H
#define LISPR_CUNIT_MAIN_H

#include <stdio.h>
#include <stdlib.h>
#include <CUnit/Basic.h>

static inline int cunit_run(CU_SuiteInfo *suite_list)
{
	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	if (CU_register_suites(suite_list) != CUE_SUCCESS) {
		fprintf(stderr, "suite registration: %s\n", CU_get_error_msg());
		CU_cleanup_registry();
		return 2;
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	unsigned failed = CU_get_number_of_tests_failed();
	unsigned ran = CU_get_number_of_tests_run();
	CU_cleanup_registry();
	if (ran == 0)
		return 1;
	return failed ? 1 : 0;
}

#define CUNIT_MAIN(suites) \
	int main(void) { return cunit_run(suites); }

#endif
