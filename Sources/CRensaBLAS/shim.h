// CBLAS from OpenBLAS plus prototypes for the Fortran LAPACK routines that
// libopenblas.so.0 exports (OpenBLAS does not export LAPACKE_*).
//
// Fortran calling convention: every argument by pointer, 32-bit integers,
// character arguments as char with one hidden trailing length argument (size_t)
// per character argument.
#ifndef RENSA_CBLAS_SHIM_H
#define RENSA_CBLAS_SHIM_H

#include <stddef.h>
#include <cblas.h>

typedef int rensa_lapack_int;

// LU factorisation and solve of a general system A·X = B.
void dgesv_(const rensa_lapack_int *n, const rensa_lapack_int *nrhs, double *a,
            const rensa_lapack_int *lda, rensa_lapack_int *ipiv, double *b,
            const rensa_lapack_int *ldb, rensa_lapack_int *info);

// Symmetric eigen-decomposition by the MRRR algorithm.
void dsyevr_(const char *jobz, const char *range, const char *uplo,
             const rensa_lapack_int *n, double *a, const rensa_lapack_int *lda,
             const double *vl, const double *vu, const rensa_lapack_int *il,
             const rensa_lapack_int *iu, const double *abstol, rensa_lapack_int *m,
             double *w, double *z, const rensa_lapack_int *ldz,
             rensa_lapack_int *isuppz, double *work, const rensa_lapack_int *lwork,
             rensa_lapack_int *iwork, const rensa_lapack_int *liwork,
             rensa_lapack_int *info, size_t jobz_len, size_t range_len,
             size_t uplo_len);

// Singular value decomposition by divide and conquer.
void dgesdd_(const char *jobz, const rensa_lapack_int *m, const rensa_lapack_int *n,
             double *a, const rensa_lapack_int *lda, double *s, double *u,
             const rensa_lapack_int *ldu, double *vt, const rensa_lapack_int *ldvt,
             double *work, const rensa_lapack_int *lwork, rensa_lapack_int *iwork,
             rensa_lapack_int *info, size_t jobz_len);

// LU factorisation with partial pivoting, and solves with its factors.
void dgetrf_(const rensa_lapack_int *m, const rensa_lapack_int *n, double *a,
             const rensa_lapack_int *lda, rensa_lapack_int *ipiv, rensa_lapack_int *info);
void dgetrs_(const char *trans, const rensa_lapack_int *n, const rensa_lapack_int *nrhs,
             const double *a, const rensa_lapack_int *lda, const rensa_lapack_int *ipiv,
             double *b, const rensa_lapack_int *ldb, rensa_lapack_int *info,
             size_t trans_len);

// Eigenvalues (and optionally eigenvectors) of a general real matrix.
void dgeev_(const char *jobvl, const char *jobvr, const rensa_lapack_int *n, double *a,
            const rensa_lapack_int *lda, double *wr, double *wi, double *vl,
            const rensa_lapack_int *ldvl, double *vr, const rensa_lapack_int *ldvr,
            double *work, const rensa_lapack_int *lwork, rensa_lapack_int *info,
            size_t jobvl_len, size_t jobvr_len);

// Machine parameters (used for tolerances).
double dlamch_(const char *cmach, size_t cmach_len);

#endif
