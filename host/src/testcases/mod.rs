//! `pincer test`: case files, the private home each case runs in (and its
//! settings), and the comparison of what a case expects with what the
//! audit found.

pub(crate) mod case_home;
pub(crate) mod cases;
pub(crate) mod outcome;
pub(crate) mod prepare;
