// GLPK 5.0 (Debian's libglpk-dev): the simplex and branch-and-cut solvers behind
// RensaLP. Nothing else is declared here.
#include <glpk.h>
